package slideshow

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// keyframes turns written keyframes into the slide's, checking their
// times and that every window stays on the photo. Times in seconds are
// of the slide as written: when the music stretched slide i, they stretch
// with it.
func (b *builder) keyframes(i int, label string, spec *storyboard.MotionSpec, s *Slide, fit setting.Fit) []effects.Keyframe {
	last := float64(s.Frames - 1)
	scale := b.timeScale(i)
	dur, fps := time.Duration(float64(s.Duration)/scale), b.p.FPS.Float()
	z, cx, cy := 1.0, 0.5, 0.5
	prevFrac, prevAt := -1.0, ""
	var ks []effects.Keyframe
	for j, k := range spec.Keyframes {
		what := fmt.Sprintf("%skeyframe %d: ", label, j+1)
		if spec.FromTo {
			what = label + [2]string{"from: ", "to: "}[j]
		}
		var frac float64
		var at float64
		atPos := k.Pos
		switch {
		case k.At == nil && j == 0:
		case k.At == nil && j < len(spec.Keyframes)-1:
			continue
		case k.At == nil:
			frac, at = 1, last
		case k.At.IsFraction:
			frac, at, atPos = k.At.Fraction, k.At.Fraction*last, k.At.Pos
		default:
			atPos = k.At.Pos
			if k.At.Seconds > dur.Seconds()+1e-9 {
				b.ps.Add(atPos, "%sat %s is after the end of the slide (%s): the last keyframe can be at %s at most",
					what, k.At, fmtSeconds(dur), fmtSeconds(dur))
				continue
			}
			frac = k.At.Seconds / dur.Seconds()
			at = math.Min(k.At.Seconds*scale*fps, last)
		}
		written := "0"
		if k.At != nil {
			written = k.At.String()
		}
		if j > 0 && frac <= prevFrac {
			b.ps.Add(atPos, "%sat %s is not after keyframe %d (at %s): keyframes must be in time order", what, written, j, prevAt)
		}
		prevFrac, prevAt = frac, written
		if k.Rect != nil {
			z, cx, cy = s.Motion.Frame.FromRect(*k.Rect)
		} else {
			if k.Zoom != nil {
				z = *k.Zoom
			}
			if k.Center != nil {
				cx, cy = k.Center[0], k.Center[1]
			}
		}
		if msg := leaves(s.Motion.Frame, z, cx, cy); msg != "" {
			where := k.CenterPos
			if k.Center == nil && k.Rect == nil {
				where = k.ZoomPos
			}
			if where == (storyboard.Pos{}) {
				where = k.Pos
			}
			b.ps.Add(where, "%s%s; fit %s cannot show outside the photo", what, msg, fit)
		}
		ks = append(ks, effects.Keyframe{At: at, Zoom: z, CX: cx, CY: cy, Ease: k.Ease})
	}
	return ks
}

// leaves describes how the window of zoom z centred at (cx, cy) leaves the
// photo, and what would keep it on; "" if it stays on.
func leaves(f effects.Frame, z, cx, cy float64) string {
	r := f.Unclamped(z, cx, cy)
	if r.Inside() {
		return ""
	}
	const eps = 1e-9
	if r.W > 1+eps || r.H > 1+eps {
		return fmt.Sprintf("window leaves the photo: at zoom %s it is larger than the photo; zoom at least %s",
			g3(z), g3(math.Max(f.BaseW, f.BaseH)))
	}
	var edges, fix []string
	if r.X < -eps {
		edges = append(edges, fmt.Sprintf("left edge (x = %s)", g3(r.X)))
	}
	if r.X+r.W > 1+eps {
		edges = append(edges, fmt.Sprintf("right edge (x+w = %s)", g3(r.X+r.W)))
	}
	if r.X < -eps || r.X+r.W > 1+eps {
		fix = append(fix, fmt.Sprintf("center x from %s to %s", g3(r.W/2), g3(1-r.W/2)))
	}
	if r.Y < -eps {
		edges = append(edges, fmt.Sprintf("top edge (y = %s)", g3(r.Y)))
	}
	if r.Y+r.H > 1+eps {
		edges = append(edges, fmt.Sprintf("bottom edge (y+h = %s)", g3(r.Y+r.H)))
	}
	if r.Y < -eps || r.Y+r.H > 1+eps {
		fix = append(fix, fmt.Sprintf("center y from %s to %s", g3(r.H/2), g3(1-r.H/2)))
	}
	return fmt.Sprintf("window leaves the photo at the %s: at zoom %s keep %s", strings.Join(edges, " and "), g3(z), strings.Join(fix, " and "))
}

func g3(v float64) string {
	s := fmt.Sprintf("%.3g", v)
	if s == "-0" {
		return "0"
	}
	return s
}
