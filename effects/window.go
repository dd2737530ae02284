package effects

import "math"

// Rect is a rectangle in fractions of the upright photo: X and Y are the
// top-left corner, W and H the size, all in [0, 1] for a window on the photo.
type Rect struct {
	X, Y, W, H float64
}

// Center returns the centre of r.
func (r Rect) Center() (cx, cy float64) {
	return r.X + r.W/2, r.Y + r.H/2
}

// Inside reports whether r lies within the photo, allowing for rounding.
func (r Rect) Inside() bool {
	const eps = 1e-9
	return r.X >= -eps && r.Y >= -eps && r.X+r.W <= 1+eps && r.Y+r.H <= 1+eps
}

// Frame describes how windows relate to the output frame: Base is the
// window at zoom 1, the largest output-aspect window that fits in the photo
// (or the whole photo when the photo is shown padded).
type Frame struct {
	BaseW, BaseH float64
}

// CoverFrame returns the Frame for a photo of aspect photoAspect (width over
// height, upright) cropped to fill an output of aspect outAspect.
func CoverFrame(photoAspect, outAspect float64) Frame {
	if photoAspect > outAspect {
		return Frame{BaseW: outAspect / photoAspect, BaseH: 1}
	}
	return Frame{BaseW: 1, BaseH: photoAspect / outAspect}
}

// WholeFrame returns the Frame for a photo shown whole, as in pad and blur
// fits: zoom 1 is the entire photo.
func WholeFrame() Frame {
	return Frame{BaseW: 1, BaseH: 1}
}

// Window returns the window of zoom z centred at (cx, cy), moved the least
// distance needed to stay on the photo. A zoom below 1 gives a window larger
// than the base window; it is clamped to the photo as far as possible.
func (f Frame) Window(z, cx, cy float64) Rect {
	w, h := f.BaseW/z, f.BaseH/z
	return Rect{X: clampPos(cx-w/2, w), Y: clampPos(cy-h/2, h), W: w, H: h}
}

// Unclamped returns the window of zoom z centred at (cx, cy) as asked, even
// where it leaves the photo; validation uses it to report by how much.
func (f Frame) Unclamped(z, cx, cy float64) Rect {
	w, h := f.BaseW/z, f.BaseH/z
	return Rect{X: cx - w/2, Y: cy - h/2, W: w, H: h}
}

// FromRect returns the zoom and centre of the output-aspect window that
// best matches r: the largest one with r's centre that fits inside r.
func (f Frame) FromRect(r Rect) (z, cx, cy float64) {
	z = math.Max(f.BaseW/r.W, f.BaseH/r.H)
	cx, cy = r.Center()
	return z, cx, cy
}

func clampPos(p, size float64) float64 {
	if size >= 1 {
		return (1 - size) / 2
	}
	return math.Min(math.Max(p, 0), 1-size)
}
