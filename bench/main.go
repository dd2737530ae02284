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
	// Front is the x264 settings front (-front).
	Front []frontPoint `json:"x264_front,omitempty"`
	// Preview is the contact sheet timing (-preview).
	Preview  *previewRun  `json:"preview,omitempty"`
	Rerender *rerenderRun `json:"rerender,omitempty"`
	Batch    *batchRun    `json:"batch,omitempty"`
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

// modes are the measurements other than the workload's, chosen by flags.
type modes struct {
	profile bool
	// scaling lists photo counts for the memory series, rendered with
	// slides of scalingSlide and crossfades of scalingFade, from photos
	// reduced to scalingSmall ("" keeps the bench photos).
	scaling                   []int
	scalingSlide, scalingFade time.Duration
	scalingSmall              string
	preview                   int
	rerender                  int
	batch                     int
	formats                   bool
	front                     []frontSetting
	frontFrames               int
	// bin is a prebuilt kenburns to measure; "" builds the checkout's.
	bin string
}

func main() {
	var cfg config
	var m modes
	var engines, corpus, outDir, scaling string
	var doFront bool
	var frontPresets, frontCRFs, frontParams string
	var commit string
	flag.StringVar(&m.bin, "kenburns", "", "measure this kenburns binary instead of building the checkout's (for before/after runs)")
	flag.IntVar(&cfg.Photos, "photos", 10, "number of photos (at most 10)")
	flag.StringVar(&cfg.Size, "size", "1920x1080", "output size")
	flag.IntVar(&cfg.FPS, "fps", 30, "frames per second")
	flag.DurationVar(&cfg.Duration, "duration", 4*time.Second, "time each photo is shown")
	flag.DurationVar(&cfg.Transition, "transition-duration", time.Second, "crossfade length")
	flag.IntVar(&cfg.CRF, "crf", 20, "x264 CRF (kenburns' default)")
	flag.StringVar(&cfg.Preset, "x264-preset", "fast", "x264 preset (kenburns' default)")
	flag.IntVar(&cfg.Jobs, "jobs", runtime.NumCPU(), "kenburns --jobs (its default is the CPU count)")
	flag.StringVar(&engines, "engines", "smooth,zoompan", "engines to measure, comma-separated")
	flag.StringVar(&corpus, "corpus", "../shared/corpus/photos", "folder of source photos, relative to the repository root; synthetic photos if missing")
	flag.StringVar(&outDir, "out", "bench/out", "where photos, videos and results.json go (relative to the repository root)")
	flag.StringVar(&scaling, "scaling", "", "instead of the workload, measure peak memory for these photo counts (e.g. 5,20,50)")
	flag.DurationVar(&m.scalingSlide, "scaling-duration", time.Second, "-scaling: time each photo is shown")
	flag.DurationVar(&m.scalingFade, "scaling-transition", 300*time.Millisecond, "-scaling: crossfade length")
	flag.StringVar(&m.scalingSmall, "scaling-small", "", "-scaling: render copies of the photos reduced to this size (e.g. 1600x1200), for long series")
	flag.IntVar(&m.preview, "preview", 0, "instead of the workload, time `kenburns preview` on this many corpus photos (repeated)")
	flag.IntVar(&m.rerender, "rerender", 0, "instead of the workload, time a cold render of this many photos and the re-render after one slide is edited")
	flag.IntVar(&m.batch, "batch", 0, "instead of the workload, time kenburns batch --jobs auto on this many small videos against the same renders one after another")
	flag.BoolVar(&m.formats, "formats", false, "instead of the workload, time .mp4 at each --quality and .webm, each against its own same-frames floor")
	var interestReps int
	flag.IntVar(&interestReps, "interest", 0, "instead of the workload, time smart motion's analysis of every corpus photo, best of this many runs")
	flag.BoolVar(&m.profile, "profile", false, "also render once in-process (smooth) under the Go CPU profiler and split Go vs ffmpeg CPU")
	flag.BoolVar(&doFront, "front", false, "instead of the workload, measure x264's size/time/SSIM front on kenburns' own frames")
	flag.IntVar(&m.frontFrames, "front-frames", 300, "-front: frames of the workload to encode (its first ones)")
	flag.StringVar(&frontPresets, "front-presets", "veryfast,faster,fast,medium,slow", "-front: x264 presets")
	flag.StringVar(&frontCRFs, "front-crfs", "18,20,22,24,26", "-front: CRFs")
	flag.StringVar(&frontParams, "front-params", "", "-front: also these -x264-params at -x264-preset and -crf, separated by ';'")
	flag.StringVar(&commit, "commit", "", "commit measured, for results.json (default: git rev-parse HEAD, +dirty if the tree differs)")
	flag.Parse()
	cfg.Engines = strings.Split(engines, ",")
	for _, f := range strings.FieldsFunc(scaling, func(r rune) bool { return r == ',' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -scaling %q: want photo counts such as 5,20,50\n", scaling)
			os.Exit(2)
		}
		m.scaling = append(m.scaling, n)
	}
	if m.preview < 0 || m.rerender < 0 || m.batch < 0 {
		fmt.Fprintf(os.Stderr, "bench: -preview %d, -rerender %d: want photo counts\n", m.preview, m.rerender)
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
	if doFront {
		var crfs []int
		for _, f := range strings.Split(frontCRFs, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				fmt.Fprintf(os.Stderr, "bench: -front-crfs %q: want CRFs such as 18,20\n", frontCRFs)
				os.Exit(2)
			}
			crfs = append(crfs, n)
		}
		params := strings.FieldsFunc(frontParams, func(r rune) bool { return r == ';' })
		m.front = frontSettings(strings.FieldsFunc(frontPresets, func(r rune) bool { return r == ',' }), crfs, params, cfg.Preset, cfg.CRF)
	}
	if err := run(cfg, corpus, outDir, commit, m); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(cfg config, corpus, outDir, commit string, m modes) error {
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
	bin := m.bin
	if bin == "" {
		bin = filepath.Join(outDir, "kenburns")
		build := exec.Command("go", "build", "-o", bin, "./cmd/kenburns")
		build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}

	if m.preview > 0 || m.rerender > 0 || m.batch > 0 {
		return runMode(bin, corpus, outDir, commit, root, ffmpeg, cfg.Jobs, m)
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
	if len(m.scaling) > 0 {
		if m.scalingSmall != "" {
			if paths, err = smallPhotos(ffmpeg, paths, m.scalingSmall, filepath.Join(outDir, "small-"+m.scalingSmall)); err != nil {
				return err
			}
		}
		runs, err := runScaling(bin, paths, m.scaling, cfg.Jobs, m.scalingSlide, m.scalingFade, outDir)
		if err != nil {
			return err
		}
		printScaling(runs, m.scalingSlide, m.scalingFade)
		res.Scaling = runs
		b, err := json.MarshalIndent(&res, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(outDir, "scaling.json"), append(b, '\n'), 0o644)
	}

	if len(m.front) > 0 {
		points, err := runFront(ffmpeg, bin, kenburnsArgs(cfg, "smooth", filepath.Join(outDir, "unused.mp4"), paths), fw, fh, cfg.FPS, m.frontFrames, m.front, outDir)
		if err != nil {
			return err
		}
		printFront(points, m.frontFrames)
		res.Front = points
		return writeJSON(filepath.Join(outDir, "front.json"), &res)
	}

	// The planner gives the exact frame count the floor must match.
	plan, err := planBench(cfg, fw, fh, paths, filepath.Join(outDir, "plan.mp4"))
	if err != nil {
		return err
	}
	cfg.Frames = plan.Frames
	res.Workload = cfg
	if m.formats {
		runs, err := runFormats(ffmpeg, bin, cfg, fw, fh, plan.Frames, paths, outDir)
		if err != nil {
			return err
		}
		printFormats(runs)
		res.Formats = runs
		return writeJSON(filepath.Join(outDir, "formats.json"), &res)
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

	if m.profile {
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
