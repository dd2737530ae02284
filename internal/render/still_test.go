package render_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

// stillBound is the largest mean luma difference, in 8-bit levels, between
// a Still's frame and the same frame of a lossless render scaled by ffmpeg
// to the Still's size. Measured: 0.1 to 1.3 (two different reductions of
// the same picture), and about 4 for the padded panorama, whose strip sits
// at an odd row once halved and so moves by one thumbnail pixel to an even
// one (chroma needs even corners). Other frames of the same slide differ
// by 6 to 70, and a wrong fit by more.
const stillBound = 5.0

// TestStillMatchesRender renders the bundled photos losslessly with each
// fit, and checks that each slide's first, middle and last Still frames are
// the video's frames scaled down, and are not the other two.
func TestStillMatchesRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	const tw, th = 160, 90
	for _, fit := range []setting.Fit{setting.FitAuto, setting.FitPad, setting.FitBlur} {
		t.Run(fit.String(), func(t *testing.T) {
			plan := stillPlan(t, fit)
			r := &render.Renderer{Jobs: 2, TempDir: t.TempDir()}
			if err := r.Render(t.Context(), plan); err != nil {
				t.Fatalf("render: %v", err)
			}
			video := decodeScaledLuma(t, plan.Output, tw, th)
			if len(video) != plan.Frames {
				t.Fatalf("decoded %d frames, want %d", len(video), plan.Frames)
			}
			stills, err := render.Stills(t.Context(), plan, 2, tw, th)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range plan.Slides {
				picks := []int{0, (s.Frames - 1) / 2, s.Frames - 1}
				for j, n := range picks {
					got := stills[i].Frame(n).Y[:tw*th]
					if d := meanLumaDiff(got, video[s.Start+n]); d > stillBound {
						t.Errorf("slide %d frame %d: differs from the video's by %.2f levels, want ≤ %g", i+1, n, d, stillBound)
					}
					// The neighbouring pick must not match: the bound
					// tells frames apart.
					other := picks[(j+1)%3]
					if d := meanLumaDiff(got, video[s.Start+other]); d <= stillBound {
						t.Errorf("slide %d frame %d: matches the video's frame %d too (%.2f levels): the test cannot tell frames apart", i+1, n, other, d)
					}
				}
			}
		})
	}
	t.Run("wrong fit", func(t *testing.T) {
		crop, pad := stillPlan(t, setting.FitCrop), stillPlan(t, setting.FitPad)
		a, err := render.NewStill(crop, 2, tw, th)
		if err != nil {
			t.Fatal(err)
		}
		b, err := render.NewStill(pad, 2, tw, th)
		if err != nil {
			t.Fatal(err)
		}
		if d := meanLumaDiff(a.Frame(0).Y[:tw*th], b.Frame(0).Y[:tw*th]); d <= stillBound {
			t.Errorf("crop and pad of the portrait differ by only %.2f levels", d)
		}
	})
}

// stillPlan plans the bundled photos at 320x180, 10 fps, 1.5 s a slide
// with cuts (so that every frame of every slide is in the video), zooming
// in, rendered losslessly.
func stillPlan(t *testing.T, fit setting.Fit) *slideshow.Plan {
	t.Helper()
	photos, err := filepath.Abs("../../examples/photos")
	if err != nil {
		t.Fatal(err)
	}
	opts := slideshow.DefaultOptions()
	opts.Inputs = []string{photos}
	opts.Width, opts.Height, opts.FPS = 320, 180, setting.Rate{Num: 10, Den: 1}
	opts.Duration = 1500 * time.Millisecond
	opts.Transition = effects.None
	opts.Motion = "zoom-in-top-left"
	opts.Zoom = 1.6
	opts.Fit = fit
	opts.CRF = 0
	opts.EncoderPreset = "ultrafast"
	opts.Output = filepath.Join(t.TempDir(), "out.mp4")
	sb, _, err := slideshow.Open(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := slideshow.Build(t.Context(), sb, opts)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// decodeScaledLuma decodes the video to yuv420p scaled to w x h by ffmpeg
// (area averaging, not kenburns' resampler) and returns each frame's Y
// plane.
func decodeScaledLuma(t *testing.T, path string, w, h int) [][]byte {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
		"-i", "file:"+path, "-vf", fmt.Sprintf("scale=%d:%d:flags=area", w, h), "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("decode %s: %v: %s", path, err, stderr.String())
	}
	size := w * h * 3 / 2
	var frames [][]byte
	for ; len(out) >= size; out = out[size:] {
		frames = append(frames, out[:w*h])
	}
	return frames
}

func meanLumaDiff(a, b []byte) float64 {
	sum := 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		sum += max(d, -d)
	}
	return float64(sum) / float64(len(a))
}
