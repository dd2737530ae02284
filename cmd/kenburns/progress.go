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
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// progress shows a render's progress as a bar on a terminal, plain lines
// when piped, or JSON lines for scripts.
type progress struct {
	mode      setting.Progress // bar, plain, json or none: never auto
	w         io.Writer
	bar       *progressbar.ProgressBar
	lastLine  time.Time
	lastPct   int
	lastPhase string
	start     time.Time
	last      render.Progress // the latest update, for the summary
	shard     setting.Shard   // a render --shard's, whose summary is its chunks
}

func newProgress(mode setting.Progress, w io.Writer) *progress {
	if mode == setting.ProgressAuto {
		mode = setting.ProgressPlain
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = setting.ProgressBar
		}
	}
	return &progress{mode: mode, w: w, lastPct: -1, start: time.Now()}
}

// update is the renderer's progress callback.
func (p *progress) update(s render.Progress) {
	p.last = s
	switch p.mode {
	case setting.ProgressJSON:
		p.json(map[string]any{
			"phase": s.Phase, "slide": s.Slide, "slides": s.Slides, "frame": s.Frame, "frames": s.Frames,
			"chunks": s.Chunks, "cached": s.Cached,
			"fraction": round3(s.Fraction()), "eta": round3(s.ETA().Seconds()), "elapsed": round3(s.Elapsed.Seconds()),
		})
	case setting.ProgressBar:
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
	case setting.ProgressPlain:
		// A line when a phase starts, then at most one a second (and in
		// encode one per 10%), so a log stays readable for any length.
		pct := int(s.Fraction() * 100)
		if s.Phase == p.lastPhase && (time.Since(p.lastLine) < time.Second || s.Phase == "encode" && pct/10 == p.lastPct/10) {
			return
		}
		p.lastPhase, p.lastPct, p.lastLine = s.Phase, pct, time.Now()
		switch s.Phase {
		case "cache":
			fmt.Fprintf(p.w, "cache: %d of %d chunks already encoded\n", s.Cached, s.Chunks)
		case "prepare":
			fmt.Fprintf(p.w, "prepare: reading photo %d of %d\n", s.Slide, s.Slides)
		case "encode":
			fmt.Fprintf(p.w, "encode: frame %d of %d (%d%%), slide %d, eta %s\n", s.Frame, s.Frames, pct, s.Slide, s.ETA().Round(time.Second))
		case "mux":
			fmt.Fprintln(p.w, "mux: joining the chunks into the video (with its music and subtitles, if any)")
		}
	}
}

// finish reports the outcome: a summary line, or the JSON summary object.
func (p *progress) finish(plan *slideshow.Plan, err error) {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
	switch {
	case p.mode == setting.ProgressJSON && !p.shard.IsZero():
		m := map[string]any{"phase": "summary", "ok": err == nil, "shard": p.shard.String(),
			"frames": p.last.Frames, "wall": round3(time.Since(p.start).Seconds()), "chunks": p.last.Chunks, "cached": p.last.Cached}
		if err != nil {
			m["error"] = err.Error()
		}
		p.json(m)
	case err == nil && !p.shard.IsZero() && p.mode != setting.ProgressNone:
		fmt.Fprintf(p.w, "shard %s: %d chunks (%d frames) in the cache, in %s (%d encoded, %d already there); no video written\n", p.shard, p.last.Chunks, p.last.Frames,
			time.Since(p.start).Round(time.Second/10), p.last.Chunks-p.last.Cached, p.last.Cached)
	case p.mode == setting.ProgressJSON:
		m := map[string]any{"phase": "summary", "ok": err == nil, "output": plan.Output,
			"frames": plan.Frames, "duration": round3(plan.Duration().Seconds()), "slides": len(plan.Slides),
			"wall": round3(time.Since(p.start).Seconds()), "chunks": len(plan.Chunks), "cached": p.last.Cached}
		if err != nil {
			m["error"] = err.Error()
		}
		p.json(m)
	case err == nil && p.mode != setting.ProgressNone:
		fmt.Fprintf(p.w, "wrote %s: %d slides, %d frames, %s, in %s (%d of %d chunks encoded, %d from the cache)\n", plan.Output, len(plan.Slides), plan.Frames, plan.Duration(),
			time.Since(p.start).Round(time.Second/10), len(plan.Chunks)-p.last.Cached, len(plan.Chunks), p.last.Cached)
	}
}

func (p *progress) json(v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(p.w, "%s\n", b)
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
