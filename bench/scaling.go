//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// scalingRun is one render of the memory-scaling series.
type scalingRun struct {
	Photos int `json:"photos"`
	usage
}

// runScaling renders n photos for each n in counts (the generated photos
// repeated) at 1080p with slides and crossfades of the given lengths, and reports the
// peak resident memory of kenburns and all its ffmpeg processes together:
// the claim under test is that it does not grow with the number of photos.
func runScaling(bin string, photos []string, counts []int, jobs int, slide, fade time.Duration, outDir string) ([]scalingRun, error) {
	var runs []scalingRun
	for _, n := range counts {
		var paths []string
		for i := 0; i < n; i++ {
			paths = append(paths, photos[i%len(photos)])
		}
		out := filepath.Join(outDir, fmt.Sprintf("scaling-%d.mp4", n))
		args := []string{"render", "--size", "1920x1080", "--duration", strconv.FormatFloat(slide.Seconds(), 'f', -1, 64),
			"--transition-duration", strconv.FormatFloat(fade.Seconds(), 'f', -1, 64),
			// Cold: a chunk cache, even one another run filled, would
			// measure nothing.
			"--jobs", strconv.Itoa(jobs), "--progress", "none", "--no-cache", "-y", "-o", out, "--"}
		cmd := exec.Command(bin, append(args, paths...)...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		fmt.Fprintf(os.Stderr, "bench: scaling: %d photos (load %s)\n", n, loadavg())
		u, err := measure(cmd, nil)
		if err != nil {
			return runs, fmt.Errorf("scaling, %d photos: %v: %s", n, err, strings.TrimSpace(stderr.String()))
		}
		os.Remove(out)
		runs = append(runs, scalingRun{Photos: n, usage: u})
	}
	return runs, nil
}

func printScaling(runs []scalingRun, slide, fade time.Duration) {
	fmt.Printf("\nmemory vs photo count (1080p, %v slides, %v crossfades):\n\n", slide, fade)
	fmt.Printf("| %6s | %7s | %7s | %15s | %22s | %15s |\n", "photos", "wall s", "CPU s", "peak MiB (all)", "largest process MiB", "Go peak MiB")
	fmt.Printf("|%s:|%s:|%s:|%s:|%s:|%s:|\n", dashes(7), dashes(8), dashes(8), dashes(16), dashes(23), dashes(16))
	for _, r := range runs {
		fmt.Printf("| %6d | %7.1f | %7.1f | %15.0f | %22.0f | %15.0f |\n", r.Photos, r.WallS, r.CPUS(), r.PeakTreeRSSMiB, r.MaxRSSMiB, r.SelfPeakMiB)
	}
}

// smallPhotos has ffmpeg reduce each photo to fit size (e.g. "1600x1200")
// as a JPEG in dir, once (kept between runs), so that a series of hundreds
// of photos measures the renderer's memory rather than decoding time.
func smallPhotos(ffmpeg string, photos []string, size, dir string) ([]string, error) {
	w, h, ok := strings.Cut(size, "x")
	if !ok {
		return nil, fmt.Errorf("-scaling-small %q: want a size such as 1600x1200", size)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var out []string
	for _, p := range photos {
		dst := filepath.Join(dir, filepath.Base(p))
		if _, err := os.Stat(dst); err != nil {
			cmd := exec.Command(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", "file:"+p,
				"-vf", fmt.Sprintf("scale=%s:%s:force_original_aspect_ratio=decrease", w, h), "-q:v", "3", "file:"+dst)
			if b, err := cmd.CombinedOutput(); err != nil {
				return nil, fmt.Errorf("reduce %s: %v: %s", p, err, b)
			}
		}
		out = append(out, dst)
	}
	return out, nil
}
