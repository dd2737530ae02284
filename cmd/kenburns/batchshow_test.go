package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/batch"
	"github.com/kenburns/kenburns/internal/setting"
)

// TestBatchBars drives the terminal display: a bar per running job, in
// manifest order, and one for the batch, drawn over in place; failures
// are printed above the bars, and the summary replaces them.
func TestBatchBars(t *testing.T) {
	var w bytes.Buffer
	p := newBatchProgress(setting.ProgressBar, &w)
	for _, e := range []batch.Event{
		{Event: batch.Queued, ID: "a"}, {Event: batch.Queued, ID: "b", Index: 1}, {Event: batch.Queued, ID: "c", Index: 2},
		{Event: batch.Started, ID: "b", Index: 1}, {Event: batch.Started, ID: "a"},
		{Event: batch.Progress, ID: "a", Phase: "encode", Fraction: 0.5},
	} {
		p.event(e)
	}
	screen := w.String()
	last := screen[strings.LastIndex(screen, "\x1b[2K")+len("\x1b[2K"):]
	lines := strings.Split(strings.TrimSuffix(last, "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "a ") || !strings.Contains(lines[0], " 50% encode") ||
		!strings.HasPrefix(lines[1], "b ") || !strings.Contains(lines[2], "0 of 3 jobs") {
		t.Errorf("bars:\n%s", last)
	}
	p.event(batch.Event{Event: batch.Failed, ID: "b", Index: 1, Reason: "ffmpeg failed"})
	p.event(batch.Event{Event: batch.Done, ID: "a"})
	p.event(batch.Event{Event: batch.Skipped, ID: "c", Index: 2})
	p.finish(&batch.Summary{Jobs: 3, Done: 1, Skipped: 1, Failed: 1, Wall: 2}, setting.Shard{})
	out := w.String()
	for _, want := range []string{"b: failed: ffmpeg failed\n", "3 of 3 jobs", "batch: 3 jobs: 1 rendered, 1 up to date, 1 failed, 0 not run, in 2.0s\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("display lacks %q:\n%q", want, out)
		}
	}
}
