package slideshow

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
)

// Plan is a complete description of a video: every slide's photo, geometry,
// motion and place on the timeline, and the chunks it is rendered in. It is
// a value: it can be printed, compared and golden-tested.
type Plan struct {
	Width, Height int
	FPS           setting.Rate
	Output        string
	Engine        setting.Engine
	Container     setting.Container
	Codec         setting.Codec // never CodecAuto
	Quality       setting.Quality
	CRF           int
	EncoderPreset string
	EncoderArgs   []string // the user's, passed through unchecked
	Background    color.NRGBA
	Slides        []Slide
	Chunks        []Chunk
	// Music are the tracks, in order; AudioFadeOut fades them out at the
	// video's end, MusicFit says how their length and the video's meet.
	Music        []Track
	AudioFadeOut time.Duration
	MusicFit     setting.MusicFit
	// Sync is what the cuts follow; with beat sync Cuts are the cuts it
	// moved (or could not move).
	Sync setting.Sync
	Cuts []Cut
	// Warnings are what the user should hear about but need not fix,
	// such as music shorter than the video or characters no font has.
	Warnings []string
	// Frames is the length of the video: round((Σ durations − Σ
	// transitions) × fps).
	Frames int
	// FadeIn and FadeOut fade the picture (and the music) from and to a
	// colour at the start and the end of the video.
	FadeIn, FadeOut Fade
	// Captions says how slide captions reach the video; SRT, if set, is
	// a subtitle file to write beside it.
	Captions setting.Captions
	SRT      string
	// Loop makes the video seamless on repeat: the last slide has a
	// transition into the first, and the video starts where that
	// transition ends, so the first slide's Start is negative: its
	// opening frames are shown by the last chunk.
	Loop bool
}

// Fade is a fade of the whole picture from or to a colour.
type Fade struct {
	Frames int // 0 = no fade
	Color  color.NRGBA
}

// Next returns the slide after slide i: the first after the last in a
// loop, else -1 after the last.
func (p *Plan) Next(i int) int {
	switch {
	case i+1 < len(p.Slides):
		return i + 1
	case p.Loop:
		return 0
	}
	return -1
}

// Prev returns the slide before slide i: the last before the first in a
// loop, else -1 before the first.
func (p *Plan) Prev(i int) int {
	switch {
	case i > 0:
		return i - 1
	case p.Loop:
		return len(p.Slides) - 1
	}
	return -1
}

// Slide is one photo on screen.
type Slide struct {
	Photo photo.Info
	// Duration is the slide's time on screen as asked, transitions
	// included; Start and Frames place it on the video's timeline, rounded
	// once from exact times, so that rounding never adds up.
	Duration time.Duration
	Start    int // the slide's first frame in the video
	Frames   int
	Fit      setting.Fit // crop, pad or blur: what "auto" and "pan" resolved to
	Motion   effects.Motion
	// Out is the transition into the next slide; the last slide's is a cut.
	Out Transition
	// Work is the size of the working copy: the upright photo reduced to
	// what the motion needs (output size x largest zoom, never enlarged).
	Work image.Point
	// Dest is where the window is drawn in the output frame: the whole
	// frame when cropping, the photo's fitted rectangle when padding.
	Dest image.Rectangle
	// Interest is the most interesting part of the photo, in fractions of
	// the upright photo, that smart motion framed; nil when the slide's
	// motion did not look (presets, keyframes, random motion), when its
	// pixels could not be read, or when nothing stands out.
	Interest *effects.Rect
	// Caption is the text over the slide, nil for none; Title makes it
	// a title slide, drawn in Go rather than decoded from Photo.
	Caption *Caption
	Title   *Title
}

// Transition is how one slide hands over to the next.
type Transition struct {
	Name     string        // xfade name, or "none"
	Duration time.Duration // as asked
	Frames   int           // overlap of the two slides; 0 for a cut
}

// Chunk is one separately encoded piece of the video: the frames of slide
// Slide from its frame Start onwards, ending with the transition into the
// next slide, which shows that slide's first Out.Frames frames.
type Chunk struct {
	Slide  int
	Start  int // first frame of the slide this chunk shows
	Frames int // frames in the chunk, transition included
	First  int // the chunk's first frame in the whole video
}

// Duration returns the video's length.
func (p *Plan) Duration() time.Duration { return p.FPS.Time(p.Frames) }

func (p *Plan) aspect() float64 { return float64(p.Width) / float64(p.Height) }

