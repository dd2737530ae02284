package slideshow

import (
	"fmt"
	"slices"

	"github.com/kenburns/kenburns/effects"
)

// Excerpt returns the plan of slide i (0-based) as the video shows it, with
// its neighbouring transitions: the previous slide only for the frames of
// the transition into slide i, and the next slide only for the frames of
// the transition out of it. The excerpt has exactly slide i's Frames, and
// every frame is the one the full video shows at slide i's Start + n, so a
// draft of one slide needs no render of the others. Music is left out: it
// would start from its beginning, not where the slide plays.
func (p *Plan) Excerpt(i int) (*Plan, error) {
	if i < 0 || i >= len(p.Slides) {
		return nil, fmt.Errorf("slide %d: the plan has slides 1 to %d", i+1, len(p.Slides))
	}
	e := *p
	e.Music, e.Cuts = nil, nil
	e.Slides = nil
	// An excerpt is a piece of the video, not a loop; its fades would be
	// at the excerpt's ends, not the video's.
	e.Loop, e.FadeIn, e.FadeOut = false, Fade{}, Fade{}
	if pi := p.Prev(i); pi >= 0 && p.Slides[pi].Out.Frames > 0 {
		prev := p.Slides[pi]
		in := prev.Out.Frames
		// Keep only the last in frames: shift the keyframes so that
		// frame 0 of the excerpt shows what frame Frames-in showed.
		shift := float64(prev.Frames - in)
		prev.Motion.Keyframes = slices.Clone(prev.Motion.Keyframes)
		for k := range prev.Motion.Keyframes {
			prev.Motion.Keyframes[k].At -= shift
		}
		prev.Frames = in
		e.Slides = append(e.Slides, prev)
	}
	e.Slides = append(e.Slides, p.Slides[i])
	if out := p.Slides[i].Out.Frames; out > 0 {
		// The next slide's first out frames are all the transition shows.
		next := p.Slides[p.Next(i)]
		next.Frames = out
		next.Out = Transition{Name: effects.None}
		e.Slides = append(e.Slides, next)
	}
	e.Chunks = nil
	start := 0
	for k := range e.Slides {
		e.Slides[k].Start = start
		start += e.Slides[k].Frames - e.Slides[k].Out.Frames
	}
	e.Slides[len(e.Slides)-1].Out = Transition{Name: effects.None}
	if err := e.finish(); err != nil {
		return nil, err
	}
	// The next slide is shown only inside the transition of slide i's
	// chunk: it has no chunk of its own.
	e.Chunks = slices.DeleteFunc(e.Chunks, func(c Chunk) bool { return c.Frames == 0 })
	return &e, nil
}
