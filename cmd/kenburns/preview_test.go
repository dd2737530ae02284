package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

// previewFlags plan the bundled photos small, with cuts so that every frame
// of every slide is in the video, and with a zoom that makes the first,
// middle and last frames differ.
var previewFlags = []string{"--size", "320x180", "--fps", "10", "--duration", "1.5", "--transition", "none",
	"--motion", "zoom-in-top-left", "--zoom", "1.6"}

// sheetBound is the largest mean RGB difference, in 8-bit levels, between
// a sheet's thumbnail and the video's frame scaled to its size by ffmpeg.
// Measured: 1.8 to 6.9, the most for the padded panorama, whose strip
// moves by one thumbnail pixel to an even row (see render's stillBound);
// other frames of the same slide differ by 16 or more.
const sheetBound = 10.0

// TestPreviewSheet writes the contact sheet of the bundled photos and
// checks its size and layout, and that every thumbnail is the frame a
// lossless render of the same plan shows, scaled down, and not its
// neighbour.
func TestPreviewSheet(t *testing.T) {
	testenv.NeedFFmpeg(t)
	photos, _ := filepath.Abs("../../examples/photos")
	for _, fit := range []string{"auto", "pad", "blur"} {
		t.Run(fit, func(t *testing.T) {
			dir := t.TempDir()
			flags := append(append([]string(nil), previewFlags...), "--fit", fit, photos)
			sheetPath := filepath.Join(dir, "sheet.png")
			if code, _, stderr := kenburns(t, append([]string{"preview", "--thumb", "160", "-o", sheetPath}, flags...)...); code != 0 {
				t.Fatalf("preview: exit %d: %s", code, stderr)
			}
			video := filepath.Join(dir, "video.mp4")
			if code, _, stderr := kenburns(t, append([]string{"render", "--crf", "0", "--x264-preset", "ultrafast", "--progress", "none", "-o", video}, flags...)...); code != 0 {
				t.Fatalf("render: exit %d: %s", code, stderr)
			}
			sheet := decodePNG(t, sheetPath)
			plan := previewPlan(t, flags)
			tw, th := thumbSize(plan, 160)
			if tw != 160 || th != 90 {
				t.Fatalf("thumbnails %dx%d, want 160x90", tw, th)
			}
			l := sheetLayout{tw: tw, th: th, rows: len(plan.Slides)}
			if got, want := sheet.Bounds().Size(), image.Pt(8+4*168, 28+5*(20+90+8)); got != want || got != l.size() {
				t.Fatalf("sheet is %v, want %v", got, want)
			}
			frames := decodeScaledRGB(t, video, tw, th)
			if len(frames) != plan.Frames {
				t.Fatalf("decoded %d frames, want %d", len(frames), plan.Frames)
			}
			for i, s := range plan.Slides {
				picks := sheetFrames(s)
				for c, n := range picks {
					cell := l.cell(i, c)
					got := sheet.SubImage(cell).(*image.NRGBA)
					if d := cellDiff(got, frames[s.Start+n]); d > sheetBound {
						t.Errorf("slide %d, frame %d: thumbnail differs from the video's frame by %.2f levels, want ≤ %g", i+1, n, d, sheetBound)
					}
					other := picks[(c+1)%3]
					if d := cellDiff(got, frames[s.Start+other]); d <= sheetBound {
						t.Errorf("slide %d, frame %d: thumbnail matches the video's frame %d too (%.2f levels)", i+1, n, other, d)
					}
				}
			}
		})
	}
}

