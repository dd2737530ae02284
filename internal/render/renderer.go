package render

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kenburns/kenburns/slideshow"
)

// ErrNoFFmpeg reports that ffmpeg or ffprobe is not installed.
var ErrNoFFmpeg = errors.New("ffmpeg not found: install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) or put it on PATH")

// Renderer runs ffmpeg to turn plans into videos.
type Renderer struct {
	FFmpeg, FFprobe string // program paths; found on PATH when empty
	Jobs            int    // ffmpeg processes at once; 0 = one per CPU
	// Progress, if set, is called from one goroutine at a time with the
	// render's state, at most a few times a second.
	Progress func(Progress)
	// TempDir is where the per-run work directory goes; "" = os.TempDir.
	TempDir string
	// KeepWork keeps the work directory, for debugging.
	KeepWork bool
}

// Progress is a snapshot of a render.
type Progress struct {
	Phase   string // "prepare", "encode", "mux", "done"
	Slide   int    // 1-based slide last started, in prepare and encode
	Frame   int    // frames encoded so far
	Frames  int    // frames in the video
	Elapsed time.Duration
}

// Fraction returns how much of the work is done, from 0 to 1.
func (p Progress) Fraction() float64 {
	if p.Frames == 0 {
		return 0
	}
	return min(1, float64(p.Frame)/float64(p.Frames))
}

// ETA estimates the time left from the rate so far; 0 when unknown.
func (p Progress) ETA() time.Duration {
	f := p.Fraction()
	if f <= 0.01 {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * (1 - f) / f)
}

// Lookup finds ffmpeg and ffprobe on PATH unless already set.
func (r *Renderer) Lookup() error {
	for _, t := range []struct {
		path *string
		name string
	}{{&r.FFmpeg, "ffmpeg"}, {&r.FFprobe, "ffprobe"}} {
		if *t.path != "" {
			continue
		}
		p, err := exec.LookPath(t.name)
		if err != nil {
			return ErrNoFFmpeg
		}
		*t.path = p
	}
	return nil
}

// Render renders plan to plan.Output. The video is written to a temporary
// file beside the output and renamed over it only once ffmpeg has
// succeeded and the file probes complete; on failure or cancellation
// nothing is left behind and an existing output is untouched.
func (r *Renderer) Render(ctx context.Context, plan *slideshow.Plan) (err error) {
	if err := r.Lookup(); err != nil {
		return err
	}
	work, err := os.MkdirTemp(r.TempDir, "kenburns-")
	if err != nil {
		return fmt.Errorf("create work directory: %w", err)
	}
	if !r.KeepWork {
		defer os.RemoveAll(work)
	}
	out, err := filepath.Abs(plan.Output)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.partial.mp4")
	if err != nil {
		return fmt.Errorf("create temporary output beside %s: %w", plan.Output, err)
	}
	tmp.Close()
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()

	st := &state{r: r, plan: plan, start: time.Now()}
	st.report("prepare", 0)
	if err := r.encodeAll(ctx, plan, work, st); err != nil {
		return err
	}
	if err := os.WriteFile(slideshow.ListFile(work), []byte(plan.ConcatList(work)), 0o600); err != nil {
		return fmt.Errorf("write chunk list: %w", err)
	}
	st.report("mux", 0)
	mux, err := plan.MuxCommand(work, tmp.Name())
	if err != nil {
		return err
	}
	if err := r.run(ctx, mux, nil, nil); err != nil {
		return fmt.Errorf("join chunks and add music: %w", err)
	}
	if err := r.verify(ctx, tmp.Name(), plan); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("move finished video into place: %w", err)
	}
	st.report("done", 0)
	return nil
}

func (r *Renderer) jobs() int {
	if r.Jobs > 0 {
		return r.Jobs
	}
	return runtime.NumCPU()
}

// encodeAll prepares every slide and encodes every chunk. Preparation runs
// ahead of encoding in slide order, so chunk i starts as soon as slides i
// and i+1 are ready; at most jobs photos are decoded and jobs chunks
// encoded at once, whatever the number of photos.
func (r *Renderer) encodeAll(ctx context.Context, plan *slideshow.Plan, work string, st *state) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	n := len(plan.Slides)
	ready := make([]chan struct{}, n)
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	var wg sync.WaitGroup
	fail := func(err error) { cancel(err) }

	slides := make(chan int)
	for w := 0; w < r.jobs(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range slides {
				if err := prepare(plan, i, work); err != nil {
					fail(fmt.Errorf("slide %d (%s): %w", i+1, plan.Slides[i].Photo.Path, err))
					return
				}
				close(ready[i])
			}
		}()
	}
	chunks := make(chan int)
	for w := 0; w < r.jobs(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range chunks {
				if err := r.encodeChunk(ctx, plan, i, work, ready, st); err != nil {
					fail(err)
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(slides)
		for i := 0; i < n; i++ {
			select {
			case slides <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for i := range plan.Chunks {
		select {
		case chunks <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(chunks)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

// state aggregates progress across concurrent chunks.
type state struct {
	r      *Renderer
	plan   *slideshow.Plan
	start  time.Time
	frames atomic.Int64
	mu     sync.Mutex
	last   time.Time
	slide  int
}

func (s *state) report(phase string, slide int) {
	if s.r.Progress == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if slide > 0 {
		s.slide = slide
	}
	now := time.Now()
	if phase == "encode" && now.Sub(s.last) < 200*time.Millisecond {
		return
	}
	s.last = now
	s.r.Progress(Progress{Phase: phase, Slide: s.slide, Frame: int(s.frames.Load()), Frames: s.plan.Frames, Elapsed: now.Sub(s.start)})
}
