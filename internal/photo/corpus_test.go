package photo

import (
	"image/color"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"
)

// TestCorpusPhotos reads every photo of the shared corpus: Probe must find
// the upright size, and Load must show what ffmpeg (which applies JPEG
// EXIF orientation and decodes CMYK, WebP and GIF itself) shows, compared
// as small thumbnails.
func TestCorpusPhotos(t *testing.T) {
	dir := corpusDir(t, "photos")
	tests := []struct {
		name          string
		format        string
		orientation   int
		width, height int // upright
		// maxDiff bounds the mean difference from ffmpeg's decoding; the
		// scalers differ, so identical pictures differ by a few levels.
		maxDiff float64
	}{
		{"IMG_0001", "jpeg", 1, 2560, 1600, 3},
		{`café "quoted" 'photo' [1].jpg`, "jpeg", 1, 600, 400, 3},
		{"cmyk-colorful-cups.jpg", "jpeg", 1, 2560, 1600, 5},
		{"evening glow 18:45, boats.jpg", "jpeg", 1, 2560, 1600, 4.5},
		{"exif3-upside-down-stream.jpg", "jpeg", 3, 3088, 2056, 6},
		{"exif8-landscape-stored-portrait-leaf.jpg", "jpeg", 8, 2560, 1600, 4.5},
		{"gif-256-colour-kite.gif", "gif", 1, 1280, 800, 2},
		// ffmpeg 5.1 squeezes full-range grey into 7..255.
		{"grayscale-architecture.jpg", "jpeg", 1, 2560, 1600, 7},
		{"landscape-3x2-storm-canon.jpg", "jpeg", 1, 1920, 1280, 3},
		{"landscape-4x3-picos-de-europa.jpg", "jpeg", 1, 3264, 2448, 3.5},
		{"large-12mp-sunset.JPG", "jpeg", 1, 4272, 2848, 3},
		{"large-16mp-dandelions.jpeg", "jpeg", 1, 5312, 2988, 3.5},
		{"panorama-4x1-bridge-beach.jpg", "jpeg", 1, 4352, 1088, 3},
		{"portrait-2x3-wine-odd-height.jpg", "jpeg", 1, 2560, 3837, 4},
		{"portrait-exif6-dogs.jpg", "jpeg", 6, 2056, 3088, 4},
		{"progressive-mountains-meadow.jpg", "jpeg", 1, 3088, 2056, 3},
		// ffmpeg ignores the Adobe RGB profile, so the colours differ on
		// purpose: TestICC checks them.
		{"small-640x427-rocket-adobergb-icc.jpg", "jpeg", 1, 640, 427, 8},
		{"small-640x480-foggy-lake.jpg", "jpeg", 1, 640, 480, 2},
		{"square-512-astronaut.png", "png", 1, 512, 512, 3.5},
		{"transparent-alpha-vignette-cat.png", "png", 1, 451, 300, 3},
		// 4.5 fails if VP8's studio range is decoded as full range (7.2).
		{"webp-ladybird.webp", "webp", 1, 2560, 1600, 4.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			if info.Format != tc.format || info.Orientation != tc.orientation || info.Width != tc.width || info.Height != tc.height {
				t.Fatalf("Probe = %s orientation %d %dx%d, want %s orientation %d %dx%d",
					info.Format, info.Orientation, info.Width, info.Height, tc.format, tc.orientation, tc.width, tc.height)
			}
			w, h := thumbSize(info.Width, info.Height, 96)
			img, err := Load(info, color.Black, w, h)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
				t.Fatalf("Load size %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
			}
			for i := 3; i < len(img.Pix); i += 4 {
				if img.Pix[i] != 255 {
					t.Fatalf("Load left alpha %d at byte %d: Flatten must make every pixel opaque", img.Pix[i], i)
				}
			}
			if testing.Short() {
				return
			}
			needFFmpeg(t)
			ref := ffmpegThumb(t, path, w, h, tc.format == "png")
			diff := meanDiff(img, ref)
			// The picture turned the wrong way must be much further from
			// ffmpeg's than ours is, or the comparison proves nothing.
			wrong := meanDiff(imaging.Rotate180(img), ref)
			t.Logf("mean difference from ffmpeg %.1f (turned upside down %.1f)", diff, wrong)
			if diff > tc.maxDiff || diff*3 > wrong {
				t.Errorf("Load differs from ffmpeg's decoding by %.1f levels on average (max %.1f; upside down %.1f)", diff, tc.maxDiff, wrong)
			}
		})
	}
}
