package effects

import (
	"fmt"
	"strconv"
	"strings"
)

// None is the transition name for a hard cut.
const None = "none"

// Random is the transition name that asks the planner for a different
// xfade transition at each slide, chosen reproducibly from the seed.
const Random = "random"

// TransitionNames lists every transition name kenburns accepts without
// asking ffmpeg: "none" and "random" first, then ffmpeg 5.1's xfade names.
func TransitionNames() []string {
	return append([]string{None, Random}, XfadeNames()...)
}

// CheckTransition returns nil if name is a transition kenburns can render
// with ffmpeg 5.1, the oldest ffmpeg it supports.
func CheckTransition(name string) error {
	return CheckTransitionIn(name, XfadeNames())
}

// CheckTransitionIn returns nil if name is "none", "random" or one of
// xfades, the xfade transitions of the ffmpeg that will render; otherwise
// an *UnknownError with the closest name.
func CheckTransitionIn(name string, xfades []string) error {
	names := append([]string{None, Random}, xfades...)
	for _, n := range names {
		if n == name {
			return nil
		}
	}
	return &UnknownError{Kind: "transition", Name: name, Suggest: Closest(name, names)}
}

// UnknownError reports a name that is not in a list, with the closest
// known name as a suggestion.
type UnknownError struct {
	Kind    string // "transition", "motion preset", ...
	Name    string
	Suggest string
}

func (e *UnknownError) Error() string {
	if e.Suggest != "" {
		return fmt.Sprintf("unknown %s %q (did you mean %q?)", e.Kind, e.Name, e.Suggest)
	}
	return fmt.Sprintf("unknown %s %q", e.Kind, e.Name)
}

// Closest returns the candidate nearest to name by edit distance, or "" if
// none is near enough to be a plausible typo.
func Closest(name string, candidates []string) string {
	best, bestD := "", len(name)/2+2
	for _, c := range candidates {
		if d := distance(strings.ToLower(name), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Xfade returns the xfade options joining two clips: the second starts
// blending in after offset frames and the blend lasts frames frames.
func Xfade(name string, offset, frames int, fps float64) map[string]any {
	return map[string]any{
		"transition": name,
		"offset":     Seconds(offset, fps),
		"duration":   Seconds(frames, fps),
	}
}

// Seconds formats frames/fps in seconds with enough digits to be exact to
// the frame, as ffmpeg options want.
func Seconds(frames int, fps float64) string {
	return strconv.FormatFloat(float64(frames)/fps, 'f', 6, 64)
}

// Escape escapes a value for use inside a filter option, where ':' would
// otherwise end the option and '\' and '\” start escapes.
func Escape(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, `:`, `\:`)
	return r.Replace(v)
}
