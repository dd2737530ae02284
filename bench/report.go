//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

func printTable(r *results) {
	w := r.Workload
	fmt.Printf("kenburns bench %s (commit %s): %d photos (%.0f-%.0f MP), %s, %d fps, %gs slides, %gs crossfade, crf %d, preset %s, %d frames\n",
		r.Date, r.Commit, w.Photos, minMP(r.Photos), maxMP(r.Photos), w.Size, w.FPS, w.SlideS, w.FadeS, w.CRF, w.Preset, w.Frames)
	fmt.Printf("machine: %d CPUs (%s), %s\n\n", r.Machine.CPUs, r.Machine.CPUModel, r.Machine.FFmpeg)
	fmt.Printf("| %-24s | %7s | %6s | %6s | %8s | %9s | %9s | %10s | %-14s |\n", "run", "wall s", "ratio", "fps", "CPU s", "CPU ratio", "Go CPU s", "peak MiB", "load before")
	fmt.Printf("|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s|\n", dashes(26), dashes(8), dashes(7), dashes(7), dashes(9), dashes(10), dashes(10), dashes(11), dashes(16))
	for i, f := range r.Floor {
		fmt.Printf("| %-24s | %7.1f | %6.2f | %6.1f | %8.1f | %9.2f | %9s | %10.0f | %-14s |\n",
			fmt.Sprintf("floor (ffmpeg only) #%d", i+1), f.WallS, f.WallS/r.FloorWall, float64(w.Frames)/f.WallS, f.CPUS(), f.CPUS()/r.FloorCPU, "-", f.PeakTreeRSSMiB, f.LoadBefore)
	}
	for _, e := range r.Runs {
		fmt.Printf("| %-24s | %7.1f | %6.2f | %6.1f | %8.1f | %9.2f | %9.1f | %10.0f | %-14s |\n",
			"kenburns --engine "+e.Engine, e.WallS, e.Ratio, e.FPS, e.CPUS(), e.CPURatio, e.SelfCPUS, e.PeakTreeRSSMiB, e.LoadBefore)
	}
	if sf := r.SameFrames; sf != nil {
		fmt.Printf("| %-24s | %7.1f | %6.2f | %6.1f | %8.1f | %9.2f | %9s | %10.0f | %-14s |\n",
			"same-frames floor", sf.WallS, sf.WallS/r.FloorWall, float64(w.Frames)/sf.WallS, sf.CPUS(), sf.CPUS()/r.FloorCPU, "-", sf.PeakTreeRSSMiB, sf.LoadBefore)
		fmt.Printf("\nAgainst the same-frames floor (ffmpeg encoding kenburns' own frames, %.1f s wall, %.1f s CPU):\n", sf.WallS, sf.CPUS())
		for _, e := range r.Runs {
			fmt.Printf("  %-8s wall ratio %.2f, CPU ratio %.2f\n", e.Engine, e.SameRatio, e.SameCPURatio)
		}
	}
	fmt.Printf("\nratio = wall / mean floor wall (%.1f s); peak MiB = summed RSS of the process tree, sampled every %v", r.FloorWall, sampleEvery)
	fmt.Printf("\n(largest single process: floor %.0f MiB", r.Floor[0].MaxRSSMiB)
	for _, e := range r.Runs {
		fmt.Printf(", %s %.0f MiB", e.Engine, e.MaxRSSMiB)
	}
	fmt.Println(")")
	if p := r.Profile; p != nil {
		fmt.Printf("\nin-process smooth render: wall %.1f s, Go CPU %.1f s, ffmpeg CPU %.1f s (profile %s)\n%s", p.WallS, p.GoCPUS, p.FFmpegCPUS, p.Pprof, p.Top)
	}
}

func dashes(n int) string { return strings.Repeat("-", n) }

func minMP(ps []photoInfo) float64 {
	m := 0.0
	for i, p := range ps {
		if i == 0 || p.MP < m {
			m = p.MP
		}
	}
	return m
}

func maxMP(ps []photoInfo) float64 {
	m := 0.0
	for _, p := range ps {
		m = max(m, p.MP)
	}
	return m
}

func describeMachine(ffmpeg string) machine {
	m := machine{CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		fmt.Sscanf(string(b), "MemTotal: %d kB", &kb)
		m.MemGiB = (kb + 1<<19) >> 20
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	if b, err := exec.Command(ffmpeg, "-hide_banner", "-version").Output(); err == nil {
		m.FFmpeg, _, _ = strings.Cut(string(b), "\n")
		if f := strings.Fields(m.FFmpeg); len(f) > 2 {
			m.FFmpeg = "ffmpeg " + f[2]
		}
	}
	return m
}
