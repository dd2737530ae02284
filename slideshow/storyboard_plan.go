package slideshow

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/presets"
)

// Options returns base with the storyboard's own settings applied: output,
// size, fps, defaults, music, seed, engine and background. A command
// applies its explicit flags to the result, so flags win over the file;
// what a slide sets for itself wins over both.
func (sb *Storyboard) Options(base Options) Options {
	o := base
	o.Inputs = nil
	if sb.Output.File != "" {
		o.Output = sb.Output.File
	} else {
		o.Output = strings.TrimSuffix(sb.Path, filepath.Ext(sb.Path)) + ".mp4"
	}
	if sb.Output.Width > 0 {
		o.Width, o.Height = sb.Output.Width, sb.Output.Height
	}
	if sb.Output.FPS > 0 {
		o.FPS = sb.Output.FPS
	}
	d := sb.Defaults
	if d.Duration != nil {
		o.Duration = *d.Duration
	}
	if t := d.Transition; t != nil {
		if t.Type != "" {
			o.Transition = t.Type
		}
		if t.Duration != nil {
			o.TransitionDuration = *t.Duration
		}
	}
	if d.Fit != "" {
		o.Fit = d.Fit
	}
	if d.Motion != nil && d.Motion.Preset != "" {
		o.Motion = d.Motion.Preset
	}
	if d.Zoom > 0 {
		o.Zoom = d.Zoom
	}
	if len(sb.Music) > 0 {
		o.Audio = nil
		for _, m := range sb.Music {
			o.Audio = append(o.Audio, m.File)
		}
		if last := sb.Music[len(sb.Music)-1]; last.FadeOut != nil {
			o.AudioFadeOut = *last.FadeOut
		}
	}
	if sb.Seed != nil {
		o.Seed = *sb.Seed
	}
	if sb.Engine != "" {
		o.Engine = sb.Engine
	}
	if sb.Background != nil {
		o.Background = *sb.Background
	}
	return o
}

// Plan plans a render of the storyboard. opts are the settings for what
// the storyboard's slides do not set themselves: start from
// sb.Options(DefaultOptions()) and apply any explicit flags. Problems
// that depend on the output (a transition longer than a slide, a window
// leaving the photo) are returned as a *StoryboardError.
func (sb *Storyboard) Plan(opts Options) (*Plan, error) {
	p, probs := sb.plan(opts)
	if len(probs) > 0 {
		ps := problems{file: sb.Path, list: probs}
		return nil, ps.err(sb.src)
	}
	return p, nil
}

// at returns where the defaults set key, if the value in use is still the
// file's (a flag may have replaced it).
func (sb *Storyboard) at(key string, fromFile bool) Pos {
	if !fromFile {
		return Pos{}
	}
	return sb.where[key]
}

