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

// previewRun is one timed `kenburns preview` contact sheet.
type previewRun struct {
	Photos int    `json:"photos"`
	Corpus string `json:"corpus"`
	usage
}

// runPreview times `kenburns preview` writing the contact sheet of n
// photos: the corpus photos as they are (not the generated camera-size
// ones), repeated to reach n, at kenburns' default size. Issue 9's target
// is 50 photos in 10 s or less.
func runPreview(bin, corpus string, n, jobs int, outDir string) (previewRun, error) {
	run := previewRun{Photos: n, Corpus: corpus}
	entries, err := os.ReadDir(corpus)
	if err != nil {
		return run, fmt.Errorf("preview: read corpus: %w", err)
	}
	var photos []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			photos = append(photos, filepath.Join(corpus, e.Name()))
		}
	}
	if len(photos) == 0 {
		return run, fmt.Errorf("preview: no photos in %s", corpus)
	}
	var paths []string
	for i := 0; i < n; i++ {
		paths = append(paths, photos[i%len(photos)])
	}
	out := filepath.Join(outDir, fmt.Sprintf("preview-%d.png", n))
	args := []string{"preview", "--jobs", strconv.Itoa(jobs), "-y", "-o", out, "--"}
	cmd := exec.Command(bin, append(args, paths...)...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	fmt.Fprintf(os.Stderr, "bench: preview: %d photos (load %s)\n", n, loadavg())
	u, err := measure(cmd, nil)
	if err != nil {
		return run, fmt.Errorf("preview, %d photos: %v: %s", n, err, strings.TrimSpace(stderr.String()))
	}
	run.usage = u
	return run, nil
}

func printPreview(r previewRun) {
	fmt.Printf("\npreview contact sheet, %d photos from %s:\n\n", r.Photos, r.Corpus)
	fmt.Printf("| %6s | %7s | %7s | %9s | %15s | %13s |\n", "photos", "wall s", "CPU s", "Go CPU s", "peak MiB (all)", "load before")
	fmt.Printf("|%s:|%s:|%s:|%s:|%s:|%s:|\n", dashes(7), dashes(8), dashes(8), dashes(10), dashes(16), dashes(14))
	fmt.Printf("| %6d | %7.2f | %7.2f | %9.2f | %15.0f | %13s |\n", r.Photos, r.WallS, r.CPUS(), r.SelfCPUS, r.PeakTreeRSSMiB, r.LoadBefore)
}
