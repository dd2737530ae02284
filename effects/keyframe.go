package effects

import (
	"fmt"
	"math"
	"strings"
)

// Ease shapes the progress of the segment that ends at a keyframe.
type Ease int

// The easings a segment can have.
const (
	Linear Ease = iota
	EaseIn
	EaseOut
	EaseInOut
)

var easeNames = []string{"linear", "in", "out", "in-out"}

// EaseNames lists the easing names a storyboard accepts.
func EaseNames() []string { return append([]string(nil), easeNames...) }

// ParseEase parses an easing name such as "in-out".
func ParseEase(s string) (Ease, error) {
	for i, n := range easeNames {
		if strings.EqualFold(s, n) {
			return Ease(i), nil
		}
	}
	return Linear, fmt.Errorf("unknown easing %q (want one of %s)", s, strings.Join(easeNames, ", "))
}

// String returns the easing's name.
func (e Ease) String() string {
	if int(e) < len(easeNames) {
		return easeNames[e]
	}
	return fmt.Sprintf("Ease(%d)", int(e))
}

// Apply maps linear progress t in [0, 1] to eased progress.
func (e Ease) Apply(t float64) float64 {
	switch e {
	case EaseIn:
		return t * t
	case EaseOut:
		return t * (2 - t)
	case EaseInOut:
		return t * t * (3 - 2*t)
	}
	return t
}

// Keyframe fixes the window at a moment of a slide: At is in frames from the
// start of the slide, Zoom is relative to the base window, and (CX, CY) is
// the window's centre in fractions of the photo. Ease shapes the segment
// that arrives at this keyframe.
type Keyframe struct {
	At     float64
	Zoom   float64
	CX, CY float64
	Ease   Ease
}

// Motion is a slide's keyframes, sorted by At, applied to a Frame.
type Motion struct {
	Frame     Frame
	Keyframes []Keyframe
}

// At returns the window at frame n (which may be fractional). Zoom is
// interpolated geometrically so that a zoom looks uniform in speed; the
// centre moves linearly. Before the first and after the last keyframe the
// window holds.
func (m Motion) At(n float64) Rect {
	k := m.Keyframes
	if len(k) == 0 {
		return m.Frame.Window(1, 0.5, 0.5)
	}
	if n <= k[0].At {
		return m.Frame.Window(k[0].Zoom, k[0].CX, k[0].CY)
	}
	for i := 1; i < len(k); i++ {
		if n > k[i].At {
			continue
		}
		a, b := k[i-1], k[i]
		t := 1.0
		if span := b.At - a.At; span > 0 {
			t = b.Ease.Apply((n - a.At) / span)
		}
		z := a.Zoom * math.Pow(b.Zoom/a.Zoom, t)
		return m.Frame.Window(z, a.CX+(b.CX-a.CX)*t, a.CY+(b.CY-a.CY)*t)
	}
	last := k[len(k)-1]
	return m.Frame.Window(last.Zoom, last.CX, last.CY)
}

// MaxZoom returns the largest zoom any keyframe reaches, at least 1.
func (m Motion) MaxZoom() float64 {
	z := 1.0
	for _, k := range m.Keyframes {
		z = math.Max(z, k.Zoom)
	}
	return z
}

// MarshalText writes the easing's name, as in a storyboard.
func (e Ease) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText reads an easing name.
func (e *Ease) UnmarshalText(b []byte) error {
	v, err := ParseEase(string(b))
	if err != nil {
		return err
	}
	*e = v
	return nil
}
