package slideshow

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/interest"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// Build is the planner: it turns a storyboard, whether read from a file or
// made from photos (FromPhotos), into the Plan of its video. opts are the
// settings for what the storyboard does not set itself: start from
// StoryboardOptions(sb, DefaultOptions()) and apply any explicit flags.
//
// Build reads the headers of photos the storyboard has not read yet and
// checks that its music exists; it decodes pixels only for smart motion,
// a small copy once per photo (remembered in opts.Cache), and never runs
// ffmpeg.
// It finds every problem in one run: those of the file's text, photos and
// music that cannot be read, timings and windows that do not fit; a
// missing photo does not hide a transition that is too long. For a
// storyboard file they are returned, with their positions, as a
// *storyboard.Error; either way the error is an ErrInvalid.
func Build(ctx context.Context, sb *storyboard.Storyboard, opts Options) (*Plan, error) {
	ps := storyboard.Problems{File: sb.Path, List: append([]storyboard.Problem(nil), sb.Problems()...)}
	clean := len(ps.List) == 0
	b := &builder{ps: &ps, sb: sb, opts: opts}
	if err := opts.check(); err != nil {
		ps.Add(storyboard.Pos{}, "%v", err)
	} else {
		// check has seen that the encoding resolves.
		b.opts, _ = opts.encoding()
		if err := b.read(ctx); err != nil {
			return nil, err
		}
		if err := b.analyse(ctx); err != nil {
			return nil, err
		}
		b.plan()
	}
	if len(ps.List) == 0 {
		if err := b.p.finish(); err != nil {
			return nil, err
		}
		return b.p, nil
	}
	if sb.Path == "" {
		msgs := make([]string, len(ps.List))
		for i, p := range ps.List {
			msgs[i] = p.Msg
		}
		return nil, fmt.Errorf("%w: %s", ErrInvalid, strings.Join(msgs, "\n"))
	}
	if !clean {
		// After problems in the file's text, planning's problems without a
		// place are dropped: they are likely consequences. The text's own
		// are all kept, placed or not ("the storyboard has no slides"), so
		// that the error is never empty.
		n := len(sb.Problems())
		kept := ps.List[:n:n]
		for _, p := range ps.List[n:] {
			if p.Line != 0 {
				kept = append(kept, p)
			}
		}
		ps.List = kept
	}
	return nil, invalid{ps.Err(sb.Source())}
}

// builder holds one planning run.
type builder struct {
	ps   *storyboard.Problems
	sb   *storyboard.Storyboard
	opts Options
	p    *Plan
	// tpos is where each slide's transition was set, durPos its duration.
	tpos, durPos []storyboard.Pos
	maps         []*interest.Map // each slide's, for smart motion; nil where none
	// tracks are the music as read; onsets its onsets in the music's
	// time, for beat sync.
	tracks []Track
	onsets []time.Duration
	// written are the slides' durations as asked, before the music
	// scaled or synced them; keyframe times scale with them.
	written []time.Duration
}

func label(i int, path string) string {
	return fmt.Sprintf("slide %d (%s): ", i+1, filepath.Base(path))
}

// read probes the photos not read yet and checks the music, honouring ctx
// between photos: a storyboard may name thousands.
func (b *builder) read(ctx context.Context) error {
	for i := range b.sb.Slides {
		sl := &b.sb.Slides[i]
		if err := ctx.Err(); err != nil {
			return err
		}
		if sl.Info == nil && sl.Photo != "" {
			// A title slide's photo is probed too: it is its background.
			info, err := photo.Probe(sl.Photo, b.opts.MaxPixels)
			if err != nil {
				b.ps.Add(sl.PosOf("photo"), "%sphoto %s: %v: check the path (it is relative to the storyboard)",
					label(i, sl.Photo), relToStoryboard(b.sb, sl.Photo), probeReason(err))
				continue
			}
			sl.Info = &info
		} else if sl.Info != nil && b.opts.MaxPixels > 0 && sl.Info.Width*sl.Info.Height > b.opts.MaxPixels {
			b.ps.Add(sl.PosOf("photo"), "%sphoto is %dx%d, over the limit of %.0f megapixels (raise it with --max-megapixels)",
				label(i, sl.Photo), sl.Info.Width, sl.Info.Height, float64(b.opts.MaxPixels)/1e6)
			sl.Info = nil
		}
	}
	return b.readMusic(ctx)
}

// relToStoryboard shows a path as the storyboard wrote it.
func relToStoryboard(sb *storyboard.Storyboard, p string) string {
	if sb.Dir == "" || filepath.IsAbs(p) {
		return p
	}
	if r, err := filepath.Rel(sb.Dir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

func probeReason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return statReason(pe.Err)
	}
	return err
}

// plan builds the plan in two passes: the timeline first, which needs no
// photo, then each readable photo's framing and motion.
func (b *builder) plan() {
	o, sb := b.opts, b.sb
	d := sb.Defaults
	if d.Motion != nil && d.Motion.Preset == "" {
		b.ps.Add(d.Motion.Pos, "defaults: motion must be a preset name such as zoom-in or auto; keyframes belong to a slide")
	}
	b.p = &Plan{
		Width: o.Width, Height: o.Height, FPS: o.FPS,
		Output: o.Output, Engine: o.Engine,
		Container: o.Container, Codec: o.Codec, Quality: o.Quality,
		CRF: o.CRF, EncoderPreset: o.EncoderPreset, EncoderArgs: o.EncoderArgs,
		Background: o.Background, Music: b.tracks, AudioFadeOut: o.AudioFadeOut,
		MusicFit: o.MusicFit, Sync: o.Sync, Loop: o.Loop, Captions: o.Captions,
	}
	if o.SRT {
		b.p.SRT = strings.TrimSuffix(o.Output, filepath.Ext(o.Output)) + ".srt"
	}
	if len(sb.Slides) == 0 {
		b.ps.Add(storyboard.Pos{}, "no photos to render")
		return
	}
	b.timeline()
	b.fitMusic()
	b.syncBeats()
	b.checkTransitions()
	b.p.place()
	b.placeCuts()
	b.fades()
	for i, s := range b.p.Slides {
		if s.Frames < 1 {
			b.ps.Add(b.durPos[i], "%sduration %s is shorter than one frame at %s fps", label(i, sb.Slides[i].Photo), fmtSeconds(s.Duration), o.FPS)
		}
	}
	auto := newAutoMotion(o.Seed)
	for i := range b.p.Slides {
		switch {
		case sb.Slides[i].Title != nil:
			b.titleSlide(i)
		case sb.Slides[i].Info != nil:
			b.motion(i, auto)
		}
	}
	b.texts()
}

