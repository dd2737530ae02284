package render

import (
	"context"
	"io"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/slideshow"
)

// feedMotion writes the frames of p as raw yuv420p at the output size: each
// frame is the slide's window at that moment, resampled at sub-pixel
// precision from the working copy and drawn on the background.
func feedMotion(ctx context.Context, plan *slideshow.Plan, p Pipe, work string, w io.Writer) error {
	s := plan.Slides[p.Slide]
	src, err := raster.ReadFile(workFile(work, p.Slide), s.Work.X, s.Work.Y)
	if err != nil {
		return err
	}
	frame := raster.New(plan.Width, plan.Height)
	var back *raster.Planes
	if s.Dest != frame.Bounds() {
		if back, err = raster.ReadFile(backFile(work, p.Slide), plan.Width, plan.Height); err != nil {
			return err
		}
		frame.CopyFrom(back)
	}
	// The caption is drawn once and blended into each frame, then the
	// samples under it are put back: a hold repeats the photo's frame,
	// but the caption may be fading.
	caption, err := captionOverlay(plan, s, plan.Width, plan.Height)
	if err != nil {
		return err
	}
	// One goroutine per feeder: the chunks and their feeders already run in
	// parallel, and fanning out per frame only adds scheduling overhead.
	sampler := raster.NewSampler(1)
	var prev effects.Rect
	for n := p.Start; n < p.Start+p.Frames; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		// A hold (or a still photo) repeats the last frame as it is.
		if win := s.Motion.At(float64(n)); n == p.Start || win != prev {
			sampler.Draw(frame, s.Dest, src, srcWindow(win, src))
			prev = win
		}
		var under []byte
		if caption != nil {
			under = caption.Under(frame)
			caption.Blend(frame, captionOpacity(s.Caption, n, s.Frames))
		}
		if _, err := w.Write(frame.Pix); err != nil {
			return err
		}
		if caption != nil {
			caption.Restore(frame, under)
		}
	}
	return nil
}

// srcWindow is win, a window in fractions of the upright photo, in pixels
// of src, a working copy of that photo at any size: the fractions do not
// depend on the size, so a preview's small copy shows the same framing.
func srcWindow(win effects.Rect, src *raster.Planes) raster.Window {
	sx, sy := float64(src.W), float64(src.H)
	return raster.Window{X: win.X * sx, Y: win.Y * sy, W: win.W * sx, H: win.H * sy}
}
