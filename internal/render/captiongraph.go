package render

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	ffmpeg "github.com/u2takey/ffmpeg-go"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// The zoompan engine's captions: the text drawn by the same Go code as the
// smooth engine's, saved as an RGBA PNG of the text block alone, looped
// over the slide's frames, faded with ffmpeg's fade on its alpha and
// overlaid at its place in the frame.

// captionFile is slide i's caption as a PNG, for the zoompan engine.
func captionFile(dir string, slide int) string {
	return filepath.Join(dir, fmt.Sprintf("caption-%04d.png", slide+1))
}

// writeCaptionPNG saves slide i's caption for the zoompan engine; nothing
// when the engine is smooth or the slide has no burned-in caption.
func writeCaptionPNG(p *slideshow.Plan, i int, dir string) error {
	if p.Engine != setting.EngineZoompan {
		return nil
	}
	img, err := captionImage(p, p.Slides[i], p.Width, p.Height)
	if img == nil || err != nil {
		return err
	}
	f, err := os.Create(captionFile(dir, i))
	if err != nil {
		return fmt.Errorf("write caption: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("write caption: %w", err)
	}
	return f.Close()
}

// overlayCaption lays slide i's caption over v, frames [start, start+n) of
// the slide. The PNG's place comes from laying the text out again, which
// is deterministic and cheap (a few milliseconds); a caption that cannot
// be laid out (its font went missing since planning) is left for prepare
// to report.
func overlayCaption(p *slideshow.Plan, i, start, n int, dir string, v *ffmpeg.Stream) *ffmpeg.Stream {
	s := p.Slides[i]
	img, err := captionImage(p, s, p.Width, p.Height)
	if img == nil || err != nil || img.Bounds().Empty() {
		return v
	}
	c := ffmpeg.Input(captionFile(dir, i), ffmpeg.KwArgs{"f": "png_pipe"}).
		Filter("format", ffmpeg.Args{"rgba"}).
		Filter("loop", nil, ffmpeg.KwArgs{"loop": n - 1, "size": 1}).
		Filter("setpts", ffmpeg.Args{"N/" + rateExpr(p.FPS) + "/TB"})
	// The fades in frames of this stream, which starts at the slide's
	// frame start; a fade already under way when it starts is shortened.
	cap := s.Caption
	if in := cap.FadeIn - start; cap.FadeIn > 0 && in > 0 {
		c = c.Filter("fade", nil, ffmpeg.KwArgs{"t": "in", "start_frame": 0, "nb_frames": in, "alpha": 1})
	}
	if cap.FadeOut > 0 {
		from := s.Frames - cap.FadeOut - start
		if from < n {
			c = c.Filter("fade", nil, ffmpeg.KwArgs{"t": "out", "start_frame": max(0, from), "nb_frames": min(cap.FadeOut, cap.FadeOut+from), "alpha": 1})
		}
	}
	b := img.Bounds()
	return v.Overlay(c, "", ffmpeg.KwArgs{"x": b.Min.X, "y": b.Min.Y, "format": "yuv420"})
}
