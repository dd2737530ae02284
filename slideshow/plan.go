package slideshow

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/photo"
)

// Plan is a complete description of a video: every slide's photo, geometry,
// motion and timing, and the chunks it is rendered in. It is a value: it
// can be printed, compared and golden-tested.
type Plan struct {
	Width, Height int
	FPS           int
	Output        string
	Engine        string
	CRF           int
	X264Preset    string
	Background    color.NRGBA
	Slides        []Slide
	Chunks        []Chunk
	Audio         []string
	AudioFadeOut  time.Duration
	// Frames is the length of the video: the slides' frames minus the
	// transitions' frames.
	Frames int
}

// Slide is one photo on screen.
type Slide struct {
	Photo  photo.Info
	Frames int
	Fit    string // crop, pad or blur: what "auto" resolved to
	Motion effects.Motion
	// Out is the transition into the next slide; the last slide's is a cut.
	Out Transition
	// Work is the size of the working copy: the upright photo reduced to
	// what the motion needs (output size x largest zoom, never enlarged).
	Work image.Point
	// Dest is where the window is drawn in the output frame: the whole
	// frame when cropping, the photo's fitted rectangle when padding.
	Dest image.Rectangle
}

// Transition is how one slide hands over to the next.
type Transition struct {
	Name   string // xfade name, or "none"
	Frames int    // overlap of the two slides; 0 for a cut
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
func (p *Plan) Duration() time.Duration {
	return time.Duration(float64(p.Frames) / float64(p.FPS) * float64(time.Second))
}

// Build plans a render of the photos in opts.Inputs.
func Build(opts Options) (*Plan, *Inputs, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, nil, err
	}
	in, err := Collect(opts.Inputs, opts.Recursive, opts.Sort, opts.MaxPixels)
	if err != nil {
		return nil, nil, err
	}
	if len(in.Bad) > 0 && (!opts.SkipBad || len(in.Photos) == 0) {
		return nil, &in, &BadPhotosError{Photos: in.Bad}
	}
	p, err := PlanPhotos(in.Photos, opts)
	return p, &in, err
}

// PlanPhotos plans a render of the given photos, in order.
func PlanPhotos(photos []photo.Info, opts Options) (*Plan, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	if len(photos) == 0 {
		return nil, fmt.Errorf("%w: no photos to render", ErrInvalid)
	}
	p := &Plan{
		Width: opts.Width, Height: opts.Height, FPS: opts.FPS,
		Output: opts.Output, Engine: opts.Engine,
		CRF: opts.CRF, X264Preset: opts.X264Preset,
		Background: opts.Background, Audio: opts.Audio, AudioFadeOut: opts.AudioFadeOut,
	}
	frames := toFrames(opts.Duration, opts.FPS)
	tframes := toFrames(opts.TransitionDuration, opts.FPS)
	if opts.Transition == effects.None {
		tframes = 0
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x6b656e6275726e73))
	auto := autoMotion{rng: rng}
	for i, ph := range photos {
		s := Slide{Photo: ph, Frames: frames}
		if i < len(photos)-1 && tframes > 0 {
			s.Out = Transition{Name: opts.Transition, Frames: tframes}
		} else {
			s.Out = Transition{Name: effects.None}
		}
		if err := p.frame(&s, opts.Fit); err != nil {
			return nil, fmt.Errorf("slide %d (%s): %w", i+1, ph.Path, err)
		}
		ks, err := auto.keyframes(opts.Motion, opts.Fit, opts.Zoom, &s, p.aspect())
		if err != nil {
			return nil, fmt.Errorf("%w: slide %d (%s): %w", ErrInvalid, i+1, ph.Path, err)
		}
		s.Motion.Keyframes = ks
		p.Slides = append(p.Slides, s)
	}
	if err := p.Finish(); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Plan) aspect() float64 { return float64(p.Width) / float64(p.Height) }

// frame resolves the slide's fit and sets its Frame and Dest.
func (p *Plan) frame(s *Slide, fit string) error {
	pa := s.Photo.Aspect()
	s.Fit = fit
	if fit == FitAuto {
		s.Fit = FitCrop
	}
	switch s.Fit {
	case FitCrop:
		s.Motion.Frame = effects.CoverFrame(pa, p.aspect())
		s.Dest = image.Rect(0, 0, p.Width, p.Height)
	case FitPad, FitBlur:
		s.Motion.Frame = effects.WholeFrame()
		w, h := float64(p.Width), float64(p.Width)/pa
		if h > float64(p.Height) {
			w, h = float64(p.Height)*pa, float64(p.Height)
		}
		// Even corners keep the chroma planes aligned.
		dw, dh := max(2, int(w)&^1), max(2, int(h)&^1)
		x, y := (p.Width-dw)/2&^1, (p.Height-dh)/2&^1
		s.Dest = image.Rect(x, y, x+dw, y+dh)
	default:
		return fmt.Errorf("%w: unknown fit %q", ErrInvalid, fit)
	}
	return nil
}

