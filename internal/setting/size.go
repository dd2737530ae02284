package setting

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// CheckSize returns nil if w×h is an output size kenburns can encode:
// both sides even, from MinSize to MaxSize.
func CheckSize(w, h int) error {
	if p := sizeProblem(w, h); p != "" {
		return fmt.Errorf("invalid size %dx%d: %s", w, h, p)
	}
	return nil
}

func sizeProblem(w, h int) string {
	if w < MinSize || h < MinSize || w > MaxSize || h > MaxSize || w%2 != 0 || h%2 != 0 {
		return fmt.Sprintf("width and height must be even numbers from %d to %d", MinSize, MaxSize)
	}
	return ""
}

// ParseSize parses "WIDTHxHEIGHT" ("1920x1080", "1280X720") and checks it
// with CheckSize. Named sizes such as "1080p" are the presets package's.
func ParseSize(s string) (w, h int, err error) {
	w, h, ok := CutSize(s)
	if !ok {
		return 0, 0, fmt.Errorf("invalid size %q: want WIDTHxHEIGHT such as 1920x1080", s)
	}
	if p := sizeProblem(w, h); p != "" {
		return 0, 0, fmt.Errorf("invalid size %q: %s", s, p)
	}
	return w, h, nil
}

// CutSize reads "WIDTHxHEIGHT" without checking the numbers, so that a
// caller knowing other spellings can tell a mistyped size from a bad one.
// A side too large for an int reads as math.MaxInt.
func CutSize(s string) (w, h int, ok bool) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	if !ok {
		return 0, 0, false
	}
	w, ok1 := digits(a)
	h, ok2 := digits(b)
	return w, h, ok1 && ok2
}

// digits parses a non-empty run of ASCII digits; one too large for an int
// reads as math.MaxInt, so that bounds, not syntax, refuse it.
func digits(s string) (int, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return math.MaxInt, true
	}
	return n, true
}

// CheckZoom returns nil if z is a zoom for automatic and preset motions:
// from MinZoom to MaxZoom.
func CheckZoom(z float64) error {
	if !(z >= MinZoom && z <= MaxZoom) { // also refuses NaN
		return fmt.Errorf("zoom %g: want %s", z, limit("zoom").Range())
	}
	return nil
}

// CheckKeyframeZoom returns nil if z is a keyframe's zoom: above 0 and at
// most MaxKeyframeZoom.
func CheckKeyframeZoom(z float64) error {
	if !(z > 0 && z <= MaxKeyframeZoom) { // also refuses NaN
		return fmt.Errorf("keyframe zoom %g: want %s", z, limit("keyframe zoom").Range())
	}
	return nil
}

// CheckCRF returns nil if n is a constant rate factor of some codec, from MinCRF
// to MaxCRF.
func CheckCRF(n int) error {
	if n < MinCRF || n > MaxCRF {
		return fmt.Errorf("crf %d: want %s", n, limit("crf").Range())
	}
	return nil
}
