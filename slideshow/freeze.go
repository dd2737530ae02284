package slideshow

import (
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// Freeze returns the storyboard that "kenburns init" writes for a plan made
// from opts: the settings of opts written down, and every slide's motion as
// the keyframes the plan chose, so that rendering the storyboard unchanged
// gives the same video as the plan.
func Freeze(p *Plan, opts Options) *storyboard.Storyboard {
	seed := opts.Seed
	bg := opts.Background
	dur, tdur := opts.Duration, opts.TransitionDuration
	sb := &storyboard.Storyboard{
		Output:     storyboard.OutputSettings{File: p.Output, Width: p.Width, Height: p.Height, FPS: p.FPS},
		Seed:       &seed,
		Engine:     opts.Engine,
		Background: &bg,
		Defaults: storyboard.SlideSettings{
			Duration:   &dur,
			Transition: &storyboard.TransitionSetting{Type: opts.Transition, Duration: &tdur},
			Fit:        opts.Fit,
			Zoom:       opts.Zoom,
		},
	}
	sb.Music, sb.MusicPlan = freezeMusic(p)
	if opts.SyncMin != DefaultSyncMin && p.Sync == setting.SyncBeats {
		m := opts.SyncMin
		sb.MusicPlan.SyncMin = &m
	}
	retimed := p.MusicFit == setting.MusicFitMusic || p.Sync == setting.SyncBeats
	for _, s := range p.Slides {
		info := s.Photo
		sl := storyboard.Slide{Photo: s.Photo.Path, Info: &info}
		if s.Fit != opts.Fit && !((opts.Fit == setting.FitAuto || opts.Fit == setting.FitPan) && s.Fit == setting.FitCrop) {
			sl.Setting.Fit = s.Fit
		}
		m := &storyboard.MotionSpec{}
		for _, k := range s.Motion.Keyframes {
			var at storyboard.Time
			switch {
			case k.At == 0:
			case retimed:
				// The music moved the slide's times, which it will do
				// again: fractions of the slide keep the keyframes
				// where they are.
				at.IsFraction, at.Fraction = true, k.At/float64(s.Frames-1)
			case k.At == float64(s.Frames-1):
				// The end of the slide, written as its duration, which
				// reads back as exactly the last frame.
				at.Seconds = s.Duration.Seconds()
			default:
				at.Seconds = k.At / p.FPS.Float()
			}
			zoom, center := k.Zoom, [2]float64{k.CX, k.CY}
			m.Keyframes = append(m.Keyframes, storyboard.KeyframeSpec{At: &at, Zoom: &zoom, Center: &center, Ease: k.Ease})
		}
		sl.Setting.Motion = m
		if s.Caption != nil {
			sl.Caption = s.Caption.Text
		}
		sb.Slides = append(sb.Slides, sl)
	}
	return sb
}
