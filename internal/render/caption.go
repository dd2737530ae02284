package render

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/text"
	"github.com/kenburns/kenburns/slideshow"
)

// captionImage draws the slide's caption for a w x h frame: premultiplied
// RGBA placed in the frame; nil when the plan burns in no caption here.
func captionImage(plan *slideshow.Plan, s slideshow.Slide, w, h int) (*image.RGBA, error) {
	c := s.Caption
	if c == nil || c.Text == "" || !plan.Captions.Burned() {
		return nil, nil
	}
	fonts, err := text.Load(c.Style.Font)
	if err != nil {
		return nil, err
	}
	return fonts.Draw([]text.Para{{Text: c.Text, Scale: 1}}, c.Style, w, h), nil
}

// captionOverlay is captionImage ready to blend into the frames; nil when
// there is no caption.
func captionOverlay(plan *slideshow.Plan, s slideshow.Slide, w, h int) (*raster.Overlay, error) {
	img, err := captionImage(plan, s, w, h)
	if img == nil || err != nil {
		return nil, err
	}
	return raster.NewOverlay(img, w, h), nil
}

// captionOpacity is how opaque the caption is at frame n of a slide of
// frames: it fades in over its first FadeIn frames and out over its last
// FadeOut, sampled at the middle of each frame.
func captionOpacity(c *slideshow.Caption, n, frames int) float64 {
	a := 1.0
	t := float64(n) + 0.5
	if c.FadeIn > 0 {
		a = math.Min(a, t/float64(c.FadeIn))
	}
	if c.FadeOut > 0 {
		a = math.Min(a, (float64(frames)-t)/float64(c.FadeOut))
	}
	return math.Max(0, math.Min(1, a))
}

// titleImage draws a title slide at w x h: its text on its colour, or on
// its photo blurred and darkened as the blur fit's background.
func titleImage(ctx context.Context, plan *slideshow.Plan, s slideshow.Slide, w, h int) (*raster.Planes, error) {
	t := s.Title
	var back *raster.Planes
	if t.Photo != nil {
		img, err := photo.LoadContext(ctx, *t.Photo, plan.Background, 0, 0)
		if err != nil {
			return nil, &photo.Error{Path: t.Photo.Path, Err: err}
		}
		blur := s
		blur.Fit = setting.FitBlur
		back = background(plan, blur, img, w, h)
	} else {
		back = raster.New(w, h)
		back.Fill(raster.RGBToYCbCr(t.Background.R, t.Background.G, t.Background.B))
	}
	fonts, err := text.Load(t.Style.Font)
	if err != nil {
		return nil, err
	}
	img := fonts.Draw(t.Paras(), t.Style, w, h)
	raster.NewOverlay(img, w, h).Blend(back, 1)
	return back, nil
}

// prepareTitle writes a title slide's working copy, drawn at the output
// size. A title's photo that cannot be decoded is reported as bad.
func prepareTitle(ctx context.Context, p *slideshow.Plan, i int, dir string) (bad, err error) {
	s := p.Slides[i]
	img, err := titleImage(ctx, p, s, p.Width, p.Height)
	if err != nil {
		if pe, ok := err.(*photo.Error); ok {
			if ctx.Err() != nil {
				return nil, context.Cause(ctx)
			}
			return pe.Err, nil
		}
		return nil, err
	}
	if err := img.WriteFile(workFile(dir, i)); err != nil {
		return nil, fmt.Errorf("write title: %w", err)
	}
	return nil, nil
}

// textColor formats a colour with alpha for a key.
func textColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A) }

// textKey is what decides the pixels of a slide's text: the caption as
// burned in, or the title and its background, and the fonts drawing them
// by content (the fallbacks by name: system fonts change rarely).
type textKey struct {
	Caption         string   `json:",omitempty"`
	FadeIn, FadeOut int      `json:",omitempty"`
	Title, Subtitle string   `json:",omitempty"`
	Background      string   `json:",omitempty"`
	Photo           string   `json:",omitempty"` // sha256 of a title's photo
	Orientation     int      `json:",omitempty"`
	Style           string   // size, colour, position, box, shadow
	Font            string   // sha256 of the style's font file; "" for Go Regular
	Fallbacks       []string // the fonts tried after it
}

// textKeyOf returns the text key of slide s; nil when it has no text that
// changes its pixels.
func textKeyOf(c interface{ FileSum(string) (string, error) }, plan *slideshow.Plan, s slideshow.Slide) (*textKey, error) {
	var k textKey
	var st text.Style
	switch {
	case s.Title != nil:
		t := s.Title
		k.Title, k.Subtitle, k.Background, st = t.Text, t.Subtitle, textColor(t.Background), t.Style
		if t.Photo != nil {
			sum, err := c.FileSum(t.Photo.Path)
			if err != nil {
				return nil, err
			}
			k.Photo, k.Orientation = sum, t.Photo.Orientation
			k.Background = textColor(plan.Background)
		}
	case s.Caption != nil && s.Caption.Text != "" && plan.Captions.Burned():
		k.Caption, k.FadeIn, k.FadeOut, st = s.Caption.Text, s.Caption.FadeIn, s.Caption.FadeOut, s.Caption.Style
	default:
		return nil, nil
	}
	k.Style = fmt.Sprintf("%g %s %s box=%t shadow=%t", st.Size, textColor(st.Color), st.Position, st.Box, st.Shadow)
	if st.Font != "" {
		sum, err := c.FileSum(st.Font)
		if err != nil {
			return nil, err
		}
		k.Font = sum
	}
	fonts, err := text.Load(st.Font)
	if err != nil {
		return nil, err
	}
	k.Fallbacks = fonts.Names()[1:]
	return &k, nil
}
