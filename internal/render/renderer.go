package render

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
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
	// Cache, if set, keeps every encoded chunk under a key of all that
	// decides its bytes, and reuses it in any later render that has the
	// same chunk: after an edit, only the chunks it touches are encoded.
	Cache *cache.Cache
	// Slots, if set, is shared with other renders running at the same
	// time: each photo decode, chunk encode and join holds one, so that
	// their total stays within it whatever Jobs says.
	Slots *Slots
}

// Progress is a snapshot of a render.
type Progress struct {
	Phase   string // "cache", "prepare", "encode", "mux", "done"
	Slide   int    // 1-based slide last started, in prepare and encode
	Slides  int    // slides in the video
	Frame   int    // frames encoded (or found in the cache) so far
	Frames  int    // frames in the video (in a shard, in its chunks)
	Chunks  int    // chunks in the video (in a shard, its chunks)
	Cached  int    // chunks taken from the cache, not encoded
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

// checkFilters makes sure this ffmpeg has the filters the plan uses, so an
// old or stripped-down build fails with advice rather than a graph error.
func (r *Renderer) checkFilters(ctx context.Context, plan *slideshow.Plan) error {
	out, err := exec.CommandContext(ctx, r.FFmpeg, "-hide_banner", "-nostdin", "-filters").Output()
	if err != nil {
		return fmt.Errorf("run %s -filters: %w", r.FFmpeg, err)
	}
	need := []string{"xfade"}
	if twoPassGIF(plan) {
		need = append(need, "palettegen", "paletteuse")
	}
	if plan.Codec == setting.CodecH264VAAPI {
		need = append(need, "hwupload")
	}
	if plan.Engine == setting.EngineZoompan {
		need = append(need, "zoompan", "overlay", "pad")
	}
	for _, f := range need {
		if !strings.Contains(string(out), " "+f+" ") {
			return fmt.Errorf("%s lacks the %s filter: install ffmpeg 4.3 or newer with the full set of filters (Debian: apt-get install ffmpeg)", r.FFmpeg, f)
		}
	}
	return nil
}

// preflight checks, before any work, that ffmpeg is there with the
// filters and encoders plan needs.
func (r *Renderer) preflight(ctx context.Context, plan *slideshow.Plan) error {
	if err := r.Lookup(); err != nil {
		return err
	}
	if err := r.checkFilters(ctx, plan); err != nil {
		return err
	}
	return r.checkEncoders(ctx, plan)
}

// chunks brings st's chunks into the work directory: those in the cache
// are linked, the others encoded after every photo they need is decoded
// (once), so that damaged photos stop the run before any encoding. check,
// if set, sees each chunk's cache key ("" for none) before encoding.
func (r *Renderer) chunks(ctx context.Context, plan *slideshow.Plan, work string, st *state, check func(keys []string) error) error {
	keys, err := r.fromCache(ctx, plan, work, st)
	if err != nil {
		return err
	}
	bad, err := r.prepareAll(ctx, plan, work, st, needed(plan, keys))
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return &photo.Errors{Photos: bad}
	}
	if check != nil {
		if err := check(keys); err != nil {
			return err
		}
	}
	// Decoding left hundreds of MB of garbage (full-size photos) that Go
	// would hand back to the system only slowly, while the encoders about
	// to start need as much again: return it now. Measured on the bench,
	// this takes the process tree's peak down by the Go side's ~500 MB.
	debug.FreeOSMemory()
	return r.encodeAll(ctx, plan, work, st, keys)
}

