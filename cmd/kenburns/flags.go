package main

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"
)

// secondsValue is a duration flag that also takes plain numbers as seconds.
type secondsValue struct{ d *time.Duration }

func (v secondsValue) String() string {
	if v.d == nil {
		return ""
	}
	return strconv.FormatFloat(v.d.Seconds(), 'f', -1, 64) + "s"
}

func (v secondsValue) Set(s string) error {
	d, err := parseSeconds(s)
	if err != nil {
		return err
	}
	*v.d = d
	return nil
}

func (v secondsValue) Type() string { return "duration" }

// maxSeconds bounds duration flags: an hour per photo is already absurd,
// and the bound keeps frame counts far from overflow.
const maxSeconds = 3600

// parseSeconds parses "4", "1.5", "4s" or "1500ms".
func parseSeconds(s string) (time.Duration, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		d, derr := time.ParseDuration(s)
		if derr != nil {
			return 0, fmt.Errorf("%q is not a duration: write 4, 4s, 1.5s or 500ms", s)
		}
		f = d.Seconds()
	}
	switch {
	case f != f: // NaN
		return 0, fmt.Errorf("%q is not a duration: write 4, 4s, 1.5s or 500ms", s)
	case f < 0:
		return 0, fmt.Errorf("%q is negative", s)
	case f > maxSeconds:
		return 0, fmt.Errorf("%q is too long: at most 1h", s)
	}
	return time.Duration(f * float64(time.Second)), nil
}

// colorValue is a colour flag: "black", "white" or "#rrggbb".
type colorValue struct{ c *color.NRGBA }

var namedColors = map[string]color.NRGBA{
	"black": {0, 0, 0, 255}, "white": {255, 255, 255, 255}, "gray": {128, 128, 128, 255}, "grey": {128, 128, 128, 255},
}

func (v colorValue) String() string {
	if v.c == nil {
		return ""
	}
	return fmt.Sprintf("#%02x%02x%02x", v.c.R, v.c.G, v.c.B)
}

func (v colorValue) Set(s string) error {
	if c, ok := namedColors[strings.ToLower(s)]; ok {
		*v.c = c
		return nil
	}
	var r, g, b uint8
	if _, err := fmt.Sscanf(strings.TrimPrefix(s, "#"), "%02x%02x%02x", &r, &g, &b); err != nil || len(strings.TrimPrefix(s, "#")) != 6 {
		return fmt.Errorf("%q is not a colour: write black, white or #rrggbb", s)
	}
	*v.c = color.NRGBA{r, g, b, 255}
	return nil
}

func (v colorValue) Type() string { return "color" }
