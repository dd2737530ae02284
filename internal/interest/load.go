package interest

import (
	"context"
	"encoding/json"
	"image"
	"image/color"
	"math"
	"strconv"

	"github.com/disintegration/imaging"

	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/photo"
)

// Of returns the map of a photo: remembered in c under the photo's content
// hash when it was computed before, else computed from a decode reduced to
// AnalysisSide, and remembered. c may be nil, for no cache.
func Of(ctx context.Context, info photo.Info, c *cache.Cache) (*Map, error) {
	var key string
	if c != nil {
		if sum, err := c.FileSum(info.Path); err == nil {
			key = cache.Key([]byte("interest"), []byte(strconv.Itoa(Version)), []byte(sum))
			if b, ok := c.Recall(key); ok {
				var m Map
				if json.Unmarshal(b, &m) == nil && m.W > 0 && m.H > 0 && len(m.V) == m.W*m.H {
					return &m, nil
				}
			}
		}
	}
	img, err := Small(ctx, info)
	if err != nil {
		return nil, err
	}
	m := Analyze(img)
	if key != "" {
		if b, err := json.Marshal(m); err == nil {
			c.Remember(key, b)
		}
	}
	return m, nil
}

// Small decodes the copy of a photo that its map is computed on: upright,
// sRGB, black behind transparency (a flat field, and the same map whatever
// background the video has), reduced to AnalysisSide on its long side by
// averaging. A box filter is what an analysis of areas wants, and it costs
// a fifth of the Lanczos filter photo.Load reduces with.
func Small(ctx context.Context, info photo.Info) (*image.NRGBA, error) {
	img, err := photo.LoadContext(ctx, info, color.Black, 0, 0)
	if err != nil {
		return nil, err
	}
	if w, h := reduced(img.Bounds().Dx(), img.Bounds().Dy()); w != img.Bounds().Dx() || h != img.Bounds().Dy() {
		img = imaging.Resize(img, w, h, imaging.Box)
	}
	return img, nil
}

// reduced is the size of the analysis copy of a w x h photo: AnalysisSide
// on the long side, never enlarged.
func reduced(w, h int) (int, int) {
	long := max(w, h)
	if long <= AnalysisSide {
		return w, h
	}
	s := float64(AnalysisSide) / float64(long)
	return max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
}