// Render renders plan to plan.Output. Every photo is decoded (once) before
// ffmpeg starts, so that damaged photos stop the run before any encoding,
// all of them listed in a *photo.Errors (a caller that skips bad photos
// re-plans without them and renders again). The video is written to a temporary
// file beside the output and renamed over it only once ffmpeg has succeeded
// and the file probes complete; on failure or cancellation nothing is left
// behind and an existing output is untouched.
func (r *Renderer) Render(ctx context.Context, plan *slideshow.Plan) (err error) {
	if err := r.preflight(ctx, plan); err != nil {
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
	// The temporary file keeps the output's extension: ffmpeg is told the
	// format, but players and ffprobe go by the name.
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.partial"+strings.ToLower(filepath.Ext(out)))
	if err != nil {
		return fmt.Errorf("create temporary output beside %s: %w", plan.Output, err)
	}
	tmp.Close()
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()

	st := newState(r, plan, 0, len(plan.Chunks))
	if err := r.chunks(ctx, plan, work, st, nil); err != nil {
		return err
	}
	if err := os.WriteFile(listFile(work), []byte(concatList(plan, work)), 0o600); err != nil {
		return fmt.Errorf("write chunk list: %w", err)
	}
	st.report("mux", 0)
	pal, err := PaletteCommand(plan, work)
	if err != nil {
		return err
	}
	if pal != nil {
		if err := r.slotted(ctx, func() error { return r.run(ctx, *pal, nil, nil) }); err != nil {
			return fmt.Errorf("build the GIF's palette: %w", err)
		}
	}
	if softSubtitles(plan) {
		if err := os.WriteFile(subtitleFile(work), []byte(SRT(plan)), 0o600); err != nil {
			return fmt.Errorf("write subtitles: %w", err)
		}
	}
	loop, err := MusicLoopCommand(plan, work)
	if err != nil {
		return err
	}
	if loop != nil {
		if err := r.slotted(ctx, func() error { return r.run(ctx, *loop, nil, nil) }); err != nil {
			return fmt.Errorf("prepare the looped music: %w", err)
		}
	}
	mux, err := MuxCommand(plan, work, tmp.Name())
	if err != nil {
		return err
	}
	if err := r.slotted(ctx, func() error { return r.run(ctx, mux, nil, nil) }); err != nil {
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
	if err := writeSidecar(plan); err != nil {
		return err
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

// pool runs fn(i) for i in [0, n) on up to r.Jobs goroutines, each call
// holding one of r.Slots, stopping at the first error, which it returns.
func (r *Renderer) pool(ctx context.Context, n int, fn func(ctx context.Context, i int) error) error {
	jobs := r.jobs()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(jobs, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := r.slotted(ctx, func() error { return guard(func() error { return fn(ctx, i) }) }); err != nil {
					cancel(err)
					return
				}
			}
		}()
	}
feed:
	for i := 0; i < n; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// prepareAll decodes every photo once into its working copy, at most jobs
// at a time. Photos that cannot be decoded are returned, all of them, not
// as an error: they are the user's to fix or skip.
func (r *Renderer) prepareAll(ctx context.Context, plan *slideshow.Plan, work string, st *state, need []bool) ([]*photo.Error, error) {
	bad := make([]*photo.Error, len(plan.Slides))
	err := r.pool(ctx, len(plan.Slides), func(ctx context.Context, i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !need[i] {
			return nil // every chunk showing it is cached
		}
		st.report("prepare", i+1)
		perr, err := prepare(ctx, plan, i, work)
		if perr != nil {
			bad[i] = &photo.Error{Path: plan.Slides[i].Photo.Path, Err: perr}
		}
		if err != nil {
			return fmt.Errorf("slide %d (%s): %w", i+1, plan.Slides[i].Photo.Path, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return badOnes(bad), nil
}

// badOnes returns the photos of a per-slide list that failed, in order.
func badOnes(bad []*photo.Error) []*photo.Error {
	var list []*photo.Error
	for _, b := range bad {
		if b != nil {
			list = append(list, b)
		}
	}
	return list
}

// encodeAll encodes every chunk, at most jobs at a time: memory does not
// grow with the number of photos.
func (r *Renderer) encodeAll(ctx context.Context, plan *slideshow.Plan, work string, st *state, cached []string) error {
	return r.pool(ctx, len(plan.Chunks), func(ctx context.Context, i int) error {
		if done(cached, i) {
			return nil
		}
		if err := r.encodeChunk(ctx, plan, i, work, st); err != nil {
			return err
		}
		if cached[i] != "" {
			// A cache that cannot be written costs speed next time, not
			// this video; but a shard's chunks are only in the cache.
			if err := r.Cache.Put(cached[i], chunkFile(work, i)); err != nil && st.store {
				return fmt.Errorf("chunk %d: %w", i+1, err)
			}
		}
		return nil
	})
}

// state aggregates progress across concurrent chunks.
type state struct {
	r      *Renderer
	plan   *slideshow.Plan
	lo, hi int  // the chunks this run renders: all but in a shard
	total  int  // their frames
	store  bool // the chunks must reach the cache (a shard)
	start  time.Time
	frames atomic.Int64
	cached atomic.Int64
	mu     sync.Mutex
	last   time.Time
	slide  int
}

func newState(r *Renderer, plan *slideshow.Plan, lo, hi int) *state {
	st := &state{r: r, plan: plan, lo: lo, hi: hi, start: time.Now()}
	for _, c := range plan.Chunks[lo:hi] {
		st.total += c.Frames
	}
	return st
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
	s.r.Progress(Progress{Phase: phase, Slide: s.slide, Slides: len(s.plan.Slides), Frame: int(s.frames.Load()), Frames: s.total,
		Chunks: s.hi - s.lo, Cached: int(s.cached.Load()), Elapsed: now.Sub(s.start)})
}

// guard runs fn and turns a panic into an error. The renderer's worker
// goroutines run it so that a bug fails the one render with exit code 1 and
// a message, instead of killing a batch run with a stack trace and Go's
// exit code 2, which scripts would read as "invalid input".
func guard(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (please report it): %v", p)
		}
	}()
	return fn()
}
