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
)

// scalingRun is one render of the memory-scaling series.
type scalingRun struct {
	Photos int `json:"photos"`
	usage
}

// runScaling renders n photos for each n in counts (the generated photos
// repeated) at 1080p with 1 s slides and 0.3 s crossfades, and reports the
// peak resident memory of kenburns and all its ffmpeg processes together:
// the claim under test is that it does not grow with the number of photos.
func runScaling(bin string, photos []string, counts []int, jobs int, outDir string) ([]scalingRun, error) {
	var runs []scalingRun
	for _, n := range counts {
		var paths []string
		for i := 0; i < n; i++ {
			paths = append(paths, photos[i%len(photos)])
		}
		out := filepath.Join(outDir, fmt.Sprintf("scaling-%d.mp4", n))
		args := []string{"render", "--size", "1920x1080", "--duration", "1", "--transition-duration", "0.3",
			"--jobs", strconv.Itoa(jobs), "--progress", "none", "-y", "-o", out, "--"}
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

func printScaling(runs []scalingRun) {
	fmt.Printf("\nmemory vs photo count (1080p, 1 s slides, 0.3 s crossfades):\n\n")
	fmt.Printf("| %6s | %7s | %15s | %22s |\n", "photos", "wall s", "peak MiB (all)", "largest process MiB")
	fmt.Printf("|%s:|%s:|%s:|%s:|\n", dashes(7), dashes(8), dashes(16), dashes(23))
	for _, r := range runs {
		fmt.Printf("| %6d | %7.1f | %15.0f | %22.0f |\n", r.Photos, r.WallS, r.PeakTreeRSSMiB, r.MaxRSSMiB)
	}
}
