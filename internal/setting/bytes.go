package setting

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseBytes parses a size in bytes: a plain number, or one with a K, M,
// G or T suffix (powers of 1024, an optional trailing B or iB).
func ParseBytes(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	if n := len(t); n > 0 {
		if i := strings.IndexByte("KMGT", t[n-1]); i >= 0 {
			mult = 1 << (10 * (i + 1))
			t = t[:n-1]
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f != f || f < 0 {
		return 0, fmt.Errorf("%q is not a size: write 500M, 4G or a number of bytes", s)
	}
	if f*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(f * float64(mult)), nil
}

// FormatBytes writes a size as ParseBytes reads it, rounded: "4.0G".
func FormatBytes(n int64) string {
	const units = "KMGT"
	if n < 1024 {
		return strconv.FormatInt(n, 10) + "B"
	}
	f, i := float64(n)/1024, 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + string(units[i])
}
