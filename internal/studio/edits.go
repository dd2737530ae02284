package studio

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// Edit is one change the page asks for. Op says which; the other fields
// are those the op uses.
type Edit struct {
	Op    string `json:"op"`    // keyframes, set, move, remove, add
	Slide int    `json:"slide"` // 0-based
	// keyframes: the slide's keyframes, times in seconds and windows in
	// fractions of the photo.
	Keyframes []Keyframe `json:"keyframes"`
	// set: key is duration (Value in seconds), fit, motion (a preset
	// name), or transition (Value a type, Seconds its length); an empty
	// Value removes the key, so that the defaults apply.
	Key     string  `json:"key"`
	Value   string  `json:"value"`
	Seconds float64 `json:"seconds"`
	To      int     `json:"to"`    // move: the new place, 0-based
	Photo   string  `json:"photo"` // add: relative to the storyboard
}

// word is what a name set from the page may be: it is written into the
// file unquoted, and validation says whether it is a known one.
var word = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// apply makes the edit on the draft and plans it again. Called with mu
// held.
func (s *Server) apply(e Edit) error {
	out, err := s.edited(e)
	if err != nil {
		return err
	}
	s.draft = out
	s.saved = false
	s.replan(s.ctx)
	return nil
}

func (s *Server) edited(e Edit) ([]byte, error) {
	switch e.Op {
	case "keyframes":
		texts, err := s.keyframeTexts(e.Slide, e.Keyframes)
		if err != nil {
			return nil, err
		}
		return storyboard.SetKeyframes(s.draft, e.Slide, texts)
	case "set":
		value, err := setValue(e)
		if err != nil {
			return nil, err
		}
		return storyboard.SetSlideKey(s.draft, e.Slide, e.Key, value)
	case "move":
		return storyboard.MoveSlide(s.draft, e.Slide, e.To)
	case "remove":
		out, err := storyboard.RemoveSlide(s.draft, e.Slide)
		if err == nil && s.plan != nil && e.Slide == len(s.plan.Slides)-1 && e.Slide > 0 && !s.plan.Loop {
			// The slide now last hands over to nothing, as Without does.
			out, err = storyboard.SetSlideKey(out, e.Slide-1, "transition", "")
		}
		return out, err
	case "add":
		p := filepath.ToSlash(filepath.Clean(e.Photo))
		if e.Photo == "" || filepath.IsAbs(e.Photo) || strings.HasPrefix(p, "../") || p == ".." {
			return nil, fmt.Errorf("add %q: name a photo in the storyboard's folder", e.Photo)
		}
		if _, err := s.resolve(p, false); err != nil {
			return nil, fmt.Errorf("add %q: %w", e.Photo, err)
		}
		return storyboard.AddSlide(s.draft, p)
	}
	return nil, fmt.Errorf("unknown edit %q", e.Op)
}

// setValue writes a slide setting's value as the file will show it.
func setValue(e Edit) (string, error) {
	if e.Value == "" {
		return "", nil
	}
	switch e.Key {
	case "duration":
		if e.Seconds <= 0 || math.IsNaN(e.Seconds) {
			return "", fmt.Errorf("duration %g: want a positive number of seconds", e.Seconds)
		}
		return storyboard.DurationText(e.Seconds), nil
	case "fit", "motion":
		if !word.MatchString(e.Value) {
			return "", fmt.Errorf("%s %q: want a name", e.Key, e.Value)
		}
		return e.Value, nil
	case "transition":
		if !word.MatchString(e.Value) {
			return "", fmt.Errorf("transition %q: want a name", e.Value)
		}
		if e.Seconds <= 0 {
			return e.Value, nil
		}
		return fmt.Sprintf("{type: %s, duration: %s}", e.Value, storyboard.DurationText(e.Seconds)), nil
	}
	return "", fmt.Errorf("unknown setting %q: want duration, fit, motion or transition", e.Key)
}

// keyframeTexts writes the page's keyframes for SetKeyframes. When the
// slide's keyframes are a written list of as many, those the page did not
// change come back as "", so that their text (and comments) stay as the
// user wrote them.
func (s *Server) keyframeTexts(i int, ks []Keyframe) ([]string, error) {
	p := s.plan
	if p == nil || i < 0 || i >= len(p.Slides) || !s.valid {
		return nil, fmt.Errorf("slide %d: fix the storyboard's problems before moving windows", i+1)
	}
	if len(ks) == 0 || len(ks) > 1000 {
		return nil, fmt.Errorf("slide %d: want 1 to 1000 keyframes, not %d", i+1, len(ks))
	}
	ps := p.Slides[i]
	fps := p.FPS.Float()
	var spec []storyboard.KeyframeSpec
	if m := s.sb.Slides[i].Setting.Motion; m != nil && m.Preset == "" && !m.FromTo && len(m.Keyframes) == len(ks) {
		spec = m.Keyframes
	}
	texts := make([]string, len(ks))
	for k, kf := range ks {
		ease, err := effects.ParseEase(kf.Ease)
		if err != nil {
			return nil, fmt.Errorf("slide %d: keyframe %d: %w", i+1, k+1, err)
		}
		if bad(kf.At) || bad(kf.Win.X) || bad(kf.Win.Y) || bad(kf.Win.W) || bad(kf.Win.H) || kf.Win.W <= 0 || kf.Win.H <= 0 {
			return nil, fmt.Errorf("slide %d: keyframe %d: want finite numbers and a window of positive size", i+1, k+1)
		}
		at := storyboard.AtText(kf.At)
		asRect := false
		if spec != nil {
			old := ps.Motion.Keyframes[k]
			sameAt := math.Abs(old.At-kf.At*fps) < 0.5
			if sameAt && old.Ease == ease && near(ps.Motion.At(old.At), kf.Win.rect()) {
				continue // unchanged: its text stays
			}
			if sameAt && spec[k].At != nil {
				at = spec[k].At.String()
			}
			asRect = spec[k].Rect != nil
		}
		texts[k] = storyboard.KeyframeText(at, kf.Win.rect(), ps.Motion.Frame, asRect, ease)
	}
	return texts, nil
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// near reports windows equal to well below a pixel.
func near(a, b effects.Rect) bool {
	const eps = 1e-6
	return math.Abs(a.X-b.X) < eps && math.Abs(a.Y-b.Y) < eps && math.Abs(a.W-b.W) < eps && math.Abs(a.H-b.H) < eps
}
