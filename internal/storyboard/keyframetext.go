package storyboard

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kenburns/kenburns/effects"
)

// Keyframes the studio writes have four decimals: a ten-thousandth of the
// photo is below a pixel of any photo a camera takes, and the file stays
// readable.
const places = 1e4

// KeyframeText writes a keyframe for SetKeyframes: at as written ("0",
// "1.5s", "end"), the window win in fractions of the photo, and the easing
// that arrives at it. The window becomes zoom and center in frame f, or
// rect when asRect, rounded to four decimals towards the inside of the
// photo, so that a window on the photo stays on it once written.
func KeyframeText(at string, win effects.Rect, f effects.Frame, asRect bool, ease effects.Ease) string {
	var b strings.Builder
	b.WriteString("{at: " + at)
	if asRect {
		x, y := up(math.Max(win.X, 0)), up(math.Max(win.Y, 0))
		w, h := down(math.Min(win.X+win.W, 1)-x), down(math.Min(win.Y+win.H, 1)-y)
		fmt.Fprintf(&b, ", rect: [%s, %s, %s, %s]", dec(x), dec(y), dec(w), dec(h))
	} else {
		z, cx, cy := f.FromRect(win)
		z = up(z)
		cx = within(cx, f.BaseW/z)
		cy = within(cy, f.BaseH/z)
		fmt.Fprintf(&b, ", zoom: %s, center: [%s, %s]", dec(z), dec(cx), dec(cy))
	}
	if ease != effects.Linear {
		b.WriteString(", ease: " + ease.String())
	}
	b.WriteString("}")
	return b.String()
}

// AtText writes a time into a slide in seconds, to the millisecond.
func AtText(seconds float64) string {
	if seconds <= 0 {
		return "0"
	}
	return strconv.FormatFloat(math.Round(seconds*1000)/1000, 'f', -1, 64) + "s"
}

// DurationText writes a slide's duration in seconds, to the millisecond.
func DurationText(seconds float64) string { return AtText(seconds) }

// within rounds a centre to four decimals inside the range that keeps a
// window of size w on the photo.
func within(c, w float64) float64 {
	lo, hi := up(w/2), down(1-w/2)
	if lo > hi {
		return 0.5
	}
	return math.Min(math.Max(math.Round(c*places)/places, lo), hi)
}

// up and down round to four decimals, up and down, ignoring float noise
// below a billionth.
func up(v float64) float64   { return math.Ceil(v*places-1e-5) / places }
func down(v float64) float64 { return math.Floor(v*places+1e-5) / places }

func dec(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