// TestPreviewKeyframes checks the keyframe column of examples/keyframes.yaml:
// slide 1's rectangles lie where its keyframes' windows are, computed
// here from the keyframes' zoom and centre, in each keyframe's colour.
func TestPreviewKeyframes(t *testing.T) {
	dir := t.TempDir()
	sheetPath := filepath.Join(dir, "sheet.png")
	if code, _, stderr := kenburns(t, "preview", "../../examples/keyframes.yaml", "--thumb", "320", "-o", sheetPath); code != 0 {
		t.Fatalf("preview: exit %d: %s", code, stderr)
	}
	sheet := decodePNG(t, sheetPath)
	// 1280x720 output: 320x180 cells. 01-mandelbrot.jpg is 1600x1000,
	// narrower than 16:9: it is drawn 288x180 in the middle of its cell,
	// and zoom 1 is its full width and 0.9 of its height.
	l := sheetLayout{tw: 320, th: 180, rows: 3}
	cell := l.cell(0, 3)
	photo := image.Rect(16, 0, 16+288, 180).Add(cell.Min)
	baseW, baseH := 1.0, 1.6/(16.0/9)
	tests := []struct {
		keyframe     int
		zoom, cx, cy float64
	}{
		{1, 1, 0.5, 0.5},
		{2, 2.5, 0.33, 0.5}, // keyframe 3 holds it
		{4, 2.5, 0.6, 0.45},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("keyframe ", tt.keyframe), func(t *testing.T) {
			w, h := baseW/tt.zoom, baseH/tt.zoom // fractions of the photo
			px := func(v float64) int { return photo.Min.X + int(math.Round(v*288)) }
			py := func(v float64) int { return photo.Min.Y + int(math.Round(v*180)) }
			x0, y0 := px(tt.cx-w/2), py(tt.cy-h/2)
			x1, y1 := px(tt.cx+w/2), py(tt.cy+h/2)
			want := keyframeColor(tt.keyframe - 1)
			for _, p := range []image.Point{
				{(x0 + x1) / 2, y0}, {(x0 + x1) / 2, y1 - 1}, {x0, (y0 + y1) / 2}, {x1 - 1, (y0 + y1) / 2},
			} {
				if got := sheet.NRGBAAt(p.X, p.Y); !near(got, want) {
					t.Errorf("edge pixel %v is %v, want the keyframe's colour %v", p, got, want)
				}
			}
			// Just inside the outline is the photo, not the outline.
			if got := sheet.NRGBAAt((x0+x1)/2, y0+sheetStroke+12); near(got, want) {
				t.Errorf("pixel inside the rectangle is the outline colour %v", got)
			}
		})
	}
}

// TestPreviewSlideVideo renders each slide of examples/keyframes.yaml as a
// draft: 640x360, with exactly the slide's frames.
func TestPreviewSlideVideo(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	plan := previewPlan(t, []string{"../../examples/keyframes.yaml"})
	for i, s := range plan.Slides {
		t.Run(fmt.Sprint("slide ", i+1), func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprintf("slide%d.mp4", i+1))
			if code, _, stderr := kenburns(t, "preview", "../../examples/keyframes.yaml", "--slide", fmt.Sprint(i+1), "-o", out); code != 0 {
				t.Fatalf("preview: exit %d: %s", code, stderr)
			}
			got := probe(t, out)
			if got.Width != 640 || got.Height != 360 || got.Frames != s.Frames || got.HasAudio {
				t.Errorf("draft is %dx%d with %d frames (audio %v), want 640x360 with the slide's %d", got.Width, got.Height, got.Frames, got.HasAudio, s.Frames)
			}
		})
	}
}

// TestPreviewErrors checks that mistakes are refused before any work, with
// exit 2 and a message that says what to do, and that nothing is written.
func TestPreviewErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.png")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	sb := "../../examples/keyframes.yaml"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"not png or mp4", []string{sb, "-o", filepath.Join(dir, "s.jpg")}, "name the output .png or .mp4"},
		{"video without slide", []string{sb, "-o", filepath.Join(dir, "s.mp4")}, "add --slide N"},
		{"slide out of range", []string{sb, "--slide", "4", "-o", filepath.Join(dir, "s.mp4")}, "--slide 4: the video has slides 1 to 3"},
		{"slide below 1", []string{sb, "--slide", "-1", "-o", filepath.Join(dir, "s.png")}, "numbered from 1"},
		{"existing output", []string{sb, "-o", existing}, "already exists: pass -y to replace it"},
		{"missing folder", []string{sb, "-o", filepath.Join(dir, "no", "s.png")}, "does not exist"},
		{"no inputs", []string{"-o", filepath.Join(dir, "s.png")}, "name a storyboard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := kenburns(t, append([]string{"preview"}, tt.args...)...)
			if code != exitInvalid || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, exitInvalid, tt.want)
			}
			if b, _ := os.ReadFile(existing); string(b) != "keep me" {
				t.Error("the existing file was changed")
			}
			if left, _ := os.ReadDir(dir); len(left) != 1 {
				t.Errorf("files written: %v", left)
			}
		})
	}
}

