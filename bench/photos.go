//go:build linux

package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// testPhoto is one generated benchmark photo: a corpus photo (or, if the
// corpus is missing, a synthetic pattern) resized to a camera-like size.
type testPhoto struct {
	Source string `json:"source"` // corpus file name, or "synthetic"
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
}

// MP returns the photo's size in megapixels.
func (p testPhoto) MP() float64 { return float64(p.Width*p.Height) / 1e6 }

// photoSpecs are the ten photos of issue 3's workload: 12 to 24 MP, mostly
// landscape with one portrait, the sizes real cameras and phones produce.
// Sources are the larger corpus photos so that upscaling stays modest.
var photoSpecs = []struct {
	source string
	w, h   int
}{
	{"large-12mp-sunset.JPG", 6000, 4000},
	{"large-16mp-dandelions.jpeg", 5312, 2988},
	{"landscape-4x3-picos-de-europa.jpg", 4000, 3000},
	{"exif3-upside-down-stream.jpg", 4608, 3072},
	{"progressive-mountains-meadow.jpg", 5472, 3648},
	{"portrait-exif6-dogs.jpg", 4032, 3024},
	{"evening glow 18:45, boats.jpg", 6000, 3750},
	{"grayscale-architecture.jpg", 5120, 3200},
	{"portrait-2x3-wine-odd-height.jpg", 3456, 5184},
	{"landscape-3x2-storm-canon.jpg", 6000, 4000},
}

// photoVersion changes whenever the generation below changes, so that a
// stale cache is rebuilt rather than silently measured.
const photoVersion = "v1 lanczos+noise6 q90"

// generatePhotos writes the benchmark photos into dir (reusing them when
// the stamp says they were made the same way) and returns them in order.
func generatePhotos(ffmpeg, corpus, dir string, n int) ([]testPhoto, error) {
	if n > len(photoSpecs) {
		return nil, fmt.Errorf("at most %d photos", len(photoSpecs))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	stamp := filepath.Join(dir, "STAMP")
	want := photoVersion + " corpus=" + corpus
	fresh := false
	if b, err := os.ReadFile(stamp); err == nil && string(b) == want {
		fresh = true
	}
	var out []testPhoto
	for i, s := range photoSpecs[:n] {
		p := testPhoto{Source: s.source, Width: s.w, Height: s.h,
			Path: filepath.Join(dir, fmt.Sprintf("%02d-%dx%d.jpg", i+1, s.w, s.h))}
		src := filepath.Join(corpus, s.source)
		if _, err := os.Stat(src); err != nil {
			p.Source = "synthetic"
			src = ""
		}
		if st, err := os.Stat(p.Path); err == nil && fresh {
			p.Bytes = st.Size()
			out = append(out, p)
			continue
		}
		fmt.Fprintf(os.Stderr, "bench: generating %s from %s\n", filepath.Base(p.Path), p.Source)
		if err := makePhoto(ffmpeg, src, p.Path, s.w, s.h, i); err != nil {
			return nil, fmt.Errorf("photo %d: %w", i+1, err)
		}
		st, err := os.Stat(p.Path)
		if err != nil {
			return nil, err
		}
		p.Bytes = st.Size()
		out = append(out, p)
	}
	return out, os.WriteFile(stamp, []byte(want), 0o644)
}

// makePhoto has ffmpeg scale (and crop) src to w x h and add light grain,
// then encodes the pixels with Go's JPEG encoder at quality 90. Grain
// matters: an upscaled photo without it is unnaturally smooth, so its JPEG
// would be small and quick to decode, flattering the benchmark. ffmpeg's
// noise filter has a fixed default seed, so the output is deterministic.
func makePhoto(ffmpeg, src, dst string, w, h, index int) error {
	vf := fmt.Sprintf("scale=%d:%d:force_original_aspect_ratio=increase:flags=lanczos,crop=%d:%d,format=yuv444p,noise=alls=6:allf=0,format=rgb24", w, h, w, h)
	var args []string
	if src == "" {
		// No corpus: a deterministic fractal has photo-like detail at every scale.
		args = []string{"-f", "lavfi", "-i", fmt.Sprintf("mandelbrot=size=%dx%d:start_scale=%g:end_pts=1", w/4, h/4, 0.5+0.2*float64(index))}
	} else {
		args = []string{"-i", "file:" + src}
	}
	args = append([]string{"-hide_banner", "-nostdin", "-loglevel", "error"}, args...)
	args = append(args, "-frames:v", "1", "-vf", vf, "-f", "rawvideo", "pipe:1")
	cmd := exec.Command(ffmpeg, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("ffmpeg: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if len(raw) != w*h*3 {
		return fmt.Errorf("ffmpeg gave %d bytes, want %d", len(raw), w*h*3)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, j := 0, 0; i < len(raw); i, j = i+3, j+4 {
		img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = raw[i], raw[i+1], raw[i+2], 255
	}
	tmp := dst + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := jpeg.Encode(bw, img, &jpeg.Options{Quality: 90}); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// fileSHA256 identifies a generated file in the results, so that runs on
// different machines can be checked to have measured the same photos.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
