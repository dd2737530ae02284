package slideshow

import (
	"github.com/kenburns/kenburns/internal/storyboard"
)

// fades sets the plan's fades from the options, on the placed timeline,
// and reports fades that cannot be: longer together than the video, or
// in a loop, which has no start or end to fade.
func (b *builder) fades() {
	o, p := b.opts, b.p
	p.FadeIn = Fade{Frames: p.FPS.Frame(o.FadeIn), Color: o.FadeColor}
	p.FadeOut = Fade{Frames: p.FPS.Frame(o.FadeOut), Color: o.FadeColor}
	at := b.sb.Output.FadePos
	if p.FadeIn.Frames == 0 && p.FadeOut.Frames == 0 {
		return
	}
	if p.Loop {
		if b.sb.Output.LoopPos != (storyboard.Pos{}) {
			at = b.sb.Output.LoopPos
		}
		b.ps.Add(at, "a loop has no start or end to fade from or to: leave out fade_in and fade_out (--fade-in, --fade-out) or loop")
		return
	}
	last := p.Slides[len(p.Slides)-1]
	if total := last.Start + last.Frames; p.FadeIn.Frames+p.FadeOut.Frames > total {
		b.ps.Add(at, "fade in (%s) and fade out (%s) together are longer than the video (%s): shorten them",
			fmtSeconds(o.FadeIn), fmtSeconds(o.FadeOut), fmtSeconds(p.FPS.Time(total)))
	}
}