// Finish derives what follows from the slides: working sizes, chunks and
// the total length. It checks that every transition fits in the slides it
// joins.
func (p *Plan) Finish() error {
	p.Chunks = p.Chunks[:0]
	p.Frames = 0
	prev := 0
	for i := range p.Slides {
		s := &p.Slides[i]
		if s.Frames < 1 {
			return fmt.Errorf("%w: slide %d (%s): duration is shorter than one frame at %d fps", ErrInvalid, i+1, s.Photo.Path, p.FPS)
		}
		if prev+s.Out.Frames > s.Frames {
			return fmt.Errorf("%w: slide %d (%s): its transitions (%s in, %s out) are longer than the slide (%s): shorten the transitions or lengthen the slide",
				ErrInvalid, i+1, s.Photo.Path, p.seconds(prev), p.seconds(s.Out.Frames), p.seconds(s.Frames))
		}
		if i+1 < len(p.Slides) && s.Out.Frames > p.Slides[i+1].Frames {
			return fmt.Errorf("%w: slide %d (%s): the transition (%s) is longer than the next slide", ErrInvalid, i+1, s.Photo.Path, p.seconds(s.Out.Frames))
		}
		s.Work = workSize(s.Photo, s.Motion, s.Dest)
		p.Chunks = append(p.Chunks, Chunk{Slide: i, Start: prev, Frames: s.Frames - prev, First: p.Frames})
		p.Frames += s.Frames - prev
		prev = s.Out.Frames
	}
	return nil
}

func (p *Plan) seconds(frames int) string {
	return fmt.Sprintf("%gs", math.Round(float64(frames)/float64(p.FPS)*1000)/1000)
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

func toFrames(d time.Duration, fps int) int {
	return int(math.Round(d.Seconds() * float64(fps)))
}

func checkOptions(o *Options) error {
	switch {
	case o.Width < 16 || o.Height < 16 || o.Width%2 != 0 || o.Height%2 != 0:
		return fmt.Errorf("%w: size %dx%d: width and height must be even and at least 16", ErrInvalid, o.Width, o.Height)
	case o.FPS < 1 || o.FPS > 240:
		return fmt.Errorf("%w: fps %d: want 1 to 240", ErrInvalid, o.FPS)
	case o.Duration <= 0:
		return fmt.Errorf("%w: duration %s: must be positive", ErrInvalid, o.Duration)
	case o.TransitionDuration < 0:
		return fmt.Errorf("%w: transition duration %s: must not be negative", ErrInvalid, o.TransitionDuration)
	case o.Zoom < 1 || o.Zoom > 10:
		return fmt.Errorf("%w: zoom %g: want 1 to 10", ErrInvalid, o.Zoom)
	case o.CRF < 0 || o.CRF > 51:
		return fmt.Errorf("%w: crf %d: want 0 to 51", ErrInvalid, o.CRF)
	case o.Sort != "name" && o.Sort != "date":
		return fmt.Errorf("%w: sort %q: want name or date", ErrInvalid, o.Sort)
	case o.Engine != EngineSmooth && o.Engine != EngineZoompan:
		return fmt.Errorf("%w: engine %q: want %s or %s", ErrInvalid, o.Engine, EngineSmooth, EngineZoompan)
	}
	switch o.Fit {
	case FitAuto, FitCrop, FitPad, FitBlur:
	default:
		return fmt.Errorf("%w: fit %q: want auto, crop, pad or blur", ErrInvalid, o.Fit)
	}
	if err := effects.CheckTransition(o.Transition); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

// Keep returns a copy of the plan with only the slides at the given
// indices, in that order, re-timed and re-chunked. The last kept slide
// ends with a cut.
func (p *Plan) Keep(indices []int) (*Plan, error) {
	if len(indices) == 0 {
		return nil, fmt.Errorf("%w: no photo left to render", ErrInvalid)
	}
	np := *p
	np.Slides = nil
	np.Chunks = nil
	for _, i := range indices {
		np.Slides = append(np.Slides, p.Slides[i])
	}
	last := &np.Slides[len(np.Slides)-1]
	last.Out = Transition{Name: effects.None}
	if err := np.Finish(); err != nil {
		return nil, err
	}
	return &np, nil
}
