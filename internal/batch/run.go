package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/slideshow"
)

// ErrFailed reports that at least one job failed; the others ran.
var ErrFailed = errors.New("jobs failed")

// Runner runs a manifest's jobs.
type Runner struct {
	// Plan plans a job on the one path from inputs and settings to a
	// plan that render uses too.
	Plan func(ctx context.Context, j *Job) (Planned, error)
	// Invalid tells errors of the job's input (exit code 2), which are
	// never retried, from render failures.
	Invalid func(err error) bool
	// Renderer is copied for every job; its Slots are shared by all.
	Renderer render.Renderer
	// Cache remembers checksums for the up-to-date keys (and, as the
	// Renderer's cache, the chunks).
	Cache *cache.Cache
	// Jobs is how many videos render at once (at least 1).
	Jobs int
	// Retries is how many times a render failure is tried again.
	Retries int
	// Force renders even the jobs whose output is up to date.
	Force bool
	// Events, if set, gets every job event, from one goroutine at a time.
	Events func(Event)
	// ProgressEvery is the least time between two progress events of a
	// job; 0 = one a second.
	ProgressEvery time.Duration
}

// Planned is a job's plan and, for a job that skips bad photos, how to
// plan it again without the photos that only decoding found bad.
type Planned struct {
	Plan    *slideshow.Plan
	Without func(ctx context.Context, bad []*photo.Error) (*slideshow.Plan, error)
}

// The kinds of Event.
const (
	Queued   = "queued"
	Started  = "started"
	Progress = "progress"
	Done     = "done"
	Skipped  = "skipped"
	Retry    = "retry"
	Failed   = "failed"
	NotRun   = "not run" // only in the summary: interrupted before it started
)

// Event is something that happened to a job.
type Event struct {
	Event    string  `json:"event"`
	ID       string  `json:"id"`
	Index    int     `json:"index"`
	Output   string  `json:"output,omitempty"`
	Attempt  int     `json:"attempt,omitempty"`
	Phase    string  `json:"phase,omitempty"`
	Fraction float64 `json:"fraction,omitempty"`
	Frames   int     `json:"frames,omitempty"`
	Cached   int     `json:"cached_chunks,omitempty"`
	Seconds  float64 `json:"seconds,omitempty"`
	Reason   string  `json:"reason,omitempty"`
	// Exit is a failure's kind as an exit code: 1 render failure, 2
	// invalid input.
	Exit int `json:"exit,omitempty"`
}

// Summary is the outcome of a run.
type Summary struct {
	Event       string    `json:"event"` // "summary"
	Jobs        int       `json:"jobs"`
	Done        int       `json:"done"`
	Skipped     int       `json:"skipped"`
	Failed      int       `json:"failed"`
	NotRun      int       `json:"not_run"`
	Interrupted bool      `json:"interrupted"`
	Wall        float64   `json:"wall_seconds"`
	Parallel    int       `json:"parallel_jobs"`
	Processes   int       `json:"processes"`
	PerJob      []JobTime `json:"per_job"`
}

// JobTime is one job's outcome in the summary.
type JobTime struct {
	ID       string  `json:"id"`
	Output   string  `json:"output"`
	Status   string  `json:"status"` // done, skipped, failed or not run
	Seconds  float64 `json:"seconds"`
	Attempts int     `json:"attempts,omitempty"`
	Reason   string  `json:"reason,omitempty"`
	Exit     int     `json:"exit,omitempty"`
}

// Run runs jobs, Jobs at a time, and returns the summary with nil when
// every job is done or up to date, ErrFailed when some failed, or the
// context's error when interrupted (finished outputs stay, and no partial
// file is left).
func (r *Runner) Run(ctx context.Context, jobs []*Job) (*Summary, error) {
	start := time.Now()
	slots := r.Renderer.Slots
	if slots == nil {
		slots = render.NewSlots(r.Renderer.Jobs)
	}
	sum := &Summary{Event: "summary", Jobs: len(jobs), Parallel: max(1, r.Jobs), Processes: slots.Cap(), PerJob: make([]JobTime, len(jobs))}
	var mu sync.Mutex
	emit := func(e Event) {
		if r.Events == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		r.Events(e)
	}
	for i, j := range jobs {
		sum.PerJob[i] = JobTime{ID: j.ID, Output: j.Output, Status: NotRun}
		emit(Event{Event: Queued, ID: j.ID, Index: j.Index, Output: j.Output})
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(max(1, r.Jobs), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				sum.PerJob[i] = r.runJob(ctx, jobs[i], slots, emit)
			}
		}()
	}
