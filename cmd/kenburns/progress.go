package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/slideshow"
)

// progress shows a render's progress as a bar on a terminal, plain lines
// when piped, or JSON lines for scripts.
type progress struct {
	mode     string // bar, plain, json, none
	w        io.Writer
	bar      *progressbar.ProgressBar
	lastLine time.Time
	lastPct  int
	start    time.Time
}

func newProgress(mode string, w io.Writer) *progress {
	if mode == "auto" {
		mode = "plain"
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	return &progress{mode: mode, w: w, lastPct: -1, start: time.Now()}
}

// update is the renderer's progress callback.
func (p *progress) update(s render.Progress) {
	switch p.mode {
	case "json":
		p.json(map[string]any{
			"phase": s.Phase, "slide": s.Slide, "frame": s.Frame, "frames": s.Frames,
			"fraction": round3(s.Fraction()), "eta": round3(s.ETA().Seconds()), "elapsed": round3(s.Elapsed.Seconds()),
		})
	case "bar":
		if p.bar == nil {
			p.bar = progressbar.NewOptions(s.Frames,
				progressbar.OptionSetWriter(p.w),
				progressbar.OptionSetDescription("rendering"),
				progressbar.OptionShowCount(),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionShowElapsedTimeOnFinish(),
				progressbar.OptionSetItsString("frames"),
				progressbar.OptionShowIts(),
				progressbar.OptionThrottle(100*time.Millisecond),
			)
		}
		p.bar.Describe(fmt.Sprintf("%-7s slide %d", s.Phase, s.Slide))
		p.bar.Set(s.Frame)
	case "plain":
		pct := int(s.Fraction() * 100)
		if s.Phase == "encode" && (pct/10 == p.lastPct/10 || time.Since(p.lastLine) < time.Second) {
			return
		}
		p.lastPct, p.lastLine = pct, time.Now()
		fmt.Fprintf(p.w, "%s: slide %d, frame %d/%d (%d%%), eta %s\n", s.Phase, s.Slide, s.Frame, s.Frames, pct, s.ETA().Round(time.Second))
	}
}

// finish reports the outcome: a summary line, or the JSON summary object.
func (p *progress) finish(plan *slideshow.Plan, err error) {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
	switch {
	case p.mode == "json":
		m := map[string]any{"phase": "summary", "ok": err == nil, "output": plan.Output,
			"frames": plan.Frames, "duration": round3(plan.Duration().Seconds()), "slides": len(plan.Slides),
			"wall": round3(time.Since(p.start).Seconds())}
		if err != nil {
			m["error"] = err.Error()
		}
		p.json(m)
	case err == nil && p.mode != "none":
		fmt.Fprintf(p.w, "wrote %s: %d slides, %d frames, %s, in %s\n", plan.Output, len(plan.Slides), plan.Frames, plan.Duration(), time.Since(p.start).Round(time.Second/10))
	}
}

func (p *progress) json(v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(p.w, "%s\n", b)
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
