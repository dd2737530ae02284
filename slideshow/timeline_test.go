package slideshow

import (
	"fmt"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
)

// TestExactTimeline plans slideshows at every common frame rate with
// fractional durations and transitions: the video must have exactly
// round((Σ durations − Σ transitions) × fps) frames, every slide must start
// at round(its exact start × fps), and the chunks must add up. Rounding
// slide by slide, as the planner once did, is off by frames here (a
// 5-slide plan at 15 fps had 118 frames instead of 120).
func TestExactTimeline(t *testing.T) {
	rates := []setting.Rate{{Num: 15, Den: 1}, {Num: 24, Den: 1}, {Num: 25, Den: 1}, {Num: 30000, Den: 1001}, {Num: 30, Den: 1}, {Num: 60, Den: 1}}
	shapes := []struct {
		n          int
		dur, trans time.Duration
	}{
		{5, 2 * time.Second, 500 * time.Millisecond},
		{7, 2300 * time.Millisecond, 700 * time.Millisecond},
		{4, 1033 * time.Millisecond, 516 * time.Millisecond},
		{200, 2 * time.Second, 500 * time.Millisecond},
		{200, 3170 * time.Millisecond, 1010 * time.Millisecond},
		{3, 4 * time.Second, 0},
	}
	for _, r := range rates {
		for _, sh := range shapes {
			t.Run(fmt.Sprintf("%s-fps/%dx%s-%s", r, sh.n, sh.dur, sh.trans), func(t *testing.T) {
				o := DefaultOptions()
				o.FPS, o.Duration, o.TransitionDuration = r, sh.dur, sh.trans
				if sh.trans == 0 {
					o.Transition = "none"
				}
				p := planN(t, sh.n, o)
				total := time.Duration(sh.n)*sh.dur - time.Duration(sh.n-1)*sh.trans
				if want := exactFrames(total, r); p.Frames != want {
					t.Fatalf("video has %d frames, want round(%s × %s) = %d", p.Frames, total, r, want)
				}
				start := time.Duration(0)
				sum := 0
				for i, s := range p.Slides {
					if want := exactFrames(start, r); s.Start != want {
						t.Fatalf("slide %d starts at frame %d, want %d", i+1, s.Start, want)
					}
					if end := exactFrames(start+sh.dur, r); s.Start+s.Frames != end {
						t.Fatalf("slide %d ends at frame %d, want %d", i+1, s.Start+s.Frames, end)
					}
					if i+1 < len(p.Slides) {
						if next := exactFrames(start+sh.dur-sh.trans, r); s.Start+s.Frames-s.Out.Frames != next {
							t.Fatalf("slide %d: transition starts at frame %d, want %d", i+1, s.Start+s.Frames-s.Out.Frames, next)
						}
					}
					start += sh.dur - sh.trans
					c := p.Chunks[i]
					if c.First != sum {
						t.Fatalf("chunk %d starts at %d, want %d", i+1, c.First, sum)
					}
					sum += c.Frames
				}
				if sum != p.Frames {
					t.Fatalf("chunks add up to %d frames, want %d", sum, p.Frames)
				}
				if got, want := p.Duration(), r.Time(p.Frames); got != want {
					t.Errorf("Duration() = %s, want %s", got, want)
				}
			})
		}
	}
}

// TestTimelineIssueExample is the case reported in issue 8: 5 photos of 2 s
// with 0.5 s transitions at 15 fps are 8 s, 120 frames.
func TestTimelineIssueExample(t *testing.T) {
	o := DefaultOptions()
	o.FPS, o.Duration, o.TransitionDuration = setting.Rate{Num: 15, Den: 1}, 2*time.Second, 500*time.Millisecond
	if p := planN(t, 5, o); p.Frames != 120 || p.Duration() != 8*time.Second {
		t.Errorf("%d frames (%s), want 120 (8s)", p.Frames, p.Duration())
	}
}

// exactFrames is round(d × r) computed with rationals, independently of
// setting.Rate.Frame.
func exactFrames(d time.Duration, r setting.Rate) int {
	x := new(big.Rat).SetFrac(big.NewInt(int64(d)*int64(r.Num)), big.NewInt(int64(time.Second)*int64(r.Den)))
	f, _ := x.Float64()
	return int(math.Floor(f + 0.5))
}

func planN(t *testing.T, n int, o Options) *Plan {
	t.Helper()
	p, err := buildN(t, n, o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// buildN plans n made-up photos of varied shapes.
func buildN(t *testing.T, n int, o Options) (*Plan, error) {
	t.Helper()
	var ps []photo.Info
	for i := 0; i < n; i++ {
		ps = append(ps, photo.Info{Path: fmt.Sprintf("p%03d.jpg", i), Format: "jpeg", Orientation: 1, Width: 4000 - i%3*1000, Height: 3000})
	}
	return Build(t.Context(), FromPhotos(ps), o)
}
