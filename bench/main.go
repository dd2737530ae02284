//go:build linux

// Command bench measures issue 3's workload: kenburns rendering ten 12-24 MP
// photos to 1080p30 with 4 s slides and 1 s crossfades at the default
// quality, as a ratio to the "moving floor", the time ffmpeg needs just to
// encode the same number of moving 1080p frames with the same encoder
// settings. Both are measured in the same run, one after the other.
//
// Run it from anywhere in the repository:
//
//	go run ./bench
//
// See bench/README.md for what it measures and the latest numbers.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/presets"
	"github.com/kenburns/kenburns/slideshow"
)

// config is the workload; the defaults are issue 3's "Done means".
type config struct {
	Photos     int           `json:"photos"`
	Size       string        `json:"size"`
	FPS        int           `json:"fps"`
	Duration   time.Duration `json:"-"`
	Transition time.Duration `json:"-"`
	CRF        int           `json:"crf"`
	Preset     string        `json:"x264_preset"`
	Engines    []string      `json:"engines"`
	Jobs       int           `json:"jobs"`
	SlideS     float64       `json:"slide_s"`
	FadeS      float64       `json:"crossfade_s"`
	Frames     int           `json:"frames"`
}

// engineRun is one kenburns render.
type engineRun struct {
	Engine string `json:"engine"`
	usage
	FPS float64 `json:"fps"`
	// Ratio is wall time over the mean floor wall time: the headline.
	Ratio float64 `json:"ratio_to_floor"`
	// CPURatio compares CPU time instead; it is less sensitive to other
	// load on the machine than the wall-time ratio.
	CPURatio float64 `json:"cpu_ratio_to_floor"`
	// SameRatio and SameCPURatio compare with the same-frames floor.
	SameRatio    float64 `json:"ratio_to_same_frames_floor,omitempty"`
	SameCPURatio float64 `json:"cpu_ratio_to_same_frames_floor,omitempty"`
}

// results is what bench/out/results.json holds.
type results struct {
	Date      string      `json:"date"`
	Commit    string      `json:"commit"`
	Machine   machine     `json:"machine"`
	Workload  config      `json:"workload"`
	Photos    []photoInfo `json:"photos"`
	Floor     []usage     `json:"floor"`
	FloorWall float64     `json:"floor_wall_s_mean"`
	FloorFPS  float64     `json:"floor_fps"`
	FloorCPU  float64     `json:"floor_cpu_s_mean"`
	Runs      []engineRun `json:"runs"`
	// SameFrames is the strictest floor: encoding kenburns' own smooth
	// output frames from raw video.
	SameFrames *usage   `json:"same_frames_floor,omitempty"`
	Profile    *profile `json:"profile,omitempty"`
	// Scaling is the memory-vs-photo-count series (-scaling).
	Scaling []scalingRun `json:"memory_scaling,omitempty"`
	// Formats are the output formats and quality presets (-formats).
	Formats []formatRun `json:"formats,omitempty"`
	// Preview is the contact sheet timing (-preview).
	Preview  *previewRun  `json:"preview,omitempty"`
	Rerender *rerenderRun `json:"rerender,omitempty"`
}

type photoInfo struct {
	testPhoto
	MP     float64 `json:"mp"`
	SHA256 string  `json:"sha256_16"`
}

type machine struct {
	CPUs     int    `json:"cpus"`
	CPUModel string `json:"cpu_model"`
	MemGiB   int    `json:"mem_gib"`
	Kernel   string `json:"kernel"`
	Go       string `json:"go"`
	FFmpeg   string `json:"ffmpeg"`
}

// profile is the in-process smooth render's CPU split.
type profile struct {
	WallS      float64 `json:"wall_s"`
	GoCPUS     float64 `json:"go_cpu_s"`
	FFmpegCPUS float64 `json:"ffmpeg_cpu_s"`
	Pprof      string  `json:"pprof_file"`
	Top        string  `json:"pprof_top"`
}

