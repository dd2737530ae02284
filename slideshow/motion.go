package slideshow

import (
	"math/rand/v2"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/interest"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/presets"
)

// shapeMismatch is how far a photo's aspect may differ from the frame's
// (as a ratio) before auto motion pans along the photo instead of zooming.
const shapeMismatch = 1.35

// autoMotion chooses motions that look designed: zooms alternate in and
// out towards varied anchors, photos of another shape than the frame pan
// along their long axis, and the choices are reproducible from the seed.
type autoMotion struct {
	rng    *rand.Rand
	n      int // slides planned so far
	anchor int // previous anchor, not to be repeated
	// smart draws the choices of smart motion, apart from rng so that
	// random motion, and slides without pixels, keep today's sequence.
	smart *rand.Rand
	flip  int // 0 or 1: whether smart motion starts zooming out
}

// anchorPoints are the places auto zooms head for: the centre and the
// rule-of-thirds points, where subjects usually are.
var anchorPoints = [][2]float64{
	{0.5, 0.5}, {1.0 / 3, 1.0 / 3}, {2.0 / 3, 1.0 / 3}, {1.0 / 3, 2.0 / 3}, {2.0 / 3, 2.0 / 3}, {0.5, 0.4},
}

// newAutoMotion starts the one sequence of automatic choices of a plan.
func newAutoMotion(seed int64) *autoMotion {
	a := &autoMotion{
		rng:   rand.New(rand.NewPCG(uint64(seed), 0x6b656e6275726e73)),
		smart: rand.New(rand.NewPCG(uint64(seed), 0x736d617274)),
	}
	a.flip = a.smart.IntN(2)
	return a
}

// keyframes returns the keyframes of motion name for slide s: a preset,
// or automatic motion. With an interest map m, auto motion and the smart
// presets head for what is interesting; without one (random motion, or
// pixels that could not be read) they are the seeded anchors and centred
// zooms of random motion.
func (a *autoMotion) keyframes(name string, fit setting.Fit, zoom float64, s *Slide, frameAspect float64, m *interest.Map) ([]effects.Keyframe, error) {
	defer func() { a.n++ }()
	if presets.IsSmart(name) && m != nil {
		return smartZoom(m, name == presets.ZoomInSmart, zoom, s, effects.Linear), nil
	}
	if name == presets.MotionRandom {
		name, m = presets.MotionAuto, nil
	}
	if name != presets.MotionAuto {
		return presets.Motion(name, zoom, s.Frames, s.Motion.Frame)
	}
	ratio := s.Photo.Aspect() / frameAspect
	if m != nil {
		ease := smartEase(a.smart.IntN(3))
		forward := (a.n+a.flip)%2 == 0
		if fit == setting.FitAuto && (ratio < 1/shapeMismatch || ratio > shapeMismatch) {
			return smartPan(m, ratio > 1, forward, 1, s, ease), nil
		}
		return smartZoom(m, forward, zoom, s, ease), nil
	}
	forward := a.n%2 == 0
	var pts []presets.Point
	switch {
	case fit == setting.FitAuto && ratio < 1/shapeMismatch:
		// Taller than the frame: show the whole width, pan top to bottom.
		pts = []presets.Point{{At: 0, Zoom: 1, CX: 0.5, CY: 0}, {At: 1, Zoom: 1, CX: 0.5, CY: 1}}
	case fit == setting.FitAuto && ratio > shapeMismatch:
		// Wider than the frame (a panorama): pan end to end.
		pts = []presets.Point{{At: 0, Zoom: 1, CX: 0, CY: 0.5}, {At: 1, Zoom: 1, CX: 1, CY: 0.5}}
	default:
		i := a.rng.IntN(len(anchorPoints) - 1)
		if i >= a.anchor {
			i++ // never the same anchor twice in a row
		}
		a.anchor = i
		p := anchorPoints[i]
		pts = []presets.Point{{At: 0, Zoom: 1, CX: 0.5, CY: 0.5}, {At: 1, Zoom: zoom, CX: p[0], CY: p[1]}}
	}
	if !forward {
		pts[0].At, pts[1].At = 1, 0
		pts[0], pts[1] = pts[1], pts[0]
	}
	return presets.Keyframes(pts, s.Frames, s.Motion.Frame), nil
}

// pan is the motion of the storyboard's pan fit: along the photo's long
// axis relative to the frame, alternating direction like auto motion.
// A photo of nearly the frame's shape has no room to pan at zoom 1, so it
// pans zoomed in.
func (a *autoMotion) pan(zoom float64, s *Slide, frameAspect float64, m *interest.Map) []effects.Keyframe {
	defer func() { a.n++ }()
	ratio := s.Photo.Aspect() / frameAspect
	z := 1.0
	if ratio > 1/1.05 && ratio < 1.05 {
		z = zoom
	}
	if m != nil {
		ease := smartEase(a.smart.IntN(3))
		return smartPan(m, ratio >= 1, (a.n+a.flip)%2 == 0, z, s, ease)
	}
	pts := []presets.Point{{At: 0, Zoom: z, CX: 0, CY: 0.5}, {At: 1, Zoom: z, CX: 1, CY: 0.5}}
	if ratio < 1 {
		pts = []presets.Point{{At: 0, Zoom: z, CX: 0.5, CY: 0}, {At: 1, Zoom: z, CX: 0.5, CY: 1}}
	}
	if a.n%2 == 1 {
		pts[0].CX, pts[0].CY, pts[1].CX, pts[1].CY = pts[1].CX, pts[1].CY, pts[0].CX, pts[0].CY
	}
	return presets.Keyframes(pts, s.Frames, s.Motion.Frame)
}
