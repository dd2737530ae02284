//go:build linux

package main

import (
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/render"
)

// TestPan checks the floor's frame generator without ffmpeg: the pan runs
// corner to corner on even offsets and the crop copies the right pixels.
func TestPan(t *testing.T) {
	src := yuvImage{W: 24, H: 14, Pix: make([]byte, 24*14*3/2)}
	for i := range src.Pix {
		src.Pix[i] = byte(i)
	}
	const fw, fh, n = 20, 10, 5
	if x, y := panOffset(src, fw, fh, 0, n); x != 0 || y != 0 {
		t.Errorf("first frame at %d,%d, want 0,0", x, y)
	}
	if x, y := panOffset(src, fw, fh, n-1, n); x != src.W-fw || y != src.H-fh {
		t.Errorf("last frame at %d,%d, want %d,%d", x, y, src.W-fw, src.H-fh)
	}
	for k := 0; k < n; k++ {
		if x, y := panOffset(src, fw, fh, k, n); x%2 != 0 || y%2 != 0 {
			t.Errorf("frame %d at odd offset %d,%d", k, x, y)
		}
	}
	dst := make([]byte, fw*fh*3/2)
	cropInto(dst, src, fw, fh, 2, 4)
	if got, want := dst[fw*1+3], src.Pix[src.W*5+5]; got != want {
		t.Errorf("luma (3,1) = %d, want %d", got, want)
	}
	cb := src.W * src.H
	if got, want := dst[fw*fh+fw/2*1+2], src.Pix[cb+src.W/2*3+3]; got != want {
		t.Errorf("Cb (2,1) = %d, want %d", got, want)
	}
}

// BenchmarkRenderSmall renders 3 small photos to 320x180 through the
// renderer and reports its wall time as a ratio to the moving floor at the
// same size ("ratio-to-floor"). At this size decoding the photos weighs
// far more than at 1080p, so the ratio is higher than go run ./bench's.
func BenchmarkRenderSmall(b *testing.B) {
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		b.Skip("ffmpeg not installed")
	}
	dir := b.TempDir()
	var paths []string
	for i := 0; i < 3; i++ {
		p := filepath.Join(dir, "photo"+string(rune('1'+i))+".jpg")
		if err := writeSynthetic(p, 1200, 800, uint64(i)); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	cfg := config{Size: "320x180", FPS: 30, Duration: 2 * time.Second, Transition: time.Second / 2, CRF: 20, Preset: "medium", Jobs: 2}
	plan, err := planBench(cfg, 320, 180, paths, filepath.Join(dir, "out.mp4"))
	if err != nil {
		b.Fatal(err)
	}
	var sources []yuvImage
	for _, p := range paths {
		s, err := loadPanSource(ffmpeg, p, 320, 180)
		if err != nil {
			b.Fatal(err)
		}
		sources = append(sources, s)
	}
	var renderT, floorT time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := (&render.Renderer{Jobs: cfg.Jobs}).Render(context.Background(), plan); err != nil {
			b.Fatal(err)
		}
		renderT += time.Since(start)
		b.StopTimer()
		u, err := runFloor(ffmpeg, sources, 320, 180, cfg.FPS, cfg.CRF, cfg.Preset, plan.Frames, filepath.Join(dir, "floor.mp4"))
		if err != nil {
			b.Fatal(err)
		}
		floorT += time.Duration(u.WallS * float64(time.Second))
		b.StartTimer()
	}
	b.ReportMetric(renderT.Seconds()/floorT.Seconds(), "ratio-to-floor")
	b.ReportMetric(float64(plan.Frames)*float64(b.N)/renderT.Seconds(), "frames/s")
}

// writeSynthetic writes a deterministic photo-like JPEG: smooth gradients
// with fine noise, so that it compresses and decodes like a photo.
func writeSynthetic(path string, w, h int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 7))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := rng.IntN(24)
			img.SetRGBA(x, y, color.RGBA{byte(x*200/w + n), byte(y*200/h + n), byte((x+y)*100/(w+h) + 60 + n), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 90}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