func main() {
	var cfg config
	var engines, corpus, outDir, scaling string
	var doProfile, formats bool
	var previewN, rerenderN, interestReps int
	var commit string
	flag.IntVar(&cfg.Photos, "photos", 10, "number of photos (at most 10)")
	flag.StringVar(&cfg.Size, "size", "1920x1080", "output size")
	flag.IntVar(&cfg.FPS, "fps", 30, "frames per second")
	flag.DurationVar(&cfg.Duration, "duration", 4*time.Second, "time each photo is shown")
	flag.DurationVar(&cfg.Transition, "transition-duration", time.Second, "crossfade length")
	flag.IntVar(&cfg.CRF, "crf", 20, "x264 CRF (kenburns' default)")
	flag.StringVar(&cfg.Preset, "x264-preset", "medium", "x264 preset (kenburns' default)")
	flag.IntVar(&cfg.Jobs, "jobs", runtime.NumCPU(), "kenburns --jobs (its default is the CPU count)")
	flag.StringVar(&engines, "engines", "smooth,zoompan", "engines to measure, comma-separated")
	flag.StringVar(&corpus, "corpus", "../shared/corpus/photos", "folder of source photos, relative to the repository root; synthetic photos if missing")
	flag.StringVar(&outDir, "out", "bench/out", "where photos, videos and results.json go (relative to the repository root)")
	flag.StringVar(&scaling, "scaling", "", "instead of the workload, measure peak memory for these photo counts (e.g. 5,20,50)")
	flag.IntVar(&previewN, "preview", 0, "instead of the workload, time `kenburns preview` on this many corpus photos (repeated)")
	flag.IntVar(&rerenderN, "rerender", 0, "instead of the workload, time a cold render of this many photos and the re-render after one slide is edited")
	flag.IntVar(&interestReps, "interest", 0, "instead of the workload, time smart motion's analysis of every corpus photo, best of this many runs")
	flag.BoolVar(&formats, "formats", false, "instead of the workload, time .mp4 at each --quality and .webm, each against its own same-frames floor")
	flag.BoolVar(&doProfile, "profile", false, "also render once in-process (smooth) under the Go CPU profiler and split Go vs ffmpeg CPU")
	flag.StringVar(&commit, "commit", "", "commit measured, for results.json (default: git rev-parse HEAD, +dirty if the tree differs)")
	flag.Parse()
	cfg.Engines = strings.Split(engines, ",")
	var counts []int
	for _, f := range strings.FieldsFunc(scaling, func(r rune) bool { return r == ',' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -scaling %q: want photo counts such as 5,20,50\n", scaling)
			os.Exit(2)
		}
		counts = append(counts, n)
	}
	if previewN < 0 || rerenderN < 0 {
		fmt.Fprintf(os.Stderr, "bench: -preview %d, -rerender %d: want photo counts\n", previewN, rerenderN)
		os.Exit(2)
	}
	if interestReps > 0 {
		// No ffmpeg and no build: the analysis runs in this process.
		root, err := repoRoot()
		if err == nil {
			if !filepath.IsAbs(corpus) {
				corpus = filepath.Join(root, corpus)
			}
			err = runInterest(corpus, interestReps)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(cfg, corpus, outDir, commit, doProfile, formats, counts, previewN, rerenderN); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(cfg config, corpus, outDir, commit string, doProfile, formats bool, scaling []int, previewN, rerenderN int) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(root, outDir)
	}
	if !filepath.IsAbs(corpus) {
		corpus = filepath.Join(root, corpus)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		return errors.New("ffmpeg not found on PATH")
	}
	fw, fh, err := presets.ParseSize(cfg.Size)
	if err != nil {
		return err
	}
	cfg.SlideS, cfg.FadeS = cfg.Duration.Seconds(), cfg.Transition.Seconds()

	// Build the CLI first so that compiling is not timed.
	bin := filepath.Join(outDir, "kenburns")
	build := exec.Command("go", "build", "-o", bin, "./cmd/kenburns")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	if previewN > 0 || rerenderN > 0 {
		return runMode(bin, corpus, outDir, commit, root, ffmpeg, cfg.Jobs, previewN, rerenderN)
	}

	photos, err := generatePhotos(ffmpeg, corpus, filepath.Join(outDir, "photos"), cfg.Photos)
	if err != nil {
		return err
	}
	if commit == "" {
		commit = gitCommit(root)
	}
	res := results{Date: time.Now().Format(time.RFC3339), Commit: commit, Machine: describeMachine(ffmpeg), Workload: cfg}
	var paths []string
	for _, p := range photos {
		sum, err := fileSHA256(p.Path)
		if err != nil {
			return err
		}
		res.Photos = append(res.Photos, photoInfo{testPhoto: p, MP: p.MP(), SHA256: sum})
		paths = append(paths, p.Path)
	}
	if len(scaling) > 0 {
		runs, err := runScaling(bin, paths, scaling, cfg.Jobs, outDir)
		if err != nil {
			return err
		}
		printScaling(runs)
		res.Scaling = runs
		b, err := json.MarshalIndent(&res, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(outDir, "scaling.json"), append(b, '\n'), 0o644)
	}

	// The planner gives the exact frame count the floor must match.
	plan, err := planBench(cfg, fw, fh, paths, filepath.Join(outDir, "plan.mp4"))
	if err != nil {
		return err
	}
	cfg.Frames = plan.Frames
	res.Workload = cfg
	if formats {
		runs, err := runFormats(ffmpeg, bin, cfg, fw, fh, plan.Frames, paths, outDir)
		if err != nil {
			return err
		}
		printFormats(runs)
		res.Formats = runs
		return writeResults(&res, filepath.Join(outDir, "formats.json"))
	}

	fmt.Fprintln(os.Stderr, "bench: preparing floor sources (not timed)")
	var sources []yuvImage
	for _, p := range photos {
		s, err := loadPanSource(ffmpeg, p.Path, fw, fh)
		if err != nil {
			return err
		}
		sources = append(sources, s)
	}

	floor := func() error {
		fmt.Fprintf(os.Stderr, "bench: floor: encoding %d moving frames (load %s)\n", cfg.Frames, loadavg())
		u, err := runFloor(ffmpeg, sources, fw, fh, cfg.FPS, cfg.CRF, cfg.Preset, cfg.Frames, filepath.Join(outDir, "floor.mp4"))
		if err != nil {
			return err
		}
		res.Floor = append(res.Floor, u)
		return nil
	}
	// The floor runs first and last: two floors bracket the renders, so
	// their spread shows how much other load moved the numbers.
	if err := floor(); err != nil {
		return err
	}
	for _, e := range cfg.Engines {
		fmt.Fprintf(os.Stderr, "bench: kenburns --engine %s (load %s)\n", e, loadavg())
		out := filepath.Join(outDir, e+".mp4")
		cmd := exec.Command(bin, kenburnsArgs(cfg, e, out, paths)...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		u, err := measure(cmd, nil)
		if err != nil {
			return fmt.Errorf("kenburns --engine %s: %v: %s", e, err, strings.TrimSpace(stderr.String()))
		}
		res.Runs = append(res.Runs, engineRun{Engine: e, usage: u, FPS: float64(cfg.Frames) / u.WallS})
	}
	for _, e := range res.Runs {
		if e.Engine != "smooth" {
			continue
		}
		fmt.Fprintf(os.Stderr, "bench: same-frames floor: encoding kenburns' own frames (load %s)\n", loadavg())
		u, err := runSameFrames(ffmpeg, bin, kenburnsArgs(cfg, "smooth", filepath.Join(outDir, "unused.mp4"), paths), fw, fh, cfg.FPS, cfg.CRF, cfg.Preset, cfg.Frames, outDir)
		if err != nil {
			return err
		}
		res.SameFrames = &u
	}
	if err := floor(); err != nil {
		return err
	}
	for _, f := range res.Floor {
		res.FloorWall += f.WallS / float64(len(res.Floor))
		res.FloorCPU += f.CPUS() / float64(len(res.Floor))
	}
	res.FloorFPS = float64(cfg.Frames) / res.FloorWall
	for i := range res.Runs {
		res.Runs[i].Ratio = res.Runs[i].WallS / res.FloorWall
		res.Runs[i].CPURatio = res.Runs[i].CPUS() / res.FloorCPU
		if sf := res.SameFrames; sf != nil {
			res.Runs[i].SameRatio = res.Runs[i].WallS / sf.WallS
			res.Runs[i].SameCPURatio = res.Runs[i].CPUS() / sf.CPUS()
		}
	}

	if doProfile {
		fmt.Fprintf(os.Stderr, "bench: profiling an in-process smooth render (load %s)\n", loadavg())
		p, err := profileRender(cfg, fw, fh, paths, outDir)
		if err != nil {
			return err
		}
		res.Profile = p
	}

	printTable(&res)
	b, err := json.MarshalIndent(&res, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "results.json"), append(b, '\n'), 0o644)
}

// options are the slideshow options the CLI flags of kenburnsArgs give.
// planBench plans the workload on the one path the command uses: the
// photos become a storyboard, and the planner plans it.
func planBench(cfg config, fw, fh int, paths []string, out string) (*slideshow.Plan, error) {
	opts := options(cfg, fw, fh, paths, setting.EngineSmooth, out)
	sb, _, err := slideshow.Open(context.Background(), opts)
	if err != nil {
		return nil, err
	}
	return slideshow.Build(context.Background(), sb, opts)
}

func options(cfg config, fw, fh int, paths []string, engine setting.Engine, out string) slideshow.Options {
	o := slideshow.DefaultOptions()
	o.Inputs, o.Output = paths, out
	o.Width, o.Height, o.FPS = fw, fh, setting.Rate{Num: cfg.FPS, Den: 1}
	o.Duration, o.TransitionDuration = cfg.Duration, cfg.Transition
	o.CRF, o.EncoderPreset, o.Engine = cfg.CRF, cfg.Preset, engine
	return o
}

// kenburnsArgs spell every setting out, although they are the defaults,
// so that a change of default does not silently change the benchmark.
func kenburnsArgs(cfg config, engine, out string, paths []string) []string {
	a := []string{"render", "--size", cfg.Size, "--fps", strconv.Itoa(cfg.FPS),
		"--duration", strconv.FormatFloat(cfg.Duration.Seconds(), 'f', -1, 64),
		"--transition-duration", strconv.FormatFloat(cfg.Transition.Seconds(), 'f', -1, 64),
		"--crf", strconv.Itoa(cfg.CRF), "--x264-preset", cfg.Preset, "--jobs", strconv.Itoa(cfg.Jobs),
		"--engine", engine, "--progress", "none", "-y", "-o", out,
		// A fresh chunk cache per render: the render is cold, and it pays
		// what a user's first render pays to fill the cache.
		"--cache", filepath.Join(filepath.Dir(out), fmt.Sprintf(".cache-%d", time.Now().UnixNano())), "--"}
	return append(a, paths...)
}

// profileRender renders once in this process under the CPU profiler, so
// that the Go side (RUSAGE_SELF) and ffmpeg (RUSAGE_CHILDREN) separate.
func profileRender(cfg config, fw, fh int, paths []string, outDir string) (*profile, error) {
	plan, err := planBench(cfg, fw, fh, paths, filepath.Join(outDir, "profile.mp4"))
	if err != nil {
		return nil, err
	}
	pf := filepath.Join(outDir, "cpu.pprof")
	f, err := os.Create(pf)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var s0, c0, s1, c1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &s0)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c0)
	start := time.Now()
	if err := pprof.StartCPUProfile(f); err != nil {
		return nil, err
	}
	err = (&render.Renderer{Jobs: cfg.Jobs}).Render(context.Background(), plan)
	pprof.StopCPUProfile()
	wall := time.Since(start).Seconds()
	syscall.Getrusage(syscall.RUSAGE_SELF, &s1)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c1)
	if err != nil {
		return nil, err
	}
	cpu := func(a, b syscall.Rusage) float64 {
		return tvSeconds(b.Utime) + tvSeconds(b.Stime) - tvSeconds(a.Utime) - tvSeconds(a.Stime)
	}
	p := &profile{WallS: wall, GoCPUS: cpu(s0, s1), FFmpegCPUS: cpu(c0, c1), Pprof: pf}
	top, err := exec.Command("go", "tool", "pprof", "-top", "-nodecount=15", pf).Output()
	if err == nil {
		p.Top = string(top)
	}
	return p, nil
}

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
