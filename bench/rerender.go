//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// rerenderRun is issue 9's cache target: a storyboard of many photos
// rendered cold, then again after one slide's motion is edited.
type rerenderRun struct {
	Photos int    `json:"photos"`
	Size   string `json:"size"`
	Cold   usage  `json:"cold"`
	Edited usage  `json:"edited"`
	// Encoded is how many chunks the edited render encoded (the rest came
	// from the cache), of Chunks.
	Encoded int `json:"encoded_chunks"`
	Chunks  int `json:"chunks"`
}

// runRerender makes n distinct photos, writes their storyboard with init,
// renders it with an empty cache, edits the motion of the middle slide and
// renders again. The target is the second render in 15% of the first's
// time or less. The photos are small and the video 640x360 with 2 s slides
// so that 100 photos render cold in a minute or so; what the cache saves
// does not depend on the size.
func runRerender(bin string, n, jobs int, outDir string) (rerenderRun, error) {
	run := rerenderRun{Photos: n, Size: "640x360"}
	dir := filepath.Join(outDir, "rerender")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return run, err
	}
	defer os.RemoveAll(dir)
	for i := 0; i < n; i++ {
		if err := writePattern(filepath.Join(dir, fmt.Sprintf("p%04d.jpg", i)), 1200, 800, i); err != nil {
			return run, err
		}
	}
	sb := filepath.Join(dir, "show.yaml")
	initArgs := []string{"init", dir, "-o", sb, "--size", run.Size, "--duration", "2", "--transition-duration", "0.5"}
	if out, err := exec.Command(bin, initArgs...).CombinedOutput(); err != nil {
		return run, fmt.Errorf("rerender: init: %v: %s", err, out)
	}
	cache := filepath.Join(dir, "cache")
	render := func() (usage, int, int, error) {
		cmd := exec.Command(bin, "render", sb, "-o", filepath.Join(dir, "show.mp4"), "-y", "--cache", cache,
			"--jobs", strconv.Itoa(jobs), "--progress", "json")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		fmt.Fprintf(os.Stderr, "bench: render %d photos (load %s)\n", n, loadavg())
		u, err := measure(cmd, nil)
		if err != nil {
			return u, 0, 0, fmt.Errorf("rerender: %v: %s", err, strings.TrimSpace(stderr.String()))
		}
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		var sum struct{ Cached, Chunks int }
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
			return u, 0, 0, fmt.Errorf("rerender: no summary: %v", err)
		}
		return u, sum.Chunks - sum.Cached, sum.Chunks, nil
	}
	var err error
	if run.Cold, _, _, err = render(); err != nil {
		return run, err
	}
	if err := editMiddleSlide(sb, n); err != nil {
		return run, err
	}
	run.Edited, run.Encoded, run.Chunks, err = render()
	return run, err
}

// editMiddleSlide moves the end of the middle slide's motion, as a person
// reframing one photo would.
func editMiddleSlide(sb string, n int) error {
	b, err := os.ReadFile(sb)
	if err != nil {
		return err
	}
	marker := fmt.Sprintf("  - photo: p%04d.jpg\n", n/2)
	head, tail, ok := strings.Cut(string(b), marker)
	if !ok {
		return fmt.Errorf("rerender: no %q in the storyboard", strings.TrimSpace(marker))
	}
	lines := strings.Split(tail, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "- {at: 2s") {
			lines[i] = "      - {at: 2s, zoom: 1.3, center: [0.45, 0.55]}"
			return os.WriteFile(sb, []byte(head+marker+strings.Join(lines, "\n")), 0o644)
		}
	}
	return fmt.Errorf("rerender: the middle slide has no end keyframe")
}

// writePattern writes a photo that differs from every other seed's.
func writePattern(path string, w, h, seed int) error {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x*(seed%7+1)/5 + seed), uint8(y*(seed%5+1)/4 + 3*seed), uint8((x ^ y) + seed*11), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func printRerender(r rerenderRun) {
	fmt.Printf("\nre-render after editing one slide, %d photos at %s (2 s slides, 0.5 s fades):\n\n", r.Photos, r.Size)
	fmt.Printf("| render | wall s | CPU s | chunks encoded |\n|---|--:|--:|--:|\n")
	fmt.Printf("| cold, empty cache | %.1f | %.1f | %d |\n", r.Cold.WallS, r.Cold.CPUS(), r.Chunks)
	fmt.Printf("| one slide edited | %.1f | %.1f | %d |\n", r.Edited.WallS, r.Edited.CPUS(), r.Encoded)
	fmt.Printf("\nedited / cold: wall %.1f%%, CPU %.1f%% (target: 15%% or less)\n", 100*r.Edited.WallS/r.Cold.WallS, 100*r.Edited.CPUS()/r.Cold.CPUS())
}
