package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kenburns/kenburns/internal/testenv"
)

// TestMixedFormatsByDate renders a folder of a JPEG, a HEIC and an AVIF
// with --sort date through the real CLI. Each is a flat colour made here
// from a JPEG with an Exif capture date (heif-enc and avifenc copy the
// Exif), dated in the reverse of their names' order: the video must show
// them in date order, checked by the colour in the middle of each slide.
func TestMixedFormatsByDate(t *testing.T) {
	testenv.NeedFFmpeg(t)
	for _, tool := range []string{"heif-convert", "heif-enc", "avifenc"} {
		if _, err := exec.LookPath(tool); err != nil {
			if testenv.InCI() {
				t.Fatalf("%s is missing: CI must install it", tool)
			}
			t.Skipf("%s is missing", tool)
		}
	}
	dir := t.TempDir()
	photos := []struct {
		name   string
		taken  string
		colour color.NRGBA
	}{
		{"a.jpg", "2022:03:01 12:00:00", color.NRGBA{220, 40, 40, 255}},  // red, last
		{"b.heic", "2021:03:01 12:00:00", color.NRGBA{40, 200, 40, 255}}, // green, second
		{"c.avif", "2020:03:01 12:00:00", color.NRGBA{40, 40, 220, 255}}, // blue, first
	}
	for _, p := range photos {
		src := filepath.Join(dir, "src-"+p.name+".jpg")
		if err := os.WriteFile(src, datedJPEG(t, p.colour, p.taken), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "photos", p.name)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		var cmd *exec.Cmd
		switch filepath.Ext(p.name) {
		case ".jpg":
			copyFile(t, src, out)
			continue
		case ".heic":
			cmd = exec.Command("heif-enc", "-q", "90", "-o", out, src)
		case ".avif":
			cmd = exec.Command("avifenc", "-s", "10", src, out)
		}
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v: %s", cmd.Args, err, msg)
		}
	}
	video := filepath.Join(dir, "out.mp4")
	args := append([]string{"render", "--sort", "date", filepath.Join(dir, "photos"), "-o", video}, tiny...)
	if code, _, stderr := kenburns(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Slides of 1 s with 0.3 s crossfades start every 0.7 s: these times
	// show one photo alone.
	want := []color.NRGBA{photos[2].colour, photos[1].colour, photos[0].colour}
	for i, at := range []float64{0.35, 1.05, 1.75} {
		out, err := exec.Command("ffmpeg", "-v", "error", "-ss", strconv.FormatFloat(at, 'f', 2, 64), "-i", video,
			"-frames:v", "1", "-vf", "scale=1:1:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-").Output()
		if err != nil || len(out) != 3 {
			t.Fatalf("ffmpeg frame at %.2fs: %v", at, err)
		}
		d := 0
		for k, c := range []uint8{want[i].R, want[i].G, want[i].B} {
			d = max(d, int(out[k])-int(c), int(c)-int(out[k]))
		}
		t.Logf("slide %d at %.2fs: %v, want %v", i+1, at, out, want[i])
		if d > 30 {
			t.Errorf("slide %d at %.2fs is %v, want %v (the photos are out of date order)", i+1, at, out, want[i])
		}
	}
}

// datedJPEG is a flat-colour 64x48 JPEG with an Exif DateTimeOriginal.
func datedJPEG(t *testing.T, c color.NRGBA, taken string) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 255
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	var tiff bytes.Buffer
	be := binary.BigEndian
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, be, []uint32{8})
	binary.Write(&tiff, be, []uint16{1, 0x8769, 4, 0, 1})
	binary.Write(&tiff, be, []uint32{26, 0})
	binary.Write(&tiff, be, []uint16{1, 0x9003, 2})
	binary.Write(&tiff, be, []uint32{uint32(len(taken) + 1), 44, 0})
	tiff.WriteString(taken + "\x00")
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	be.PutUint16(seg[2:], uint16(len(payload)+2))
	b := buf.Bytes()
	return append(append(append([]byte{}, b[:2]...), append(seg, payload...)...), b[2:]...)
}
