package slideshow

import (
	"context"
	"runtime"
	"sync"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/interest"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/presets"
)

// automatic reports whether a slide's motion is chosen by kenburns (auto or
// random) rather than a named preset or written keyframes: its own motion
// spec if it has one, else the default motion dflt.
func automatic(spec *storyboard.MotionSpec, dflt string) bool {
	name := dflt
	if spec != nil {
		name = spec.Preset
	}
	return name == presets.MotionAuto || name == presets.MotionRandom
}

// needsInterest reports whether slide i's motion is chosen from its
// interest map: auto motion and the smart presets. Random motion, other
// presets and written keyframes never decode pixels while planning.
func (b *builder) needsInterest(i int) bool {
	sl := b.sb.Slides[i]
	if sl.Info == nil {
		return false
	}
	name := b.opts.Motion
	if spec := sl.Setting.Motion; spec != nil {
		name = spec.Preset // "" for keyframes
	}
	return name == presets.MotionAuto || presets.IsSmart(name)
}

// analyse computes the interest maps of the slides that need one, on as
// many photos at a time as there are CPUs, honouring ctx between photos.
// A photo whose pixels cannot be read has no map: its slide moves as
// random motion would, and rendering reports the photo.
func (b *builder) analyse(ctx context.Context) error {
	b.maps = make([]*interest.Map, len(b.sb.Slides))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					continue
				}
				if m, err := interest.Of(ctx, *b.sb.Slides[i].Info, b.opts.Cache); err == nil {
					b.maps[i] = m
				}
			}
		}()
	}
	for i := range b.sb.Slides {
		if !b.needsInterest(i) {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return ctx.Err()
}

// interest returns slide i's interest map, nil if it has none, and records
// the map's interest box in the plan, where plan --json and preview show it.
func (b *builder) interest(i int) *interest.Map {
	if i >= len(b.maps) || b.maps[i] == nil {
		return nil
	}
	m := b.maps[i]
	if r, ok := m.Box(); ok {
		b.p.Slides[i].Interest = &r
	}
	return m
}

// smartEase is the easing auto motion picks by the seed (i in [0, 3)): a
// move that starts and ends gently, one that settles on its subject, or an
// even one.
func smartEase(i int) effects.Ease {
	switch i {
	case 0:
		return effects.EaseInOut
	case 1:
		return effects.EaseOut
	}
	return effects.Linear
}

// smartZoom is a zoom between the base window and the window of zoom z
// that best frames what is interesting; in zooms towards it, else out of
// it. Each end is placed so as not to cut through a subject.
func smartZoom(m *interest.Map, in bool, z float64, s *Slide, ease effects.Ease) []effects.Keyframe {
	f := s.Motion.Frame
	sx, sy := m.Best(f.BaseW, f.BaseH)
	ex, ey := m.Best(f.BaseW/z, f.BaseH/z)
	pts := []presets.Point{{At: 0, Zoom: 1, CX: sx, CY: sy}, {At: 1, Zoom: z, CX: ex, CY: ey}}
	if !in {
		pts = []presets.Point{{At: 0, Zoom: z, CX: ex, CY: ey}, {At: 1, Zoom: 1, CX: sx, CY: sy}}
	}
	ks := presets.Keyframes(pts, s.Frames, f)
	ks[1].Ease = ease
	return ks
}

// smartPan is a pan at zoom z along the photo's long axis relative to the
// frame (wide: horizontal), between the end farther from the most
// interesting window and that window: it ends there, or with end false
// starts there and moves away.
func smartPan(m *interest.Map, wide, end bool, z float64, s *Slide, ease effects.Ease) []effects.Keyframe {
	f := s.Motion.Frame
	bx, by := m.Best(f.BaseW/z, f.BaseH/z)
	far := presets.Point{Zoom: z, CX: 0.5, CY: 0.5}
	best := presets.Point{Zoom: z, CX: bx, CY: by}
	if wide {
		far.CY, far.CX = by, farEnd(bx)
	} else {
		far.CX, far.CY = bx, farEnd(by)
	}
	pts := []presets.Point{far, best}
	if !end {
		pts = []presets.Point{best, far}
	}
	pts[1].At = 1
	ks := presets.Keyframes(pts, s.Frames, f)
	ks[1].Ease = ease
	return ks
}

// farEnd is the end of an axis farther from position p.
func farEnd(p float64) float64 {
	if p < 0.5 {
		return 1
	}
	return 0
}
