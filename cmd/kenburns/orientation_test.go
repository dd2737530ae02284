package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

// TestCorpusUpright renders every corpus photo whole (--fit pad, no
// motion, one frame each) and compares each frame with ffmpeg's own
// decode of the photo, which applies EXIF orientation, placed in the same
// rectangle. A photo shown sideways or upside down differs grossly.
func TestCorpusUpright(t *testing.T) {
	testenv.NeedFFmpeg(t)
	photos := testenv.Corpus(t, "photos")
	const w, h = 192, 108
	out := filepath.Join(t.TempDir(), "upright.mp4")
	args := []string{"render", photos, "-o", out, "--size", fmt.Sprintf("%dx%d", w, h), "--fps", "10", "--duration", "0.1",
		"--transition", "none", "--motion", "none", "--fit", "pad", "--crf", "0", "--progress", "none"}
	if code, _, stderr := kenburns(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	opts := slideshow.DefaultOptions()
	opts.Inputs, opts.Width, opts.Height, opts.Fit, opts.Motion = []string{photos}, w, h, setting.FitPad, "none"
	opts.Transition, opts.FPS = "none", setting.Rate{Num: 10, Den: 1}
	sb, _, err := slideshow.Open(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := slideshow.Build(t.Context(), sb, opts)
	if err != nil {
		t.Fatal(err)
	}
	frames := decodeRGB(t, []string{"-i", out}, w, h)
	if len(frames) != w*h*3*len(plan.Slides) {
		t.Fatalf("decoded %d bytes, want %d frames", len(frames), len(plan.Slides))
	}
	for i, s := range plan.Slides {
		name := filepath.Base(s.Photo.Path)
		if strings.HasSuffix(name, ".png") && strings.Contains(name, "transparent") {
			continue // ffmpeg does not composite alpha when converting; internal/photo tests this one
		}
		t.Run(name, func(t *testing.T) {
			got := frames[i*w*h*3 : (i+1)*w*h*3]
			d := s.Dest
			vf := fmt.Sprintf("scale=%d:%d:flags=lanczos,pad=%d:%d:%d:%d:black", d.Dx(), d.Dy(), w, h, d.Min.X, d.Min.Y)
			upright := decodeRGB(t, []string{"-i", "file:" + s.Photo.Path, "-frames:v", "1", "-vf", vf}, w, h)
			flipped := decodeRGB(t, []string{"-i", "file:" + s.Photo.Path, "-frames:v", "1", "-vf", "vflip,hflip," + vf}, w, h)
			du, df := meanDiff(got, upright), meanDiff(got, flipped)
			t.Logf("mean difference %.1f upright, %.1f turned over", du, df)
			if du > 8 || du*2 > df {
				t.Errorf("frame does not match the upright photo: difference %.1f, turned over %.1f", du, df)
			}
		})
	}
}

func decodeRGB(t *testing.T, in []string, w, h int) []byte {
	t.Helper()
	args := append([]string{"-v", "error", "-nostdin"}, in...)
	args = append(args, "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", fmt.Sprintf("%dx%d", w, h), "-")
	var stderr bytes.Buffer
	cmd := exec.Command("ffmpeg", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ffmpeg %v: %v: %s", args, err, stderr.String())
	}
	return out
}

func meanDiff(a, b []byte) float64 {
	var sum int
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		sum += d
	}
	return float64(sum) / float64(len(a))
}
