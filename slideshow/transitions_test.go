package slideshow

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/effects"
)

func transitionsOf(p *Plan) []string {
	var names []string
	for _, s := range p.Slides {
		names = append(names, s.Out.Name)
	}
	return names
}

func keyframesOf(p *Plan) [][]effects.Keyframe {
	var ks [][]effects.Keyframe
	for _, s := range p.Slides {
		ks = append(ks, s.Motion.Keyframes)
	}
	return ks
}

// TestRandomTransitions checks "random": reproducible from the seed,
// never the same twice in a row, only known xfade names, another seed
// another sequence, and the automatic motions exactly those of the same
// plan with a fixed transition (a stream of its own).
func TestRandomTransitions(t *testing.T) {
	for _, seed := range []int64{1, 2, 42} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			o := DefaultOptions()
			o.Seed, o.Transition = seed, effects.Random
			a, b := planN(t, 60, o), planN(t, 60, o)
			names := transitionsOf(a)
			if !slices.Equal(names, transitionsOf(b)) {
				t.Fatalf("the same seed gives %v and %v", names, transitionsOf(b))
			}
			if last := names[len(names)-1]; last != effects.None {
				t.Errorf("the last slide leads into nothing, yet has %s", last)
			}
			seen := map[string]bool{}
			for i, n := range names[:len(names)-1] {
				if effects.CheckTransition(n) != nil || n == effects.Random || n == effects.None {
					t.Fatalf("slide %d: %q is not an xfade transition", i+1, n)
				}
				if i > 0 && n == names[i-1] {
					t.Errorf("slides %d and %d both have %s", i, i+1, n)
				}
				seen[n] = true
			}
			if len(seen) < 20 {
				t.Errorf("59 random transitions use only %d names", len(seen))
			}
			o.Seed = seed + 1
			if slices.Equal(names, transitionsOf(planN(t, 60, o))) {
				t.Error("another seed gives the same transitions")
			}
			o.Seed, o.Transition = seed, "fade"
			if !slices.EqualFunc(keyframesOf(a), keyframesOf(planN(t, 60, o)), slices.Equal) {
				t.Error("random transitions changed the automatic motions")
			}
		})
	}
}

// TestUnknownTransitionOption checks a flag's transition: unknown names
// are refused with a suggestion; a newer ffmpeg's name passes when the
// installed list has it.
func TestUnknownTransitionOption(t *testing.T) {
	tests := []struct {
		name, transition string
		xfades           []string
		want             string // "" = valid
	}{
		{"typo", "fdae", nil, `unknown transition "fdae" (did you mean "fade"?)`},
		{"random typo", "randmo", nil, `did you mean "random"?`},
		{"newer ffmpeg", "hlwind", append(effects.XfadeNames(), "hlwind"), ""},
		{"older list", "hlwind", nil, `unknown transition "hlwind"`},
		{"none", "none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Transition, o.Xfades = tt.transition, tt.xfades
			_, err := buildN(t, 3, o)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v, want %q and ErrInvalid", err, tt.want)
			}
		})
	}
}
