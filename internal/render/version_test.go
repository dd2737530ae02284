package render

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/slideshow"
)

// framesDigest draws every frame kenburns itself draws for a small fixed
// plan (working copies, backgrounds, the smooth engine's frames) and
// hashes them with the command lines of both engines: everything that
// decides a chunk's pixels before x264.
func framesDigest(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var infos []photo.Info
	for i, size := range []image.Point{{97, 61}, {40, 90}} {
		img := image.NewNRGBA(image.Rect(0, 0, size.X, size.Y))
		for y := 0; y < size.Y; y++ {
			for x := 0; x < size.X; x++ {
				// Mid-tones everywhere, so that every step of drawing,
				// the darkened blur background included, shows in them.
				img.Set(x, y, color.NRGBA{uint8(60 + x*37%180), uint8(60 + y*23%180), uint8(60 + (x+y)*13%180), uint8(255 - i*60)})
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("p%d.png", i))
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		info, err := photo.Probe(path, 0)
		if err != nil {
			t.Fatal(err)
		}
		infos = append(infos, info)
	}
	sb := slideshow.FromPhotos(infos)
	z, c := 1.7, [2]float64{0.37, 0.61}
	sb.Slides[0].Setting.Motion = &storyboard.MotionSpec{Keyframes: []storyboard.KeyframeSpec{
		{At: &storyboard.Time{IsFraction: true}},
		{At: &storyboard.Time{IsFraction: true, Fraction: 1}, Zoom: &z, Center: &c},
	}}
	sb.Slides[1].Setting.Fit = setting.FitBlur
	opts := slideshow.DefaultOptions()
	opts.Width, opts.Height, opts.FPS = 64, 36, setting.Rate{Num: 10, Den: 1}
	opts.Duration, opts.TransitionDuration = 1500*time.Millisecond, 500*time.Millisecond
	opts.Background = color.NRGBA{20, 40, 60, 255}
	plan, err := slideshow.Build(context.Background(), sb, opts)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for i := range plan.Slides {
		if bad, err := prepare(context.Background(), plan, i, dir); bad != nil || err != nil {
			t.Fatal(bad, err)
		}
	}
	for i := range plan.Chunks {
		cmd, err := ChunkCommand(plan, i, "$WORK")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range cmd.Pipes {
			if err := feedMotion(context.Background(), plan, p, dir, h); err != nil {
				t.Fatal(err)
			}
		}
		fmt.Fprintln(h, strings.Join(cmd.Args, " "))
		zp := *plan
		zp.Engine = setting.EngineZoompan
		zc, err := ChunkCommand(&zp, i, "$WORK")
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(h, strings.Join(zc.Args, " "))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestEngineVersion fails when the frames kenburns draws, or the commands
// that encode them, change while EngineVersion stays the same: cached
// chunks of the old frames would then be joined with new ones. After an
// intended change, bump EngineVersion and run go test -update.
func TestEngineVersion(t *testing.T) {
	path := filepath.Join("testdata", "engine-version.golden")
	got := fmt.Sprintf("engine version %d: frames %s\n", EngineVersion, framesDigest(t))
	if golden.Updating() {
		golden.Check(t, path, got)
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	var version int
	var digest string
	if _, err := fmt.Sscanf(string(b), "engine version %d: frames %s", &version, &digest); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	switch {
	case version == EngineVersion && got != string(b):
		t.Errorf("the frames changed but EngineVersion is still %d: bump it in key.go (cached chunks would mix old and new frames), then run go test -update\ngot:  %swant: %s", EngineVersion, got, b)
	case version != EngineVersion:
		t.Errorf("EngineVersion is %d but %s records %d: run go test -update", EngineVersion, path, version)
	}
}
