//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// batchRun is issue 13's measurement: a batch of small videos rendered by
// "kenburns batch --jobs auto" against the same renders run one after
// another, each with render's default --jobs (one ffmpeg per core).
type batchRun struct {
	Videos       int     `json:"videos"`
	PhotosEach   int     `json:"photos_each"`
	Size         string  `json:"size"`
	Batch        usage   `json:"batch"`
	ParallelJobs int     `json:"batch_parallel_jobs"` // what --jobs auto chose
	Processes    int     `json:"batch_processes"`
	Sequential   usage   `json:"sequential"` // sums of wall and CPU; peaks are the largest
	PerRender    []usage `json:"sequential_renders"`
	SpeedUp      float64 `json:"speed_up"` // sequential wall over batch wall
}

// runBatch makes n videos of three distinct photos each, writes their
// manifest, renders it with kenburns batch and then renders the same
// videos with kenburns render one at a time, each with an empty cache so
// that both encode everything.
func runBatch(bin string, n int, outDir string) (batchRun, error) {
	const each = 3
	run := batchRun{Videos: n, PhotosEach: each, Size: "640x360"}
	dir := filepath.Join(outDir, "batch")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return run, err
	}
	defer os.RemoveAll(dir)
	var m strings.Builder
	fmt.Fprintf(&m, "defaults: {size: %s, duration: 2, transition-duration: 0.5}\njobs:\n", run.Size)
	var renders [][]string
	for v := range n {
		folder := filepath.Join(dir, fmt.Sprintf("v%02d", v))
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return run, err
		}
		for p := range each {
			if err := writePattern(filepath.Join(folder, fmt.Sprintf("p%d.jpg", p)), 1200, 800, v*each+p); err != nil {
				return run, err
			}
		}
		fmt.Fprintf(&m, "  - {id: v%02d, input: v%02d, output: batch-out/v%02d.mp4}\n", v, v, v)
		renders = append(renders, []string{"render", folder, "-o", filepath.Join(dir, "seq-out", fmt.Sprintf("v%02d.mp4", v)), "-y",
			"--size", run.Size, "--duration", "2", "--transition-duration", "0.5", "--progress", "none"})
	}
	manifest := filepath.Join(dir, "videos.yaml")
	if err := os.WriteFile(manifest, []byte(m.String()), 0o644); err != nil {
		return run, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "seq-out"), 0o755); err != nil {
		return run, err
	}

	fmt.Fprintf(os.Stderr, "bench: batch of %d videos (load %s)\n", n, loadavg())
	cmd := exec.Command(bin, "batch", manifest, "--jobs", "auto", "--cache", filepath.Join(dir, "cache-batch"), "--progress", "json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	u, err := measure(cmd, nil)
	if err != nil {
		return run, fmt.Errorf("batch: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	run.Batch = u
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	var sum struct {
		Done      int `json:"done"`
		Parallel  int `json:"parallel_jobs"`
		Processes int `json:"processes"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil || sum.Done != n {
		return run, fmt.Errorf("batch: summary %s: %v", lines[len(lines)-1], err)
	}
	run.ParallelJobs, run.Processes = sum.Parallel, sum.Processes

	fmt.Fprintf(os.Stderr, "bench: the same %d videos one after another (load %s)\n", n, loadavg())
	for i, args := range renders {
		cmd := exec.Command(bin, append(args, "--cache", filepath.Join(dir, fmt.Sprintf("cache-seq-%02d", i)))...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		u, err := measure(cmd, nil)
		if err != nil {
			return run, fmt.Errorf("render %d: %v: %s", i, err, strings.TrimSpace(stderr.String()))
		}
		run.PerRender = append(run.PerRender, u)
		s := &run.Sequential
		s.WallS += u.WallS
		s.UserS += u.UserS
		s.SysS += u.SysS
		s.SelfCPUS += u.SelfCPUS
		s.PeakTreeRSSMiB = max(s.PeakTreeRSSMiB, u.PeakTreeRSSMiB)
		s.MaxRSSMiB = max(s.MaxRSSMiB, u.MaxRSSMiB)
		s.SelfPeakMiB = max(s.SelfPeakMiB, u.SelfPeakMiB)
	}
	run.SpeedUp = run.Sequential.WallS / run.Batch.WallS
	return run, nil
}

func printBatch(r batchRun) {
	fmt.Printf("batch of %d videos (%d photos of 1200x800 each, %s, 2 s slides, 0.5 s fades):\n", r.Videos, r.PhotosEach, r.Size)
	fmt.Printf("| run | wall s | CPU s | Go CPU s | peak MiB (tree) | largest process MiB |\n|---|---|---|---|---|---|\n")
	fmt.Printf("| batch --jobs auto (%d videos at once, %d processes) | %.1f | %.1f | %.1f | %.0f | %.0f |\n",
		r.ParallelJobs, r.Processes, r.Batch.WallS, r.Batch.CPUS(), r.Batch.SelfCPUS, r.Batch.PeakTreeRSSMiB, r.Batch.MaxRSSMiB)
	fmt.Printf("| %d renders one after another | %.1f | %.1f | %.1f | %.0f | %.0f |\n",
		r.Videos, r.Sequential.WallS, r.Sequential.CPUS(), r.Sequential.SelfCPUS, r.Sequential.PeakTreeRSSMiB, r.Sequential.MaxRSSMiB)
	fmt.Printf("speed-up %.2fx\n", r.SpeedUp)
}
