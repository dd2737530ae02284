package slideshow

import (
	"testing"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
)

// TestExcerpt checks that the excerpt of each slide is that slide's frames
// exactly: the neighbours appear only inside the transitions, with the
// windows they have there in the full plan.
func TestExcerpt(t *testing.T) {
	o := DefaultOptions()
	o.Duration, o.TransitionDuration, o.FPS = 3*time.Second, 700*time.Millisecond, setting.Rate{Num: 10, Den: 1}
	o.Motion = "zoom-in-top-left"
	for _, transition := range []string{"fade", effects.None} {
		o.Transition = transition
		p, err := planPhotos(photos(), o)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range p.Slides {
			t.Run(transition+"/"+s.Photo.Path, func(t *testing.T) {
				e, err := p.Excerpt(i)
				if err != nil {
					t.Fatal(err)
				}
				if e.Frames != s.Frames || len(e.Music) != 0 {
					t.Fatalf("excerpt has %d frames (music %v), want the slide's %d and no music", e.Frames, e.Music, s.Frames)
				}
				// The slide's own place in the excerpt, and its chunk.
				k := 0
				if i > 0 && p.Slides[i-1].Out.Frames > 0 {
					k = 1
					prev, got := p.Slides[i-1], e.Slides[0]
					shift := prev.Frames - prev.Out.Frames
					for n := 0; n < got.Frames; n++ {
						if got.Motion.At(float64(n)) != prev.Motion.At(float64(n+shift)) {
							t.Fatalf("previous slide, excerpt frame %d: window differs from the plan's frame %d", n, n+shift)
						}
					}
				}
				if e.Slides[k].Start != 0 || e.Slides[k].Frames != s.Frames {
					t.Errorf("slide starts at %d with %d frames, want 0 and %d", e.Slides[k].Start, e.Slides[k].Frames, s.Frames)
				}
				wantChunks, wantSlides := k+1, k+1
				if s.Out.Frames > 0 {
					wantSlides++
				}
				if len(e.Chunks) != wantChunks || len(e.Slides) != wantSlides {
					t.Errorf("%d chunks and %d slides, want %d and %d", len(e.Chunks), len(e.Slides), wantChunks, wantSlides)
				}
				sum := 0
				for _, c := range e.Chunks {
					sum += c.Frames
				}
				if sum != s.Frames {
					t.Errorf("chunks hold %d frames, want %d", sum, s.Frames)
				}
			})
		}
	}
	if _, err := (&Plan{}).Excerpt(0); err == nil {
		t.Error("excerpt of a slide that does not exist: no error")
	}
}
