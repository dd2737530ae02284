package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/draw"

	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

func TestValidateCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"valid examples", []string{"validate", "../../examples/keyframes.yaml", "../../examples/folder.yaml", "../../examples/vertical.yaml"}, exitOK, "keyframes.yaml: ok: 3 slides"},
		{"every problem with a caret", []string{"validate", "../../examples/errors/many-problems.yaml"}, exitInvalid, "many-problems.yaml:20:44: slide 3 (02-gradients.jpg): unknown key \"too\" in motion (did you mean \"to\"?)\n   20 |"},
		{"valid and invalid", []string{"validate", "../../examples/folder.yaml", "../../examples/errors/zoom-not-positive.yaml"}, exitInvalid, "folder.yaml: ok"},
		{"missing file", []string{"validate", "nope.yaml"}, exitInvalid, "read storyboard nope.yaml: no such file"},
		{"no file", []string{"validate"}, exitInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := kenburns(t, tt.args...)
			if code != tt.code || !strings.Contains(out+errOut, tt.contains) {
				t.Errorf("exit %d, want %d; output:\n%s%s\nwant it to contain %q", code, tt.code, out, errOut, tt.contains)
			}
		})
	}
}

// TestRenderInvalidStoryboard: an invalid storyboard stops render before
// any ffmpeg work, with exit 2, and nothing is written.
func TestRenderInvalidStoryboard(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.mp4")
	code, _, errOut := kenburns(t, "render", "../../examples/errors/window-leaves-photo.yaml", "-o", out, "--progress", "none")
	if code != exitInvalid || !strings.Contains(errOut, "window-leaves-photo.yaml:10:39: slide 3 (05-seahorse-valley.jpg): keyframe 2: window leaves the photo at the right edge (x+w = 1.18)") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("render of an invalid storyboard left %d files in the output folder", len(ents))
	}
}

func TestPlanCommand(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"table", []string{"plan", "../../examples/keyframes.yaml"}},
		{"table-vertical", []string{"plan", "../../examples/vertical.yaml"}},
		{"ffmpeg-override", []string{"plan", "--ffmpeg", "--size", "320x180", "--fps", "10", "-o", "out.mp4", "../../examples/keyframes.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := kenburns(t, tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			goldenFile(t, "storyboard-plan-"+tt.name+".golden", out)
		})
	}
	t.Run("json", func(t *testing.T) {
		code, out, errOut := kenburns(t, "plan", "--json", "../../examples/keyframes.yaml")
		var p slideshow.Document
		if code != exitOK || json.Unmarshal([]byte(out), &p) != nil || p.Version != 1 || len(p.Slides) != 3 || len(p.Slides[0].Keyframes) != 4 || p.Frames != 213 {
			t.Errorf("exit %d, %s; plan %+v", code, errOut, p)
		}
	})
	t.Run("json golden", func(t *testing.T) {
		// The documented format, pinned: a change of it shows here.
		code, out, errOut := kenburns(t, "plan", "--json", "--fps", "30000/1001", "../../examples/keyframes.yaml")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var p slideshow.Document
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatal(err)
		}
		for i := range p.Slides {
			if ph := &p.Slides[i].Photo; ph.TakenFrom == "file_time" {
				ph.Taken = time.Time{} // the checkout's file time
			}
		}
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		goldenFile(t, "plan-json.golden", string(b)+"\n")
	})
	t.Run("json and ffmpeg", func(t *testing.T) {
		if code, _, _ := kenburns(t, "plan", "--json", "--ffmpeg", "../../examples/keyframes.yaml"); code != exitInvalid {
			t.Errorf("exit %d, want %d", code, exitInvalid)
		}
	})
}

