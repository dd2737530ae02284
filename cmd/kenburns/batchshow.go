package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/kenburns/kenburns/internal/batch"
	"github.com/kenburns/kenburns/internal/setting"
)

// batchProgress shows a batch's events: JSON lines, plain lines, or on a
// terminal a bar per running job and one for the whole batch.
type batchProgress struct {
	mode    setting.Progress // never auto
	w       io.Writer
	total   int
	ended   int
	running map[string]*runningJob
	drawn   int // lines of bars drawn last, to draw over
}

type runningJob struct {
	index    int
	phase    string
	fraction float64
}

func newBatchProgress(mode setting.Progress, w io.Writer) *batchProgress {
	if mode == setting.ProgressAuto {
		mode = setting.ProgressPlain
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = setting.ProgressBar
		}
	}
	return &batchProgress{mode: mode, w: w, running: map[string]*runningJob{}}
}

// every is how often a job's progress is worth an event: on a terminal
// each one redraws the bars.
func (p *batchProgress) every() time.Duration {
	if p.mode == setting.ProgressBar {
		return 200 * time.Millisecond
	}
	return time.Second
}

// event is the runner's event callback, called one at a time.
func (p *batchProgress) event(e batch.Event) {
	switch e.Event {
	case batch.Queued:
		p.total++
	case batch.Started:
		p.running[e.ID] = &runningJob{index: e.Index, phase: "start"}
	case batch.Progress:
		if r := p.running[e.ID]; r != nil {
			r.phase, r.fraction = e.Phase, e.Fraction
		}
	case batch.Done, batch.Skipped, batch.Failed:
		delete(p.running, e.ID)
		p.ended++
	}
	switch p.mode {
	case setting.ProgressJSON:
		b, _ := json.Marshal(e)
		fmt.Fprintf(p.w, "%s\n", b)
	case setting.ProgressPlain:
		p.plain(e)
	case setting.ProgressBar:
		if e.Event == batch.Failed || e.Event == batch.Retry {
			p.clear()
			p.plain(e)
		}
		p.draw()
	}
}

// plain writes one line for each event but progress.
func (p *batchProgress) plain(e batch.Event) {
	at := fmt.Sprintf("[%d/%d]", p.ended, p.total)
	switch e.Event {
	case batch.Started:
		fmt.Fprintf(p.w, "%s %s: rendering %s\n", at, e.ID, e.Output)
	case batch.Done:
		fmt.Fprintf(p.w, "%s %s: wrote %s in %.1fs\n", at, e.ID, e.Output, e.Seconds)
	case batch.Skipped:
		fmt.Fprintf(p.w, "%s %s: %s is up to date\n", at, e.ID, e.Output)
	case batch.Retry:
		fmt.Fprintf(p.w, "%s %s: attempt %d failed, trying again: %s\n", at, e.ID, e.Attempt, e.Reason)
	case batch.Failed:
		fmt.Fprintf(p.w, "%s %s: failed: %s\n", at, e.ID, e.Reason)
	}
}

// clear erases the bars drawn last.
func (p *batchProgress) clear() {
	for ; p.drawn > 0; p.drawn-- {
		fmt.Fprint(p.w, "\x1b[1A\x1b[2K")
	}
}

// draw redraws a bar per running job, in manifest order, and the batch's.
func (p *batchProgress) draw() {
	p.clear()
	ids := make([]string, 0, len(p.running))
	for id := range p.running {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return p.running[ids[i]].index < p.running[ids[j]].index })
	var b strings.Builder
	for _, id := range ids {
		r := p.running[id]
		fmt.Fprintf(&b, "%-20.20s %s %3.0f%% %s\n", id, bar(r.fraction, 30), r.fraction*100, r.phase)
	}
	done := 0.0
	if p.total > 0 {
		done = float64(p.ended) / float64(p.total)
	}
	fmt.Fprintf(&b, "%-20s %s %d of %d jobs\n", "batch", bar(done, 30), p.ended, p.total)
	fmt.Fprint(p.w, b.String())
	p.drawn = len(ids) + 1
}

func bar(f float64, width int) string {
	n := int(f*float64(width) + 0.5)
	n = min(max(n, 0), width)
	return "[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "]"
}

// finish shows the summary: a JSON line, or a sentence.
func (p *batchProgress) finish(sum *batch.Summary, shard setting.Shard) {
	if sum == nil {
		return
	}
	switch p.mode {
	case setting.ProgressJSON:
		b, _ := json.Marshal(sum)
		fmt.Fprintf(p.w, "%s\n", b)
		return
	case setting.ProgressNone:
		return
	case setting.ProgressBar:
		p.clear()
	}
	of := ""
	if shard.Count > 1 {
		of = fmt.Sprintf(" (shard %s)", shard)
	}
	if sum.Jobs > 0 && sum.Skipped == sum.Jobs {
		fmt.Fprintf(p.w, "batch%s: all %d jobs are up to date; nothing to do\n", of, sum.Jobs)
		return
	}
	fmt.Fprintf(p.w, "batch%s: %d jobs: %d rendered, %d up to date, %d failed, %d not run, in %.1fs\n",
		of, sum.Jobs, sum.Done, sum.Skipped, sum.Failed, sum.NotRun, sum.Wall)
}
