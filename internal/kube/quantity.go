package kube

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A size as Kubernetes writes quantities of bytes: a whole number with a
// binary (Ki, Mi, ...) or decimal (k, M, ...) suffix, or none.
var sizeRE = regexp.MustCompile(`^([0-9]+)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$`)

var (
	binaryUnits  = []string{"", "Ki", "Mi", "Gi", "Ti", "Pi"}
	decimalUnits = []string{"", "k", "M", "G", "T", "P"}
)

// parseSize reads a size such as 50Gi and returns its bytes and the same
// size as the API server writes it back: in the largest unit of its
// family that divides it (2048Mi is 2Gi).
func parseSize(s string) (bytes int64, canonical string, err error) {
	m := sizeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, "", fmt.Errorf("size %q: write a whole number with a unit, such as 50Gi or 500M", s)
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || n == 0 {
		return 0, "", fmt.Errorf("size %q: want a number above 0 and below 2^63 bytes", s)
	}
	// A plain number is decimal to the API: 1000 is written 1k.
	units, base := decimalUnits, int64(1000)
	if strings.HasSuffix(m[2], "i") {
		units, base = binaryUnits, 1024
	}
	exp := 0
	for i, u := range units {
		if u == m[2] {
			exp = i
		}
	}
	bytes = n
	for range exp {
		if bytes > (1<<62)/base {
			return 0, "", fmt.Errorf("size %q is too large", s)
		}
		bytes *= base
	}
	return bytes, formatSize(bytes, units, base), nil
}

// formatSize writes n bytes in the largest of units (powers of base) that
// divides it.
func formatSize(n int64, units []string, base int64) string {
	i := 0
	for i < len(units)-1 && n%base == 0 && n > 0 {
		n /= base
		i++
	}
	return strconv.FormatInt(n, 10) + units[i]
}

// mebibytes writes n MiB as the API server does.
func mebibytes(n int64) string { return formatSize(n<<20, binaryUnits, 1024) }

// DNS names as Kubernetes allows them for objects (RFC 1123).
var labelRE = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

// checkLabel checks an RFC 1123 label: a Job's name (and its pods'
// hostnames) must be one.
func checkLabel(s string) error {
	if len(s) > 63 || !labelRE.MatchString(s) {
		return fmt.Errorf("%q is not a DNS label: at most 63 characters of a-z, 0-9 and -, starting and ending with a letter or digit", s)
	}
	return nil
}

// checkSubdomain checks an RFC 1123 subdomain: dot-separated labels, as a
// claim's name must be.
func checkSubdomain(s string) error {
	if len(s) > 253 {
		return fmt.Errorf("%q is longer than 253 characters", s)
	}
	for _, l := range strings.Split(s, ".") {
		if !labelRE.MatchString(l) {
			return fmt.Errorf("%q is not a DNS subdomain: labels of a-z, 0-9 and - separated by dots", s)
		}
	}
	return nil
}
