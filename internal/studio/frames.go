package studio

import (
	"context"
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// Bounds of the memory the preview keeps: decoded photos are the large
// part (a 24-megapixel photo is 96 MB), so only the last few are kept;
// the working copies at preview size are small.
const (
	keptPhotos = 6
	keptStills = 64
)

// frameCache keeps decoded photos and the preview's working copies, so
// that moving a window or scrubbing redraws without decoding again.
type frameCache struct {
	mu     sync.Mutex
	photos map[photoKey]*image.NRGBA
	order  []photoKey // oldest first
	stills map[stillKey]*render.Still
}

type photoKey struct {
	path string
	bg   color.NRGBA // transparency is composited over it when decoding
}

// stillKey is everything a Still's working copy, background and burned
// caption depend on; the motion is not part of it (see Still.WithMotion).
type stillKey struct {
	photoKey
	w, h int
	work image.Point
	dest image.Rectangle
	fit  setting.Fit
	text textKey
}

// textKey is what a slide's caption or title looks like: a caption's
// opacity depends on the slide's frames too, which a Still keeps.
type textKey struct {
	caption slideshow.Caption
	burn    bool
	frames  int
	title   slideshow.Title
	behind  string // the photo behind a title, if any
}

func textOf(plan *slideshow.Plan, s slideshow.Slide) textKey {
	var k textKey
	if s.Caption != nil {
		k.caption, k.burn, k.frames = *s.Caption, plan.Captions.Burned(), s.Frames
	}
	if s.Title != nil {
		k.title = *s.Title
		if p := k.title.Photo; p != nil {
			k.behind = p.Path
		}
		k.title.Photo = nil
	}
	return k
}

func newFrameCache() *frameCache {
	return &frameCache{photos: map[photoKey]*image.NRGBA{}, stills: map[stillKey]*render.Still{}}
}

// still returns the Still of slide i of plan at w x h with the slide's
// current motion, decoding the photo only if it is not in memory.
func (c *frameCache) still(plan *slideshow.Plan, i, w, h int) (*render.Still, error) {
	s := plan.Slides[i]
	pk := photoKey{s.Photo.Path, plan.Background}
	key := stillKey{pk, w, h, s.Work, s.Dest, s.Fit, textOf(plan, s)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stills[key]; ok {
		return st.WithMotion(s.Motion), nil
	}
	// A title slide is drawn, not decoded: its photo, if any, is the
	// blurred background the engine reads itself.
	img, ok := c.photos[pk]
	if !ok && s.Title == nil {
		var err error
		img, err = photo.Load(s.Photo, plan.Background, 0, 0)
		if err != nil {
			return nil, &photo.Error{Path: s.Photo.Path, Err: err}
		}
		c.photos[pk] = img
		c.order = append(c.order, pk)
		if len(c.order) > keptPhotos {
			delete(c.photos, c.order[0])
			c.order = c.order[1:]
		}
	}
	st, err := render.StillOf(plan, i, w, h, img)
	if err != nil {
		return nil, err
	}
	if len(c.stills) >= keptStills {
		clear(c.stills)
	}
	c.stills[key] = st
	return st, nil
}

// previewSize is the preview's frame size for a width: the output's
// aspect, even, at most the output's size.
func previewSize(plan *slideshow.Plan, w int) (int, int) {
	w = min(max(w, 16), plan.Width)
	w &^= 1
	h := 2 * int(math.Round(float64(w)*float64(plan.Height)/float64(plan.Width)/2))
	return w, max(h, 2)
}

// videoFrame draws what the video shows at frame n of slide i: the
// slide's frame, blended with the neighbour's during a transition. Outside
// transitions it is exactly the render's frame (the engine's Still).
//
// With xfade set, a frame inside a transition is drawn by ffmpeg's xfade
// as the render draws it (render.TransitionFrame), exactly, at the cost of
// a short ffmpeg run; without it, every transition is drawn as the
// cross-fade "fade" is, which is quick and close.
func (c *frameCache) videoFrame(ctx context.Context, xfade *render.Renderer, plan *slideshow.Plan, i, n, w, h int) (*raster.Planes, error) {
	s := plan.Slides[i]
	n = min(max(n, 0), s.Frames-1)
	st, err := c.still(plan, i, w, h)
	if err != nil {
		return nil, err
	}
	frame, err := c.slideFrame(ctx, xfade, plan, st, i, n, w, h)
	if err != nil {
		return nil, err
	}
	fadeEnds(plan, s.Start+n, frame)
	return frame, nil
}

// slideFrame is videoFrame before the video's fades.
func (c *frameCache) slideFrame(ctx context.Context, xfade *render.Renderer, plan *slideshow.Plan, st *render.Still, i, n, w, h int) (*raster.Planes, error) {
	s := plan.Slides[i]
	frame := st.Frame(n)
	if j := plan.Prev(i); j >= 0 && n < plan.Slides[j].Out.Frames {
		t := plan.Slides[j].Out.Frames
		other, err := c.still(plan, j, w, h)
		if err != nil {
			return nil, err
		}
		prev := other.Frame(plan.Slides[j].Frames - t + n)
		return mix(ctx, xfade, plan, j, n, prev, frame)
	} else if k := plan.Next(i); k >= 0 && s.Out.Frames > 0 && n >= s.Frames-s.Out.Frames {
		t := s.Out.Frames
		m := n - (s.Frames - t)
		other, err := c.still(plan, k, w, h)
		if err != nil {
			return nil, err
		}
		return mix(ctx, xfade, plan, i, m, frame, other.Frame(m))
	}
	return frame, nil
}

// mix draws frame k of slide i's transition from a (slide i's frame) and b
// (the next slide's).
func mix(ctx context.Context, xfade *render.Renderer, plan *slideshow.Plan, i, k int, a, b *raster.Planes) (*raster.Planes, error) {
	if xfade != nil {
		return xfade.TransitionFrame(ctx, plan, i, k, a, b)
	}
	blend(a, a, b, float64(k)/float64(plan.Slides[i].Out.Frames))
	return a, nil
}

// fadeEnds draws the video's fade in and fade out on frame v of the video,
// as ffmpeg's fade filter does in the render: from the colour at the first
// frame, and to it at the last.
func fadeEnds(plan *slideshow.Plan, v int, frame *raster.Planes) {
	f := 1.0 // how much of the picture shows
	if in := plan.FadeIn; in.Frames > 0 && v < in.Frames {
		f = float64(v) / float64(in.Frames)
	}
	if out := plan.FadeOut; out.Frames > 0 {
		if st := max(0, plan.Frames-out.Frames-1); v > st {
			f = min(f, 1-float64(v-st)/float64(out.Frames))
		}
	}
	if f >= 1 {
		return
	}
	col := plan.FadeIn.Color
	if v >= plan.Frames/2 {
		col = plan.FadeOut.Color
	}
	y, cb, cr := raster.RGBToYCbCr(col.R, col.G, col.B)
	solid := raster.New(frame.W, frame.H)
	solid.Fill(y, cb, cr)
	blend(frame, solid, frame, max(f, 0))
}

// blend writes a·(1−f) + b·f into dst, plane by plane.
func blend(dst, a, b *raster.Planes, f float64) {
	wb := int(math.Round(f * 256))
	wa := 256 - wb
	for i := range dst.Pix {
		dst.Pix[i] = byte((int(a.Pix[i])*wa + int(b.Pix[i])*wb + 128) >> 8)
	}
}
