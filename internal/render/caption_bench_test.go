package render

import (
	"image/color"
	"testing"

	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/text"
	"github.com/kenburns/kenburns/slideshow"
)

// BenchmarkCaptionDraw is the once-per-chunk cost of a caption at 1080p:
// loading the fonts, laying out and drawing the text, converting it to
// Y'CbCr with alpha.
func BenchmarkCaptionDraw(b *testing.B) {
	plan := &slideshow.Plan{Width: 1920, Height: 1080, Captions: setting.CaptionsBurn}
	s := slideshow.Slide{Caption: &slideshow.Caption{Text: hardCaption, Style: text.Style{Size: 0.05, Color: color.NRGBA{255, 255, 255, 255}, Box: true, Shadow: true}}}
	for b.Loop() {
		if _, err := captionOverlay(plan, s, 1920, 1080); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCaptionBlend is the per-frame cost of a caption at 1080p: the
// samples under it saved, the caption blended in, the samples restored.
func BenchmarkCaptionBlend(b *testing.B) {
	plan := &slideshow.Plan{Width: 1920, Height: 1080, Captions: setting.CaptionsBurn}
	s := slideshow.Slide{Caption: &slideshow.Caption{Text: hardCaption, Style: text.Style{Size: 0.05, Color: color.NRGBA{255, 255, 255, 255}, Box: true, Shadow: true}}}
	o, err := captionOverlay(plan, s, 1920, 1080)
	if err != nil {
		b.Fatal(err)
	}
	frame := raster.New(1920, 1080)
	for b.Loop() {
		under := o.Under(frame)
		o.Blend(frame, 0.7)
		o.Restore(frame, under)
	}
}