func TestInitCommand(t *testing.T) {
	dir := t.TempDir()
	sb := filepath.Join(dir, "trip.yaml")
	if code, out, errOut := kenburns(t, "init", "../../examples/photos", "-o", sb); code != exitOK || !strings.Contains(out, "wrote "+sb+": 5 slides") {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := kenburns(t, "validate", sb); code != exitOK {
		t.Errorf("validate the written storyboard: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := kenburns(t, "init", "../../examples/photos", "-o", sb); code != exitInvalid || !strings.Contains(errOut, "already exists") {
		t.Errorf("init over an existing file: exit %d, %s", code, errOut)
	}
	if code, out, _ := kenburns(t, "init", "--seed", "9", "../../examples/photos"); code != exitOK || !strings.HasPrefix(out, "# Storyboard written by kenburns init") {
		t.Errorf("init to stdout: exit %d\n%s", code, out)
	}
}

// TestExamplesRender renders every storyboard in examples/, small, and
// checks the video's size and length against the plan.
func TestExamplesRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	files, _ := filepath.Glob("../../examples/*.yaml")
	if len(files) < 3 {
		t.Fatalf("want at least 3 example storyboards, found %d", len(files))
	}
	for _, f := range files {
		if filepath.Base(f) == "batch.yaml" {
			continue // a batch manifest, rendered by the batch tests
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.mp4")
			args := []string{f, "--size", "320x180", "-o", out}
			code, js, errOut := kenburns(t, append([]string{"plan", "--json"}, args...)...)
			var p slideshow.Document
			if code != exitOK || json.Unmarshal([]byte(js), &p) != nil {
				t.Fatalf("plan: exit %d: %s", code, errOut)
			}
			if code, _, errOut := kenburns(t, append([]string{"render", "--progress", "none", "--x264-preset", "ultrafast"}, args...)...); code != exitOK {
				t.Fatalf("render: exit %d: %s", code, errOut)
			}
			got := probe(t, out)
			if got.Width != 320 || got.Height != 180 || got.Frames != p.Frames {
				t.Errorf("video is %dx%d with %d frames, want 320x180 with %d", got.Width, got.Height, got.Frames, p.Frames)
			}
		})
	}
}

// decodeFrames decodes a video to RGB frames.
func decodeFrames(t *testing.T, path string, w, h int) []*image.RGBA {
	t.Helper()
	raw, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-").Output()
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	var frames []*image.RGBA
	for len(raw) >= w*h*3 {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := 0; i < w*h; i++ {
			img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2], img.Pix[4*i+3] = raw[3*i], raw[3*i+1], raw[3*i+2], 255
		}
		frames = append(frames, img)
		raw = raw[w*h*3:]
	}
	return frames
}

// meanAbsDiff is the mean absolute difference of the RGB channels, in
// 8-bit levels.
func meanAbsDiff(a, b *image.RGBA) float64 {
	sum := 0.0
	for i := 0; i < len(a.Pix); i += 4 {
		for c := 0; c < 3; c++ {
			sum += math.Abs(float64(a.Pix[i+c]) - float64(b.Pix[i+c]))
		}
	}
	return sum / float64(len(a.Pix)/4*3)
}

