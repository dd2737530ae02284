package slideshow

import (
	"fmt"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
)

// TestLoopTimeline plans loops at several rates: the video has
// round((Σ durations − n × transition) × fps) frames (one transition
// more than without a loop), starts where the last slide's transition
// into the first ends, and its chunks tile it, the last one leading into
// slide 1.
func TestLoopTimeline(t *testing.T) {
	rates := []setting.Rate{{Num: 24, Den: 1}, {Num: 30000, Den: 1001}, {Num: 30, Den: 1}}
	shapes := []struct {
		n          int
		dur, trans time.Duration
	}{
		{1, 2 * time.Second, 500 * time.Millisecond},
		{3, 1 * time.Second, 300 * time.Millisecond},
		{7, 2300 * time.Millisecond, 700 * time.Millisecond},
		{50, 3170 * time.Millisecond, 1010 * time.Millisecond},
	}
	for _, r := range rates {
		for _, sh := range shapes {
			t.Run(fmt.Sprintf("%s-fps/%dx%s-%s", r, sh.n, sh.dur, sh.trans), func(t *testing.T) {
				o := DefaultOptions()
				o.FPS, o.Duration, o.TransitionDuration, o.Loop = r, sh.dur, sh.trans, true
				p := planN(t, sh.n, o)
				total := time.Duration(sh.n) * (sh.dur - sh.trans)
				if want := exactFrames(total, r); p.Frames != want {
					t.Fatalf("video has %d frames, want round(%s × %s) = %d", p.Frames, total, r, want)
				}
				last := p.Slides[sh.n-1]
				if last.Out.Frames == 0 || p.Slides[0].Start != -last.Out.Frames {
					t.Fatalf("last transition %d frames, first slide starts at %d", last.Out.Frames, p.Slides[0].Start)
				}
				if p.Next(sh.n-1) != 0 || p.Prev(0) != sh.n-1 {
					t.Errorf("Next(last) = %d, Prev(0) = %d", p.Next(sh.n-1), p.Prev(0))
				}
				first := p.Chunks[0]
				if first.Start != last.Out.Frames || first.First != 0 {
					t.Errorf("first chunk %+v, want slide frame %d at video frame 0", first, last.Out.Frames)
				}
				c := p.Chunks[len(p.Chunks)-1]
				if c.First+c.Frames != p.Frames {
					t.Errorf("last chunk ends at %d, the video at %d", c.First+c.Frames, p.Frames)
				}
			})
		}
	}
}

// TestLoopOptions checks what a loop changes and allows: without it the
// plan is unchanged; with it the last slide may set a transition.
func TestLoopOptions(t *testing.T) {
	o := DefaultOptions()
	plain := planN(t, 4, o)
	if plain.Loop || plain.Slides[3].Out.Frames != 0 || plain.Slides[0].Start != 0 {
		t.Fatalf("a plan without loop: %+v", plain.Slides[3].Out)
	}
	sb := parseSB(t, "output: {loop: true}\nslides:\n  - photos/01-mandelbrot.jpg\n  - {photo: photos/02-gradients.jpg, transition: {type: wipeleft, duration: 0.5s}}\n")
	p, err := Build(t.Context(), sb, StoryboardOptions(sb, DefaultOptions()))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Loop || p.Slides[1].Out.Name != "wipeleft" || p.Slides[1].Out.Frames != 15 {
		t.Errorf("loop %v, last transition %+v", p.Loop, p.Slides[1].Out)
	}
}
