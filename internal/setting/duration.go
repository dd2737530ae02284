package setting

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ParseDuration parses a length of time: a plain number of seconds ("4",
// "1.5") or a Go duration ("4s", "1500ms", "1m30s"). It refuses NaN,
// infinities, negative lengths and lengths over MaxDuration.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(t, 64); err == nil && isDecimal(t) {
		d, p := seconds(f)
		if p != "" {
			return 0, fmt.Errorf("%q %s", s, p)
		}
		return d, nil
	}
	if d, err := time.ParseDuration(t); err == nil {
		switch {
		case d < 0:
			return 0, fmt.Errorf("%q is negative", s)
		case d > MaxDuration:
			return 0, fmt.Errorf("%q is too long: at most %s", s, FormatDuration(MaxDuration))
		}
		return d, nil
	}
	// time.ParseDuration refuses what overflows an int64 of nanoseconds
	// ("9999999h") and exponents ("1e3ms"); both still have a length.
	num := strings.TrimRightFunc(t, unicode.IsLetter)
	if unit, ok := unitSeconds(t[len(num):]); ok && isDecimal(num) {
		if f, err := strconv.ParseFloat(num, 64); err == nil {
			d, p := seconds(f * unit)
			if p != "" {
				return 0, fmt.Errorf("%q %s", s, p)
			}
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q %s", s, notTime)
}

const notTime = "is not a length of time: write 4, 4s, 1.5s or 500ms"

// Seconds returns f seconds as a Duration, rounded to the nanosecond, with
// the bounds of ParseDuration; it is for numbers a decoder has already
// read as numbers.
func Seconds(f float64) (time.Duration, error) {
	d, p := seconds(f)
	if p != "" {
		return 0, fmt.Errorf("%ss %s", formatFloat(f), p)
	}
	return d, nil
}

// seconds bounds f seconds; the problem, if any, is worded to follow the
// value it is about.
func seconds(f float64) (time.Duration, string) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, notTime
	case f < 0:
		return 0, "is negative"
	case f > MaxDuration.Seconds():
		return 0, "is too long: at most " + FormatDuration(MaxDuration)
	}
	return time.Duration(math.Round(f * float64(time.Second))), ""
}

// isDecimal reports whether s is a decimal number, which
// strconv.ParseFloat accepts among others ("0x1p4", "inf", "1_0").
func isDecimal(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.eE+-") == ""
}

// unitSeconds returns the length of a unit of time.ParseDuration.
func unitSeconds(u string) (float64, bool) {
	switch u {
	case "ns":
		return 1e-9, true
	case "us", "µs", "μs":
		return 1e-6, true
	case "ms":
		return 1e-3, true
	case "s":
		return 1, true
	case "m":
		return 60, true
	case "h":
		return 3600, true
	}
	return 0, false
}

// FormatDuration writes d as kenburns' documentation does: "4s", "1.5s",
// "500ms", "1m30s", "1h", without the zero minutes and seconds that
// time.Duration.String adds.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// DurationValue is a command-line flag holding a length of time written
// as ParseDuration reads it.
type DurationValue struct{ D *time.Duration }

// String returns the length as FormatDuration writes it.
func (v DurationValue) String() string {
	if v.D == nil {
		return ""
	}
	return FormatDuration(*v.D)
}

// Set parses s with ParseDuration.
func (v DurationValue) Set(s string) error {
	d, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*v.D = d
	return nil
}

// Type names the flag's kind in help text.
func (v DurationValue) Type() string { return "duration" }