// TestStoryboardKeyframesRender renders a multi-keyframe slide losslessly
// and checks the frames: identical through the hold, and at the zoomed
// keyframe the crop of the photo the keyframe names, computed here with
// plain arithmetic and x/image's resampler rather than kenburns' geometry
// and engine.
func TestStoryboardKeyframesRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	photos, _ := filepath.Abs("../../examples/photos")
	sb := filepath.Join(dir, "three.yaml")
	// 10 fps: keyframe 2 is at frame 10, the hold lasts to frame 20, and
	// slide 1's transition starts at frame 27.
	src := fmt.Sprintf(`output: {file: three.mp4, size: 320x180, fps: 10}
defaults: {duration: 1s, transition: {type: fade, duration: 0.3s}}
slides:
  - photo: %[1]s/01-mandelbrot.jpg
    duration: 3s
    motion:
      - {at: 0,  zoom: 1, center: [0.5, 0.5]}
      - {at: 1s, zoom: 2, center: [0.35, 0.4], ease: in-out}
      - {at: 2s}
      - {at: 3s, zoom: 2, center: [0.65, 0.5], ease: in-out}
  - photo: %[1]s/02-gradients.jpg
    motion: zoom-in
  - photo: %[1]s/05-seahorse-valley.jpg
`, filepath.ToSlash(photos))
	if err := os.WriteFile(sb, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	// CRF 0 is lossless, so the frames are what the engine drew, up to
	// the yuv420p conversion.
	if code, _, errOut := kenburns(t, "render", sb, "--crf", "0", "--x264-preset", "ultrafast", "--progress", "none"); code != exitOK {
		t.Fatalf("render: exit %d: %s", code, errOut)
	}
	frames := decodeFrames(t, filepath.Join(dir, "three.mp4"), 320, 180)
	if len(frames) != 30+10+10-3-3 {
		t.Fatalf("decoded %d frames, want 44", len(frames))
	}
	for n := 11; n <= 20; n++ {
		if !bytes.Equal(frames[n].Pix, frames[10].Pix) {
			t.Errorf("frame %d differs from frame 10 during the hold (mean difference %.3f)", n, meanAbsDiff(frames[n], frames[10]))
		}
	}
	if bytes.Equal(frames[9].Pix, frames[10].Pix) || bytes.Equal(frames[21].Pix, frames[20].Pix) {
		t.Error("the frames next to the hold do not move")
	}

	// The photo is 1600x1000 (16:10); the largest 16:9 window is
	// 1600x900, at zoom 2 it is 800x450, centred at (0.35*1600,
	// 0.4*1000) = (560, 400): the crop (160, 175)-(960, 625).
	f, err := os.Open(filepath.Join(photos, "01-mandelbrot.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	photo, err := jpeg.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	crop := func(dx int) *image.RGBA {
		want := image.NewRGBA(image.Rect(0, 0, 320, 180))
		draw.CatmullRom.Scale(want, want.Bounds(), photo, image.Rect(160+dx, 175, 960+dx, 625), draw.Src, nil)
		return want
	}
	mad := meanAbsDiff(frames[10], crop(0))
	shifted := meanAbsDiff(frames[10], crop(8)) // the window 1% of its width to the right
	t.Logf("mean absolute difference from the crop: %.2f levels; from the crop 8 px (1%%) to the right: %.2f", mad, shifted)
	// Threshold: with a lossless encode, what remains is 4:2:0 chroma
	// and two different resampling filters (Lanczos then Catmull-Rom in
	// kenburns, one Catmull-Rom here), measured at 3.4 levels on this
	// detailed fractal; a window off by just 1% of its width measures
	// 9.5. 5 levels separates the two with margin on both sides.
	if mad > 5 {
		t.Errorf("frame 10 differs from the crop the keyframe names by %.2f levels on average, want at most 5", mad)
	}
	if shifted <= 5 {
		t.Errorf("the test cannot tell a misplaced window: a 1%% shift differs by only %.2f", shifted)
	}
}

// TestInitThenRenderEqualsFolder: a storyboard from init, rendered
// unchanged, is the same video as the folder rendered directly.
func TestInitThenRenderEqualsFolder(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	flags := []string{"--size", "160x90", "--fps", "10", "--duration", "1", "--transition-duration", "0.3", "--seed", "5"}
	sb := filepath.Join(dir, "trip.yaml")
	if code, _, errOut := kenburns(t, append([]string{"init", "../../examples/photos", "-o", sb}, flags...)...); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	a, b := filepath.Join(dir, "storyboard.mp4"), filepath.Join(dir, "folder.mp4")
	// --no-cache: the second render must not take the first's chunks.
	if code, _, errOut := kenburns(t, "render", sb, "-o", a, "--progress", "none", "--x264-preset", "ultrafast", "--no-cache"); code != exitOK {
		t.Fatalf("render storyboard: exit %d: %s", code, errOut)
	}
	if code, _, errOut := kenburns(t, append([]string{"render", "../../examples/photos", "-o", b, "--progress", "none", "--x264-preset", "ultrafast", "--no-cache"}, flags...)...); code != exitOK {
		t.Fatalf("render folder: exit %d: %s", code, errOut)
	}
	hash := func(p string) string {
		out, err := exec.Command("ffmpeg", "-v", "error", "-i", p, "-f", "framemd5", "-").Output()
		if err != nil {
			t.Fatalf("framemd5 %s: %v", p, err)
		}
		return string(out)
	}
	ha, hb := hash(a), hash(b)
	if ha != hb {
		t.Errorf("the storyboard's video differs from the folder's:\n%s\nvs\n%s", ha, hb)
	}
	if n := strings.Count(ha, "\n0,"); n < 30 {
		t.Errorf("only %d frames compared", n)
	}
}
