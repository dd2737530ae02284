package render

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/slideshow"
)

// Still draws single frames of one slide in memory at a reduced size, with
// the engine a render uses: the working copy reduced from the photo as
// prepare does (but to the still's scale, which makes it cheap), the same
// background for pad and blur fits, the slide's Motion and the motion
// sampler. Frame n of a Still is frame n of the slide as the video shows it
// outside transitions, scaled by W over the output's width.
type Still struct {
	W, H  int // the frame size
	slide slideshow.Slide
	work  *raster.Planes
	back  *raster.Planes // behind the photo for pad and blur fits; nil for crop
	dest  image.Rectangle
	// caption is the burned-in caption at the still's size; nil for none.
	caption *raster.Overlay
}

// NewStill decodes slide i of plan once and prepares it for frames of w x h,
// which should have the output's aspect and must be even. The photo's own
// errors come back as a *photo.Error naming the file.
func NewStill(plan *slideshow.Plan, i, w, h int) (*Still, error) {
	if w < 2 || h < 2 || w%2 != 0 || h%2 != 0 {
		return nil, fmt.Errorf("still of %dx%d: want an even size of at least 2x2", w, h)
	}
	s := plan.Slides[i]
	if s.Title != nil {
		return titleStill(plan, i, w, h)
	}
	img, err := photo.Load(s.Photo, plan.Background, 0, 0)
	if err != nil {
		return nil, &photo.Error{Path: s.Photo.Path, Err: err}
	}
	return StillOf(plan, i, w, h, img)
}

// StillOf is NewStill with slide i's photo already decoded, by photo.Load
// with the plan's background: the studio keeps decoded photos in memory
// and makes a new Still whenever an edit changes the slide's framing.
func StillOf(plan *slideshow.Plan, i, w, h int, img *image.NRGBA) (*Still, error) {
	if w < 2 || h < 2 || w%2 != 0 || h%2 != 0 {
		return nil, fmt.Errorf("still of %dx%d: want an even size of at least 2x2", w, h)
	}
	s := plan.Slides[i]
	if s.Title != nil {
		return titleStill(plan, i, w, h)
	}
	caption, err := captionOverlay(plan, s, w, h)
	if err != nil {
		return nil, err
	}
	st := &Still{W: w, H: h, slide: s, caption: caption}
	st.dest = image.Rect(
		scaleEven(s.Dest.Min.X, w, plan.Width), scaleEven(s.Dest.Min.Y, h, plan.Height),
		scaleEven(s.Dest.Max.X, w, plan.Width), scaleEven(s.Dest.Max.Y, h, plan.Height))
	if st.dest.Dx() < 2 || st.dest.Dy() < 2 {
		st.dest.Max = st.dest.Min.Add(image.Pt(max(2, st.dest.Dx()), max(2, st.dest.Dy())))
	}
	// The working copy at the still's scale: what the motion needs at
	// the largest zoom, mapped one to one onto the scaled destination,
	// exactly as slideshow sizes the render's copy for the output.
	k := math.Max(float64(st.dest.Dx())/float64(s.Dest.Dx()), float64(st.dest.Dy())/float64(s.Dest.Dy()))
	size := image.Pt(max(2, 2*int(math.Round(float64(s.Work.X)*k/2))), max(2, 2*int(math.Round(float64(s.Work.Y)*k/2))))
	st.work = reduce(img, size)
	if st.dest != image.Rect(0, 0, w, h) {
		st.back = background(plan, s, img, w, h)
	}
	return st, nil
}

// titleStill is the Still of title slide i: drawn, not decoded.
func titleStill(plan *slideshow.Plan, i, w, h int) (*Still, error) {
	s := plan.Slides[i]
	caption, err := captionOverlay(plan, s, w, h)
	if err != nil {
		return nil, err
	}
	work, err := titleImage(context.Background(), plan, s, w, h)
	if err != nil {
		return nil, err
	}
	return &Still{W: w, H: h, slide: s, work: work, dest: image.Rect(0, 0, w, h), caption: caption}, nil
}

// scaleEven scales v by num/den and rounds it to the nearest even number,
// which keeps the chroma planes aligned.
func scaleEven(v, num, den int) int {
	return 2 * int(math.Round(float64(v)*float64(num)/float64(den)/2))
}

// WithMotion returns a Still that draws the same working copy with motion
// m, for an edit that moves windows without changing how much the photo
// is enlarged (the slide's Work size): no photo is reduced again.
func (st *Still) WithMotion(m effects.Motion) *Still {
	c := *st
	c.slide.Motion = m
	return &c
}

// Frame draws frame n of the slide (0 is its first frame, Frames-1 its
// last): the window Motion.At(n) resampled from the working copy onto the
// background, as feedMotion draws it for the video.
func (st *Still) Frame(n int) *raster.Planes {
	frame := raster.New(st.W, st.H)
	if st.back != nil {
		frame.CopyFrom(st.back)
	}
	raster.NewSampler(1).Draw(frame, st.dest, st.work, srcWindow(st.slide.Motion.At(float64(n)), st.work))
	if st.caption != nil {
		st.caption.Blend(frame, captionOpacity(st.slide.Caption, n, st.slide.Frames))
	}
	return frame
}

// Photo draws the whole upright photo, as large as fits in w x h (even), on
// black, and returns the picture and the rectangle the photo covers, so
// that windows in fractions of the photo can be marked on it.
func (st *Still) Photo(w, h int) (*raster.Planes, image.Rectangle) {
	pic := raster.New(w, h)
	pa := float64(st.work.W) / float64(st.work.H)
	pw, ph := float64(w), float64(w)/pa
	if ph > float64(h) {
		pw, ph = float64(h)*pa, float64(h)
	}
	dw, dh := max(2, int(pw)&^1), max(2, int(ph)&^1)
	x, y := (w-dw)/2&^1, (h-dh)/2&^1
	r := image.Rect(x, y, x+dw, y+dh)
	raster.NewSampler(1).Draw(pic, r, st.work, raster.Window{W: float64(st.work.W), H: float64(st.work.H)})
	return pic, r
}

// Stills prepares a Still of w x h for every slide of plan, decoding up to
// jobs photos at a time (0: one per CPU) and stopping when ctx is done.
// Photos that cannot be decoded are all listed in a *photo.Errors, as
// Render lists them.
func Stills(ctx context.Context, plan *slideshow.Plan, jobs, w, h int) ([]*Still, error) {
	stills := make([]*Still, len(plan.Slides))
	bad := make([]*photo.Error, len(plan.Slides))
	err := (&Renderer{Jobs: jobs}).pool(ctx, len(plan.Slides), func(ctx context.Context, i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := NewStill(plan, i, w, h)
		var perr *photo.Error
		switch {
		case errors.As(err, &perr):
			bad[i] = perr
		case err != nil:
			return fmt.Errorf("slide %d (%s): %w", i+1, plan.Slides[i].Photo.Path, err)
		}
		stills[i] = st
		return nil
	})
	if err != nil {
		return nil, err
	}
	if list := badOnes(bad); len(list) > 0 {
		return nil, &photo.Errors{Photos: list}
	}
	return stills, nil
}
