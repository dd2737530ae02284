package slideshow

import (
	"math/rand/v2"

	"github.com/kenburns/kenburns/effects"
)

// randomTransitions chooses the transitions of slides that ask for
// "random". It draws from a stream of its own, derived from the seed but
// apart from autoMotion's, so that asking for random transitions never
// changes the automatic motions of a plan: a storyboard written by init
// renders as before, and golden plans stay put.
type randomTransitions struct {
	rng *rand.Rand
}

// transitionStream tells the random transitions' stream from the auto
// motions' one ("kenburns") for the same seed; it spells "trans".
const transitionStream = 0x7472616e73

func newRandomTransitions(seed int64) *randomTransitions {
	return &randomTransitions{rng: rand.New(rand.NewPCG(uint64(seed), transitionStream))}
}

// pick returns a transition other than prev, the transition into the
// slide, so that the same one never shows twice in a row. It chooses
// among ffmpeg 5.1's transitions whatever ffmpeg is installed, so that a
// seed gives the same video on every machine.
func (r *randomTransitions) pick(prev string) string {
	names := effects.XfadeNames()
	for i, n := range names {
		if n == prev {
			names = append(names[:i], names[i+1:]...)
			break
		}
	}
	return names[r.rng.IntN(len(names))]
}

// resolveTransition turns the transition name asked for slide i into the
// xfade name to render: "random" picks one unlike prev, the transition
// into the slide; a name is checked against the installed ffmpeg's
// transitions when the options carry them.
func (b *builder) resolveTransition(i int, name, prev string, random *randomTransitions) string {
	if name == effects.Random {
		return random.pick(prev)
	}
	if b.opts.Xfades != nil {
		if err := effects.CheckTransitionIn(name, b.opts.Xfades); err != nil {
			b.ps.Add(b.tpos[i], "%s%v", label(i, b.sb.Slides[i].Photo), err)
		}
	}
	return name
}
