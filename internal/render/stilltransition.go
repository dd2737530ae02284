package render

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/slideshow"
)

// TransitionFrame draws frame k (0-based) of slide i's transition into the
// next slide as the video shows it, scaled: a is the outgoing slide's frame
// and b the incoming one's at that moment (as Stills draw them), mixed by
// ffmpeg's xfade with the options the render uses. It runs one small
// ffmpeg; r.FFmpeg is found on PATH when empty.
func (r *Renderer) TransitionFrame(ctx context.Context, p *slideshow.Plan, i, k int, a, b *raster.Planes) (*raster.Planes, error) {
	if r.FFmpeg == "" {
		if err := r.Lookup(); err != nil {
			return nil, err
		}
	}
	if t := p.Slides[i].Out.Frames; k < 0 || k >= t {
		return nil, fmt.Errorf("slide %d: transition frame %d: the transition has frames 0 to %d", i+1, k, t-1)
	}
	dir, err := os.MkdirTemp(r.TempDir, "kenburns-xfade-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "frame.yuv")
	cmd, err := TransitionFrameCommand(p, i, k, a.W, a.H, out)
	if err != nil {
		return nil, err
	}
	feed := func(f *raster.Planes) feeder {
		return func(w io.Writer) error {
			for range k + 1 {
				if _, err := w.Write(f.Pix); err != nil {
					if errors.Is(err, syscall.EPIPE) {
						return nil // ffmpeg had the frames it needed
					}
					return err
				}
			}
			return nil
		}
	}
	if err := r.run(ctx, cmd, []feeder{feed(a), feed(b)}, func(int) {}); err != nil {
		return nil, err
	}
	return raster.ReadFile(out, a.W, a.H)
}
