package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestWebPExif checks WebP's own EXIF chunk: the test draws the quadrant
// picture as a camera stores it for each orientation, encodes it as a
// lossless WebP with cwebp and adds an EXIF chunk (orientation and
// DateTimeOriginal) with webpmux, which also sets the VP8X flags, both
// from Debian's webp package. Probe must report the upright size and the
// capture date, and Load the upright picture: lossless coding keeps every
// pixel, so the bound of 0.5 levels fails for any wrong turn (the
// opposite quarter turn differs by 93).
func TestWebPExif(t *testing.T) {
	needTool(t, "cwebp", "webp")
	needTool(t, "webpmux", "webp")
	const taken = "2023:07:14 18:45:10"
	want := time.Date(2023, 7, 14, 18, 45, 10, 0, time.UTC)
	tests := []struct {
		name        string
		orientation int
		wrong       int  // an orientation that must not match
		prefix      bool // the chunk starts "Exif\0\0", as some tools write it
	}{
		{"orientation 6", 6, 8, false},
		{"orientation 8 with Exif prefix", 8, 6, true},
		{"orientation 3", 3, 1, false},
		{"orientation 1", 1, 3, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			upright := uprightPicture(48, 32)
			stored := storedPicture(upright, tc.orientation)
			exif := exifPhoneSegment(tc.orientation, taken)[4:] // without the APP1 marker and length
			if !tc.prefix {
				exif = exif[6:]
			}
			path := webpWithExif(t, stored, exif)
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			if info.Format != "webp" || info.Orientation != tc.orientation || info.Width != 48 || info.Height != 32 {
				t.Fatalf("Probe = %s orientation %d %dx%d, want webp orientation %d 48x32",
					info.Format, info.Orientation, info.Width, info.Height, tc.orientation)
			}
			if !info.Taken.Equal(want) || info.TakenFrom != TakenEXIF {
				t.Errorf("Probe taken %v from %s, want %v from exif", info.Taken, info.TakenFrom, want)
			}
			img, err := Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if b := img.Bounds(); b.Dx() != 48 || b.Dy() != 32 {
				t.Fatalf("Load size %dx%d, want 48x32", b.Dx(), b.Dy())
			}
			ref := rgbOf(upright)
			diff := meanDiff(img, ref)
			wrong := meanDiff(Orient(stored, tc.wrong), ref)
			t.Logf("mean difference from the upright picture %.2f (turned by orientation %d: %.1f)", diff, tc.wrong, wrong)
			if diff > 0.5 || wrong < 20 {
				t.Errorf("Load differs from the upright picture by %.2f levels on average, want at most 0.5 (a wrong turn gives %.1f)", diff, wrong)
			}
		})
	}
}

// webpWithExif writes img as a lossless WebP with the EXIF chunk exif and
// returns its path.
func webpWithExif(t *testing.T, img *image.NRGBA, exif []byte) string {
	t.Helper()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	in, plain, exifFile, out := filepath.Join(dir, "in.png"), filepath.Join(dir, "plain.webp"),
		filepath.Join(dir, "exif.bin"), filepath.Join(dir, "photo.webp")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exifFile, exif, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"cwebp", "-quiet", "-lossless", "-exact", in, "-o", plain},
		{"webpmux", "-set", "exif", exifFile, plain, "-o", out},
	} {
		if msg, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v: %s", args, err, msg)
		}
	}
	return out
}
