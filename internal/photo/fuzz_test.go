package photo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/color"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/golden"
)

// fuzzBudget keeps each fuzzed decode small and fast.
const fuzzBudget = 1 << 16

// FuzzProbe feeds arbitrary bytes to the header reader and, when it
// accepts them, to the decoder: nothing may panic, errors are one line,
// an accepted header has a sane size within the budget, and the decoded
// picture has the size the header announced (which the pixel budget
// relies on).
func FuzzProbe(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := probe(bytes.NewReader(data), "fuzz.jpg", fuzzBudget)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("Probe error is more than one line: %q", err)
			}
			return
		}
		if info.Width <= 0 || info.Height <= 0 || info.Width*info.Height > fuzzBudget ||
			info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("Probe accepted %+v", info)
		}
		if isHEIF(info.Format) {
			return // decoded by a program that reads a file, not these bytes
		}
		img, err := load(context.Background(), bytes.NewReader(data), info, color.Black, 0, 0)
		if errors.Is(err, errSizeMismatch) {
			t.Fatalf("decoder disagrees with DecodeConfig: %v", err)
		}
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("Load error is more than one line: %q", err)
			}
			return
		}
		if b := img.Bounds(); b.Dx() != info.Width || b.Dy() != info.Height {
			t.Fatalf("Load gave %v for an upright %dx%d", b, info.Width, info.Height)
		}
	})
}

// TestFuzzSeeds writes the generated seed files of FuzzProbe with
// -update: tiny valid files of every format (with EXIF orientation and
// an ICC profile where the format has them) and damaged variants.
// Crashers found by fuzzing are kept beside them under their hash names.
func TestFuzzSeeds(t *testing.T) {
	if !golden.Updating() {
		t.Skip("run with -update to rewrite the FuzzProbe seeds")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzProbe")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seeds := map[string][]byte{
		"jpeg-exif6":    jpegWithOrientation(t, tinyPicture(), 6),
		"jpeg-adobergb": jpegWithICC(t, tinyPicture(), adobeRGBProfile(), 200),
		"tiff-cmyk-lzw": writeTIFF(t, 6, 4, inkPicture(6, 4).Pix, tiffOpts{photometric: photometricSeparated,
			spp: 4, bits: 8, compression: compressionLZW, predictor: 2, rowsPerStrip: 2, orientation: 6}),
		"tiff-cmyk-packbits": writeTIFF(t, 6, 4, inkPicture(6, 4).Pix, tiffOpts{photometric: photometricSeparated,
			spp: 4, bits: 8, compression: compressionPackBits, rowsPerStrip: 3, bigEndian: true}),
	}
	for _, format := range []string{"jpeg", "png", "gif", "bmp", "tiff", "webp-lossy", "webp-lossless", "webp-alpha"} {
		seeds[format] = tinyFile(t, format)
	}
	damaged := map[string][]byte{}
	for name, data := range seeds {
		if !strings.HasPrefix(name, "jpeg-") {
			damaged[name+"-cut-half"] = data[:len(data)/2]
			flipped := append([]byte{}, data...)
			flipped[min(len(flipped)-1, 20)] ^= 0xff // inside the header
			damaged[name+"-flipped"] = flipped
		}
	}
	maps.Copy(seeds, damaged)
	for name, data := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, "seed-"+name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