// frame resolves the slide's fit and sets its Frame and Dest.
func (p *Plan) frame(s *Slide, fit setting.Fit) {
	pa := s.Photo.Aspect()
	s.Fit = fit
	if fit == setting.FitAuto || fit == setting.FitPan {
		s.Fit = setting.FitCrop
	}
	if s.Fit == setting.FitCrop {
		s.Motion.Frame = effects.CoverFrame(pa, p.aspect())
		s.Dest = image.Rect(0, 0, p.Width, p.Height)
		return
	}
	s.Motion.Frame = effects.WholeFrame()
	w, h := float64(p.Width), float64(p.Width)/pa
	if h > float64(p.Height) {
		w, h = float64(p.Height)*pa, float64(p.Height)
	}
	// Even corners keep the chroma planes aligned.
	dw, dh := max(2, int(w)&^1), max(2, int(h)&^1)
	x, y := (p.Width-dw)/2&^1, (p.Height-dh)/2&^1
	s.Dest = image.Rect(x, y, x+dw, y+dh)
}

// place puts every slide and transition on the timeline. Each slide starts
// at the exact time Σ (duration − transition out) of the slides before it,
// and every time is rounded to a frame once: frame = round(t × fps). A
// slide's frames are then round(start + duration) − round(start), and the
// video has round((Σ durations − Σ transitions) × fps) frames at any fps.
// Slides keep their Duration and Out.Duration; a transition that rounds to
// no frame at all becomes a cut.
//
// In a loop the last slide's transition into the first counts too, and
// the video starts where it ends: every Start moves back by its frames,
// so that the frame after the video's last is its first.
func (p *Plan) place() {
	var t time.Duration // exact start of the current slide
	for i := range p.Slides {
		s := &p.Slides[i]
		s.Start = p.FPS.Frame(t)
		end := p.FPS.Frame(t + s.Duration)
		s.Frames = end - s.Start
		out := time.Duration(0)
		if s.Out.Name != effects.None && p.Next(i) >= 0 {
			out = s.Out.Duration
		}
		t += s.Duration - out
		s.Out.Frames = end - p.FPS.Frame(t)
		if s.Out.Frames <= 0 {
			s.Out = Transition{Name: effects.None}
		}
	}
	if p.Loop {
		shift := p.Slides[len(p.Slides)-1].Out.Frames
		for i := range p.Slides {
			p.Slides[i].Start -= shift
		}
	}
}

// finish derives what follows from the placed slides: working sizes, chunks
// and the total length. The planner has checked that every transition
// fits in the slides it joins; finish checks it again on the frames, as a
// guard.
func (p *Plan) finish() error {
	p.Chunks = p.Chunks[:0]
	p.Frames = 0
	prev := 0 // frames of the transition into slide i
	if p.Loop {
		prev = p.Slides[len(p.Slides)-1].Out.Frames
	}
	for i := range p.Slides {
		s := &p.Slides[i]
		if s.Frames < 1 || prev+s.Out.Frames > s.Frames || s.Start+prev != p.Frames {
			return fmt.Errorf("slide %d (%s): timeline does not add up (%d frames from %d, %d in, %d out): please report this", i+1, s.Photo.Path, s.Frames, s.Start, prev, s.Out.Frames)
		}
		s.Work = workSize(s.Photo, s.Motion, s.Dest)
		if s.Title != nil {
			s.Work = image.Pt(p.Width, p.Height)
		}
		p.Chunks = append(p.Chunks, Chunk{Slide: i, Start: prev, Frames: s.Frames - prev, First: p.Frames})
		p.Frames += s.Frames - prev
		prev = s.Out.Frames
	}
	return nil
}

// workSize is the size of the working copy: large enough that the window at
// the slide's largest zoom maps one to one onto the output, never larger
// than the photo itself.
func workSize(ph photo.Info, m effects.Motion, dest image.Rectangle) image.Point {
	z := m.MaxZoom()
	s := float64(dest.Dx()) * z / (m.Frame.BaseW * float64(ph.Width))
	s = math.Max(s, float64(dest.Dy())*z/(m.Frame.BaseH*float64(ph.Height)))
	s = math.Min(s, 1)
	w := max(16, int(math.Round(float64(ph.Width)*s))&^1)
	h := max(16, int(math.Round(float64(ph.Height)*s))&^1)
	return image.Pt(w, h)
}

func fmtSeconds(d time.Duration) string {
	return fmt.Sprintf("%gs", math.Round(d.Seconds()*1000)/1000)
}