func (sb *Storyboard) plan(opts Options) (*Plan, []Problem) {
	ps := problems{file: sb.Path}
	if sb.Defaults.Motion != nil && sb.Defaults.Motion.Preset == "" {
		ps.add(sb.Defaults.Motion.Pos, "defaults: motion must be a preset name such as zoom-in or auto; keyframes belong to a slide")
	}
	if err := checkOptions(&opts); err != nil {
		ps.add(Pos{}, "%s", strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
		return nil, ps.list
	}
	p := &Plan{
		Width: opts.Width, Height: opts.Height, FPS: opts.FPS,
		Output: opts.Output, Engine: opts.Engine,
		CRF: opts.CRF, X264Preset: opts.X264Preset,
		Background: opts.Background, Audio: opts.Audio, AudioFadeOut: opts.AudioFadeOut,
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x6b656e6275726e73))
	auto := autoMotion{rng: rng}
	d := sb.Defaults
	tpos := make([]Pos, len(sb.Slides)) // where each slide's transition was set
	ok := true
	for i, sl := range sb.Slides {
		label := fmt.Sprintf("slide %d (%s): ", i+1, filepath.Base(sl.Photo))
		if sl.Info == nil {
			ok = false
			continue
		}
		if opts.MaxPixels > 0 && sl.Info.Width*sl.Info.Height > opts.MaxPixels {
			ps.add(sl.where["photo"], "%sphoto is %dx%d, over the limit of %.0f megapixels (raise it with --max-megapixels)",
				label, sl.Info.Width, sl.Info.Height, float64(opts.MaxPixels)/1e6)
			ok = false
			continue
		}
		set := sl.Setting
		dur, durPos := opts.Duration, sb.at("duration", d.Duration != nil && *d.Duration == opts.Duration)
		if set.Duration != nil {
			dur, durPos = *set.Duration, sl.where["duration"]
		}
		s := Slide{Photo: *sl.Info, Frames: toFrames(dur, opts.FPS)}
		if s.Frames < 1 {
			ps.add(durPos, "%sduration %s is shorter than one frame at %d fps", label, dur, opts.FPS)
			ok = false
			continue
		}
		name, tdur := opts.Transition, opts.TransitionDuration
		tpos[i] = sb.at("transition", d.Transition != nil &&
			(d.Transition.Type == "" || d.Transition.Type == opts.Transition) &&
			(d.Transition.Duration == nil || *d.Transition.Duration == opts.TransitionDuration))
		if t := set.Transition; t != nil {
			if t.Type != "" {
				name = t.Type
			}
			if t.Duration != nil {
				tdur = *t.Duration
			}
			tpos[i] = t.Pos
			if i == len(sb.Slides)-1 && name != effects.None {
				ps.add(t.Pos, "%sthe transition leads out of a slide into the next, and this is the last slide: remove it", label)
			}
		}
		s.Out = Transition{Name: effects.None}
		if tf := toFrames(tdur, opts.FPS); i < len(sb.Slides)-1 && name != effects.None && tf > 0 {
			s.Out = Transition{Name: name, Frames: tf}
		}
		fit := opts.Fit
		if set.Fit != "" {
			fit = set.Fit
		}
		frameFit := fit
		if fit == FitPan {
			frameFit = FitCrop
		}
		if err := p.frame(&s, frameFit); err != nil {
			ps.add(sl.where["fit"], "%s%s", label, strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
			ok = false
			continue
		}
		zoom := opts.Zoom
		if set.Zoom > 0 {
			zoom = set.Zoom
		}
		spec := set.Motion
		switch {
		case spec != nil && spec.Preset == "":
			ks, good := sb.keyframes(&ps, label, spec, &s, dur, opts.FPS, fit)
			ok = ok && good
			s.Motion.Keyframes = ks
		case fit == FitPan && (spec == nil && opts.Motion == "auto" || spec != nil && spec.Preset == "auto"):
			s.Motion.Keyframes = auto.pan(zoom, &s, p.aspect())
		default:
			name := opts.Motion
			if spec != nil {
				name = spec.Preset
			}
			ks, err := auto.keyframes(name, fit, zoom, &s, p.aspect())
			if err != nil {
				at := Pos{}
				if spec != nil {
					at = spec.Pos
				}
				ps.add(at, "%s%v", label, err)
				ok = false
			}
			s.Motion.Keyframes = ks
		}
		p.Slides = append(p.Slides, s)
	}
	if !ok || len(ps.list) > 0 {
		return nil, ps.list
	}
	sb.checkTransitions(&ps, p, tpos)
	if len(ps.list) > 0 {
		return nil, ps.list
	}
	if err := p.Finish(); err != nil {
		ps.add(Pos{}, "%s", strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
		return nil, ps.list
	}
	return p, nil
}

// checkTransitions reports, with positions, what Plan.Finish would refuse:
// a transition longer than either slide it joins.
func (sb *Storyboard) checkTransitions(ps *problems, p *Plan, tpos []Pos) {
	in := 0
	inReported := false // the incoming transition already has a problem
	for i, s := range p.Slides {
		label := fmt.Sprintf("slide %d (%s): ", i+1, filepath.Base(s.Photo.Path))
		out := s.Out.Frames
		switch {
		case out > s.Frames:
			ps.add(tpos[i], "%sthe transition to slide %d (%s) is longer than this slide (%s): shorten the transition or lengthen the slide",
				label, i+2, p.seconds(out), p.seconds(s.Frames))
		case i+1 < len(p.Slides) && out > p.Slides[i+1].Frames:
			ps.add(tpos[i], "%sthe transition to slide %d (%s) is longer than that slide (%s): shorten the transition or lengthen slide %d",
				label, i+2, p.seconds(out), p.seconds(p.Slides[i+1].Frames), i+2)
		case in+out > s.Frames && !inReported:
			ps.add(tpos[i], "%sthe transitions in (%s) and out (%s) together are longer than the slide (%s): shorten them or lengthen the slide",
				label, p.seconds(in), p.seconds(out), p.seconds(s.Frames))
		}
		inReported = i+1 < len(p.Slides) && out > p.Slides[i+1].Frames
		in = out
	}
}

// keyframes turns written keyframes into the slide's, checking their
// times and that every window stays on the photo.
func (sb *Storyboard) keyframes(ps *problems, label string, spec *MotionSpec, s *Slide, dur time.Duration, fps int, fit string) ([]effects.Keyframe, bool) {
	last := float64(s.Frames - 1)
	ok := true
	z, cx, cy := 1.0, 0.5, 0.5
	prevFrac, prevAt := -1.0, ""
	var ks []effects.Keyframe
	for j, k := range spec.Keyframes {
		what := fmt.Sprintf("%skeyframe %d: ", label, j+1)
		if spec.fromTo {
			what = label + [2]string{"from: ", "to: "}[j]
		}
		var frac float64
		var at float64
		atPos := k.Pos
		switch {
		case k.At == nil && j == 0:
		case k.At == nil && j < len(spec.Keyframes)-1:
			ok = false // reported while loading
			continue
		case k.At == nil:
			frac, at = 1, last
		case k.At.IsFraction:
			frac, at, atPos = k.At.Fraction, k.At.Fraction*last, k.At.Pos
		default:
			atPos = k.At.Pos
			if k.At.Seconds > dur.Seconds()+1e-9 {
				ps.add(atPos, "%sat %s is after the end of the slide (%s): the last keyframe can be at %s at most",
					what, k.At, fmtSeconds(dur), fmtSeconds(dur))
				ok = false
				continue
			}
			frac = k.At.Seconds / dur.Seconds()
			at = math.Min(k.At.Seconds*float64(fps), last)
		}
		written := "0"
		if k.At != nil {
			written = k.At.String()
		}
		if j > 0 && frac <= prevFrac {
			ps.add(atPos, "%sat %s is not after keyframe %d (at %s): keyframes must be in time order", what, written, j, prevAt)
			ok = false
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
			if where == (Pos{}) {
				where = k.Pos
			}
			ps.add(where, "%s%s; fit %s cannot show outside the photo", what, msg, fit)
			ok = false
		}
		ks = append(ks, effects.Keyframe{At: at, Zoom: z, CX: cx, CY: cy, Ease: k.Ease})
	}
	return ks, ok
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

func fmtSeconds(d time.Duration) string {
	return fmt.Sprintf("%gs", math.Round(d.Seconds()*1000)/1000)
}

// pan is the motion of the storyboard's pan fit: along the photo's long
// axis relative to the frame, alternating direction like auto motion.
// A photo of nearly the frame's shape has no room to pan at zoom 1, so it
// pans zoomed in.
func (a *autoMotion) pan(zoom float64, s *Slide, frameAspect float64) []effects.Keyframe {
	defer func() { a.n++ }()
	ratio := s.Photo.Aspect() / frameAspect
	z := 1.0
	if ratio > 1/1.05 && ratio < 1.05 {
		z = zoom
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