feed:
	for i := range jobs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, t := range sum.PerJob {
		switch t.Status {
		case Done:
			sum.Done++
		case Skipped:
			sum.Skipped++
		case Failed:
			sum.Failed++
		default:
			sum.NotRun++
		}
	}
	sum.Wall = round3(time.Since(start).Seconds())
	if err := ctx.Err(); err != nil {
		sum.Interrupted = true
		return sum, err
	}
	if sum.Failed > 0 {
		return sum, fmt.Errorf("%d of %d %w", sum.Failed, sum.Jobs, ErrFailed)
	}
	return sum, nil
}

// runJob runs one job to its end, with retries, and reports its outcome.
func (r *Runner) runJob(ctx context.Context, j *Job, slots *render.Slots, emit func(Event)) JobTime {
	start := time.Now()
	t := JobTime{ID: j.ID, Output: j.Output}
	for attempt := 1; ; attempt++ {
		t.Attempts = attempt
		skipped, err := r.attempt(ctx, j, attempt, slots, emit)
		t.Seconds = round3(time.Since(start).Seconds())
		switch {
		case ctx.Err() != nil:
			t.Status, t.Reason = NotRun, "interrupted"
			return t
		case err == nil && skipped:
			t.Status = Skipped
			emit(Event{Event: Skipped, ID: j.ID, Index: j.Index, Output: j.Output, Reason: "up to date"})
			return t
		case err == nil:
			t.Status = Done
			emit(Event{Event: Done, ID: j.ID, Index: j.Index, Output: j.Output, Attempt: attempt, Seconds: t.Seconds})
			return t
		}
		t.Reason, t.Exit = err.Error(), 1
		if r.Invalid != nil && r.Invalid(err) {
			t.Exit = 2
		}
		if t.Exit == 1 && attempt <= r.Retries {
			emit(Event{Event: Retry, ID: j.ID, Index: j.Index, Output: j.Output, Attempt: attempt, Reason: t.Reason, Exit: t.Exit})
			continue
		}
		t.Status = Failed
		emit(Event{Event: Failed, ID: j.ID, Index: j.Index, Output: j.Output, Attempt: attempt, Seconds: t.Seconds, Reason: t.Reason, Exit: t.Exit})
		return t
	}
}

// attempt plans the job, skips it when its output is up to date, else
// renders it and records what it rendered beside it.
func (r *Runner) attempt(ctx context.Context, j *Job, attempt int, slots *render.Slots, emit func(Event)) (skipped bool, err error) {
	planned, err := r.Plan(ctx, j)
	if err != nil {
		return false, err
	}
	plan := planned.Plan
	rr := r.Renderer
	rr.Slots = slots
	key, err := rr.OutputKey(ctx, r.Cache, plan)
	if err != nil {
		return false, err
	}
	switch ok, err := upToDate(plan.Output, key); {
	case err != nil && !r.Force:
		return false, err
	case ok && !r.Force:
		return true, nil
	}
	// A manifest names outputs in folders of its own; make them.
	if err := os.MkdirAll(filepath.Dir(plan.Output), 0o755); err != nil {
		return false, fmt.Errorf("create the output's folder: %w", err)
	}
	removePartials(plan.Output)
	emit(Event{Event: Started, ID: j.ID, Index: j.Index, Output: j.Output, Attempt: attempt, Frames: plan.Frames})
	every := r.ProgressEvery
	if every <= 0 {
		every = time.Second
	}
	var last time.Time
	lastPhase := ""
	rr.Progress = func(p render.Progress) {
		if p.Phase == lastPhase && time.Since(last) < every || p.Phase == "done" {
			return
		}
		last, lastPhase = time.Now(), p.Phase
		emit(Event{Event: Progress, ID: j.ID, Index: j.Index, Phase: p.Phase, Fraction: round3(p.Fraction()), Frames: p.Frames, Cached: p.Cached, Seconds: round3(p.Elapsed.Seconds())})
	}
	err = rr.Render(ctx, plan)
	var bad *photo.Errors
	if errors.As(err, &bad) && planned.Without != nil {
		// The record keeps the key of the plan with every photo: the
		// same inputs make the same video without the bad ones again.
		var without *slideshow.Plan
		if without, err = planned.Without(ctx, bad.Photos); err == nil {
			err = rr.Render(ctx, without)
		}
	}
	if err != nil {
		return false, err
	}
	if err := writeRecord(plan.Output, record{ID: j.ID, Key: key}); err != nil {
		return false, fmt.Errorf("%s: %w", plan.Output, err)
	}
	return false, nil
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
