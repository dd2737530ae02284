package studio

import (
	"bytes"
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
	Op    string `json:"op"`    // keyframes, set, text, move, remove, add, title, music, track
	Slide int    `json:"slide"` // 0-based
	// music: Key is music_fit or sync (Value a name) or sync_min (Value
	// not "", Seconds its length). track: Track's Key is start, end,
	// fade_in, fade_out or crossfade (Seconds) or volume (Value in dB).
	// An empty Value removes the key.
	Track int `json:"track"` // 0-based
	// keyframes: the slide's keyframes, times in seconds and windows in
	// fractions of the photo.
	Keyframes []Keyframe `json:"keyframes"`
	// set: key is duration (Value in seconds), fit, motion (a preset
	// name), or transition (Value a type, Seconds its length); an empty
	// Value removes the key, so that the defaults apply.
	Key     string  `json:"key"`
	Value   string  `json:"value"`
	Seconds float64 `json:"seconds"`
	To      int     `json:"to"`    // move, title: the new place, 0-based
	Photo   string  `json:"photo"` // add: relative to the storyboard
	// text: Key is caption, or title, subtitle or background of a title
	// slide, and Value its text, any characters; "" removes the key.
	// title: a new title slide at To, with Title, Subtitle and Seconds.
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
}

// textKeys are the keys the text edit sets.
var textKeys = map[string]bool{"caption": true, "title": true, "subtitle": true, "background": true}

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
	if bytes.Equal(out, s.draft) {
		return nil // nothing changed: the file need not be saved
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
	case "text":
		return s.textEdit(e)
	case "music", "track":
		return s.musicEdit(e)
	case "title":
		if strings.TrimSpace(e.Title) == "" {
			return nil, fmt.Errorf("a title slide needs a title")
		}
		t := storyboard.TitleSlide{Title: e.Title, Subtitle: e.Subtitle}
		if e.Seconds < 0 || math.IsNaN(e.Seconds) || math.IsInf(e.Seconds, 0) {
			return nil, fmt.Errorf("title slide duration %g: want a positive number of seconds", e.Seconds)
		} else if e.Seconds > 0 {
			t.Duration = storyboard.DurationText(e.Seconds)
		}
		return s.lastWithoutTransition(storyboard.AddTitleSlide(s.draft, e.To, t))
	case "move":
		return s.lastWithoutTransition(storyboard.MoveSlide(s.draft, e.Slide, e.To))
	case "remove":
		return s.lastWithoutTransition(storyboard.RemoveSlide(s.draft, e.Slide))
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

// textEdit sets a caption, or a title slide's title, subtitle or
// background. Text the slide already has is left as written (a YAML block
// stays a block).
func (s *Server) textEdit(e Edit) ([]byte, error) {
	if !textKeys[e.Key] {
		return nil, fmt.Errorf("unknown text %q: want caption, title, subtitle or background", e.Key)
	}
	if s.sb != nil && e.Slide >= 0 && e.Slide < len(s.sb.Slides) {
		sl := s.sb.Slides[e.Slide]
		if e.Key == "caption" && sl.Caption == e.Value {
			return s.draft, nil
		}
		if e.Key != "caption" && sl.Title == nil {
			return nil, fmt.Errorf("slide %d is not a title slide: it has no %s", e.Slide+1, e.Key)
		}
		if t := sl.Title; t != nil && (e.Key == "title" && t.Text == e.Value || e.Key == "subtitle" && t.Subtitle == e.Value) {
			return s.draft, nil
		}
	}
	if e.Key == "title" && e.Value == "" {
		return nil, fmt.Errorf("slide %d: a title slide needs a title", e.Slide+1)
	}
	return storyboard.SetSlideText(s.draft, e.Slide, e.Key, e.Value)
}

// lastWithoutTransition removes the transition of the slide that a move
// or a removal made the last, as slideshow.Without does: outside a loop
// the last slide hands over to nothing, and validate would refuse it.
func (s *Server) lastWithoutTransition(out []byte, err error) ([]byte, error) {
	if err != nil || s.sb == nil || s.base.Loop || s.sb.Output.Loop != nil && *s.sb.Output.Loop {
		return out, err
	}
	sb, perr := storyboard.Parse(s.path, out)
	if sb == nil || len(sb.Slides) == 0 {
		return out, perr
	}
	return storyboard.SetSlideKey(out, len(sb.Slides)-1, "transition", "")
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
	if ps.Title != nil {
		return nil, fmt.Errorf("slide %d is a title slide: it has no windows to move", i+1)
	}
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