// timeline sets every slide's duration and transition out, as asked.
func (b *builder) timeline() {
	o, sb := b.opts, b.sb
	d := sb.Defaults
	n := len(sb.Slides)
	b.tpos, b.durPos = make([]storyboard.Pos, n), make([]storyboard.Pos, n)
	random := newRandomTransitions(o.Seed)
	prev := effects.None // the transition into slide i
	for i, sl := range sb.Slides {
		set := sl.Setting
		s := Slide{Duration: o.Duration}
		if sl.Info != nil {
			s.Photo = *sl.Info
		} else {
			s.Photo.Path = sl.Photo
		}
		if d.Duration != nil && *d.Duration == o.Duration {
			b.durPos[i] = sb.PosOf("duration")
		}
		if set.Duration != nil {
			s.Duration, b.durPos[i] = *set.Duration, sl.PosOf("duration")
		}
		name, tdur := o.Transition, o.TransitionDuration
		if d.Transition != nil &&
			(d.Transition.Type == "" || d.Transition.Type == o.Transition) &&
			(d.Transition.Duration == nil || *d.Transition.Duration == o.TransitionDuration) {
			b.tpos[i] = sb.PosOf("transition")
		}
		if t := set.Transition; t != nil {
			if t.Type != "" {
				name = t.Type
			}
			if t.Duration != nil {
				tdur = *t.Duration
			}
			b.tpos[i] = t.Pos
			if i == n-1 && name != effects.None && !o.Loop {
				b.ps.Add(t.Pos, "%sthe transition leads out of a slide into the next, and this is the last slide: remove it", label(i, sl.Photo))
			}
		}
		s.Out = Transition{Name: effects.None}
		if (i < n-1 || o.Loop) && name != effects.None && tdur > 0 {
			s.Out = Transition{Name: b.resolveTransition(i, name, prev, random), Duration: tdur}
		}
		prev = s.Out.Name
		b.p.Slides = append(b.p.Slides, s)
	}
}

// checkTransitions reports, with positions, a transition longer than
// either slide it joins, on the exact times.
//
// In a loop the last slide's transition leads into the first.
func (b *builder) checkTransitions() {
	slides := b.p.Slides
	var in time.Duration
	inReported := false // the incoming transition already has a problem
	if last := slides[len(slides)-1]; b.p.Loop {
		in = last.Out.Duration
		inReported = in > slides[0].Duration
	}
	for i, s := range slides {
		lbl := label(i, b.sb.Slides[i].Photo)
		out := s.Out.Duration
		next := b.p.Next(i)
		switch {
		case out > s.Duration:
			b.ps.Add(b.tpos[i], "%sthe transition to slide %d (%s) is longer than this slide (%s): shorten the transition or lengthen the slide",
				lbl, next+1, fmtSeconds(out), fmtSeconds(s.Duration))
		case next >= 0 && out > slides[next].Duration:
			b.ps.Add(b.tpos[i], "%sthe transition to slide %d (%s) is longer than that slide (%s): shorten the transition or lengthen slide %d",
				lbl, next+1, fmtSeconds(out), fmtSeconds(slides[next].Duration), next+1)
		case in+out > s.Duration && !inReported:
			b.ps.Add(b.tpos[i], "%sthe transitions in (%s) and out (%s) together are longer than the slide (%s): shorten them or lengthen the slide",
				lbl, fmtSeconds(in), fmtSeconds(out), fmtSeconds(s.Duration))
		}
		inReported = next >= 0 && out > slides[next].Duration
		in = out
	}
}

// motion frames slide i and sets its keyframes: written ones, a preset, or
// automatic motion.
func (b *builder) motion(i int, auto *autoMotion) {
	o, sl := b.opts, b.sb.Slides[i]
	s := &b.p.Slides[i]
	lbl := label(i, sl.Photo)
	set := sl.Setting
	fit := o.Fit
	if set.Fit != "" {
		fit = set.Fit
	}
	b.p.frame(s, fit)
	zoom := o.Zoom
	if set.Zoom > 0 {
		zoom = set.Zoom
	}
	spec := set.Motion
	switch {
	case spec != nil && spec.Preset == "":
		s.Motion.Keyframes = b.keyframes(i, lbl, spec, s, fit)
	case fit == setting.FitPan && automatic(spec, o.Motion):
		s.Motion.Keyframes = auto.pan(zoom, s, b.p.aspect(), b.interest(i))
	default:
		name := o.Motion
		if spec != nil {
			name = spec.Preset
		}
		ks, err := auto.keyframes(name, fit, zoom, s, b.p.aspect(), b.interest(i))
		if err != nil {
			at := storyboard.Pos{}
			if spec != nil {
				at = spec.Pos
			}
			b.ps.Add(at, "%s%v", lbl, err)
		}
		s.Motion.Keyframes = ks
	}
}
