package studio

import (
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

// stillKey is everything a Still's working copy and background depend
// on; the motion is not part of it (see Still.WithMotion).
type stillKey struct {
	photoKey
	w, h int
	work image.Point
	dest image.Rectangle
	fit  setting.Fit
}

func newFrameCache() *frameCache {
	return &frameCache{photos: map[photoKey]*image.NRGBA{}, stills: map[stillKey]*render.Still{}}
}

// still returns the Still of slide i of plan at w x h with the slide's
// current motion, decoding the photo only if it is not in memory.
func (c *frameCache) still(plan *slideshow.Plan, i, w, h int) (*render.Still, error) {
	s := plan.Slides[i]
	pk := photoKey{s.Photo.Path, plan.Background}
	key := stillKey{pk, w, h, s.Work, s.Dest, s.Fit}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stills[key]; ok {
		return st.WithMotion(s.Motion), nil
	}
	img, ok := c.photos[pk]
	if !ok {
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
// transitions it is exactly the render's frame (the engine's Still);
// inside them every transition is drawn as the cross-fade "fade" is,
// which is what ffmpeg's xfade does for fade and close to the others.
func (c *frameCache) videoFrame(plan *slideshow.Plan, i, n, w, h int) (*raster.Planes, error) {
	s := plan.Slides[i]
	n = min(max(n, 0), s.Frames-1)
	st, err := c.still(plan, i, w, h)
	if err != nil {
		return nil, err
	}
	frame := st.Frame(n)
	if j := plan.Prev(i); j >= 0 && n < plan.Slides[j].Out.Frames {
		t := plan.Slides[j].Out.Frames
		other, err := c.still(plan, j, w, h)
		if err != nil {
			return nil, err
		}
		prev := other.Frame(plan.Slides[j].Frames - t + n)
		blend(frame, prev, frame, float64(n)/float64(t))
	} else if k := plan.Next(i); k >= 0 && s.Out.Frames > 0 && n >= s.Frames-s.Out.Frames {
		t := s.Out.Frames
		m := n - (s.Frames - t)
		other, err := c.still(plan, k, w, h)
		if err != nil {
			return nil, err
		}
		blend(frame, frame, other.Frame(m), float64(m)/float64(t))
	}
	return frame, nil
}

// blend writes a·(1−f) + b·f into dst, plane by plane.
func blend(dst, a, b *raster.Planes, f float64) {
	wb := int(math.Round(f * 256))
	wa := 256 - wb
	for i := range dst.Pix {
		dst.Pix[i] = byte((int(a.Pix[i])*wa + int(b.Pix[i])*wb + 128) >> 8)
	}
}
