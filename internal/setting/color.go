package setting

import (
	"fmt"
	"image/color"
	"strings"
)

// ParseColor parses a colour: black, white, gray or grey in any case, or
// "#rrggbb" with or without the "#" (a shell or YAML comment would eat an
// unquoted "#").
func ParseColor(s string) (color.NRGBA, error) {
	switch strings.ToLower(s) {
	case "black":
		return color.NRGBA{0, 0, 0, 255}, nil
	case "white":
		return color.NRGBA{255, 255, 255, 255}, nil
	case "gray", "grey":
		return color.NRGBA{128, 128, 128, 255}, nil
	}
	h := strings.TrimPrefix(s, "#")
	var rgb [3]uint8
	if len(h) != 6 {
		return color.NRGBA{}, fmt.Errorf("%q is not a colour: write black, white, gray or #rrggbb", s)
	}
	for i := range rgb {
		hi, ok1 := hexDigit(h[2*i])
		lo, ok2 := hexDigit(h[2*i+1])
		if !ok1 || !ok2 {
			return color.NRGBA{}, fmt.Errorf("%q is not a colour: write black, white, gray or #rrggbb", s)
		}
		rgb[i] = hi<<4 | lo
	}
	return color.NRGBA{rgb[0], rgb[1], rgb[2], 255}, nil
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// FormatColor writes c as "#rrggbb"; alpha is left out, as every colour
// kenburns takes is opaque.
func FormatColor(c color.NRGBA) string {
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

// ColorValue is a command-line flag holding a colour written as
// ParseColor reads it.
type ColorValue struct{ C *color.NRGBA }

// String returns the colour as FormatColor writes it.
func (v ColorValue) String() string {
	if v.C == nil {
		return ""
	}
	return FormatColor(*v.C)
}

// Set parses s with ParseColor.
func (v ColorValue) Set(s string) error {
	c, err := ParseColor(s)
	if err != nil {
		return err
	}
	*v.C = c
	return nil
}

// Type names the flag's kind in help text.
func (v ColorValue) Type() string { return "color" }