// TestPreviewInterrupt cancels the context at several points of a sheet
// of many photos: exit 130 and no file, partial or not, left behind.
func TestPreviewInterrupt(t *testing.T) {
	photos := folderOf(t, 200)
	for _, at := range []int64{0, 100, 300} {
		t.Run(fmt.Sprint("after ", at, " checks"), func(t *testing.T) {
			out := t.TempDir()
			ctx := newCountdown(at)
			var stdout, stderr bytes.Buffer
			code := run(ctx, []string{"preview", photos, "-o", filepath.Join(out, "sheet.png")}, &stdout, &stderr)
			if code != exitInterrupted {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr.String())
			}
			if left, _ := os.ReadDir(out); len(left) > 0 {
				t.Errorf("left files behind: %v", left)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		out := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var stdout, stderr bytes.Buffer
		if code := run(ctx, []string{"preview", photos, "-o", filepath.Join(out, "sheet.png")}, &stdout, &stderr); code != exitInterrupted {
			t.Fatalf("exit %d, want %d", code, exitInterrupted)
		}
		if left, _ := os.ReadDir(out); len(left) > 0 {
			t.Errorf("left files behind: %v", left)
		}
	})
}

// previewPlan plans args (flags and inputs) on the one path, as preview
// does.
func previewPlan(t *testing.T, args []string) *slideshow.Plan {
	t.Helper()
	o := newPlanFlags()
	fs := pflag.NewFlagSet("preview", pflag.ContinueOnError)
	o.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	if err := o.finish(fs.Args()); err != nil {
		t.Fatal(err)
	}
	pl, err := openPlan(t.Context(), o.Options, fs.Changed)
	if err != nil {
		t.Fatal(err)
	}
	return pl.plan
}

func decodePNG(t *testing.T, path string) *image.NRGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	// An opaque sheet is stored as RGB and decodes as RGBA.
	n := image.NewNRGBA(img.Bounds())
	draw.Draw(n, n.Bounds(), img, img.Bounds().Min, draw.Src)
	return n
}

// decodeScaledRGB decodes the video to RGB frames of w x h, scaled by
// ffmpeg and converted with the BT.709 matrix the video is tagged with.
func decodeScaledRGB(t *testing.T, path string, w, h int) [][]byte {
	t.Helper()
	cmd := exec.Command("ffmpeg", "-v", "error", "-nostdin", "-i", "file:"+path,
		"-vf", fmt.Sprintf("scale=%d:%d:flags=area:in_color_matrix=bt709:in_range=tv", w, h), "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("decode %s: %v: %s", path, err, stderr.String())
	}
	var frames [][]byte
	for ; len(out) >= w*h*3; out = out[w*h*3:] {
		frames = append(frames, out[:w*h*3])
	}
	return frames
}

// cellDiff is the mean absolute RGB difference between a sheet cell and
// an rgb24 frame of its size.
func cellDiff(cell *image.NRGBA, rgb []byte) float64 {
	b := cell.Bounds()
	sum, n := 0, 0
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			p := cell.NRGBAAt(b.Min.X+x, b.Min.Y+y)
			q := rgb[(y*b.Dx()+x)*3:]
			for c, v := range []uint8{p.R, p.G, p.B} {
				d := int(v) - int(q[c])
				sum += max(d, -d)
				n++
			}
		}
	}
	return float64(sum) / float64(n)
}

func near(a, b color.NRGBA) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= 8 && int(y)-int(x) <= 8 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}
