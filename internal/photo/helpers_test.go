package photo

import (
	"bytes"
	"image"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kenburns/kenburns/internal/testenv"
)

// corpusDir and needFFmpeg follow the module's policy: skip on a
// developer's machine without them, fail in CI.
func corpusDir(t *testing.T, sub string) string { return testenv.Corpus(t, sub) }

func needFFmpeg(t *testing.T) { testenv.NeedFFmpeg(t) }

// ffmpegThumb decodes the first frame of path with ffmpeg, which applies
// the EXIF orientation of JPEGs itself, scaled to w x h, as packed RGB.
// With alpha, the picture is scaled as RGBA and composited over black,
// which is a different (and for opaque photos less exact) swscale path.
func ffmpegThumb(t *testing.T, path string, w, h int, alpha bool) []byte {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	// "file:" keeps ffmpeg from reading a colon in the name as a protocol.
	pixFmt, bpp := "rgb24", 3
	if alpha {
		pixFmt, bpp = "rgba", 4
	}
	cmd := exec.Command("ffmpeg", "-v", "error", "-i", "file:"+abs, "-frames:v", "1",
		"-vf", "scale="+strconv.Itoa(w)+":"+strconv.Itoa(h)+":flags=area",
		"-f", "rawvideo", "-pix_fmt", pixFmt, "-")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ffmpeg %s: %v: %s", path, err, stderr.String())
	}
	if out.Len() != w*h*bpp {
		t.Fatalf("ffmpeg %s: got %d bytes, want %d", path, out.Len(), w*h*bpp)
	}
	if !alpha {
		return out.Bytes()
	}
	rgba := out.Bytes()
	rgb := make([]byte, 0, w*h*3)
	for i := 0; i < len(rgba); i += 4 {
		a := int(rgba[i+3])
		for k := 0; k < 3; k++ {
			rgb = append(rgb, uint8((int(rgba[i+k])*a+127)/255))
		}
	}
	return rgb
}

// meanDiff is the mean absolute difference per channel (0..255) between
// img and packed RGB of the same size.
func meanDiff(img *image.NRGBA, rgb []byte) float64 {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	var sum int
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := img.Pix[y*img.Stride+4*x:]
			q := rgb[3*(y*w+x):]
			for k := 0; k < 3; k++ {
				d := int(p[k]) - int(q[k])
				sum += max(d, -d)
			}
		}
	}
	return float64(sum) / float64(3*w*h)
}

// thumbSize fits an upright w x h into a box of side n, keeping the aspect.
func thumbSize(w, h, n int) (int, int) {
	if w >= h {
		return n, max(1, (h*n+w/2)/w)
	}
	return max(1, (w*n+h/2)/h), n
}
