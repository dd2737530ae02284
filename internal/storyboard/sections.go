package storyboard

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/presets"
)

func (d *decoder) decodeFile(file *ast.File, sb *Storyboard) {
	var docs []*ast.DocumentNode
	for _, doc := range file.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		d.add(Pos{}, "the storyboard is empty: it needs at least a slides: list (see kenburns init)")
		return
	}
	if len(docs) > 1 {
		d.add(pos(docs[1].Body), "a storyboard is one YAML document: remove this second one (or the --- before it)")
	}
	top, ok := d.fields(docs[0].Body, "the storyboard", "output", "defaults", "music", "slides", "seed", "engine", "background", "music_fit", "sync", "sync_min")
	if !ok {
		return
	}
	if f, ok := top["output"]; ok {
		d.decodeOutput(f.value, sb)
	}
	if f, ok := top["defaults"]; ok {
		d.slide = "defaults: "
		sb.Defaults, sb.where = d.decodeSettings(f.value, "defaults", sb)
		d.slide = ""
	}
	d.decodeMusicSettings(top, sb)
	if f, ok := top["seed"]; ok {
		if s, ok := d.integer(f.value, "seed"); ok {
			sb.Seed = &s
		}
	}
	if f, ok := top["engine"]; ok {
		if name, ok := d.name(f.value, "engine", setting.EngineNames()); ok {
			sb.Engine = setting.Engine(name)
		}
	}
	if f, ok := top["background"]; ok {
		if s, ok := d.str(f.value, "background"); ok {
			c, err := setting.ParseColor(s)
			if err != nil {
				d.add(pos(f.value), "background: %v", err)
			} else {
				sb.Background = &c
			}
		}
	}
	f, ok := top["slides"]
	if !ok {
		d.add(Pos{}, "the storyboard has no slides: add a slides: list with one photo: entry per slide")
		return
	}
	seq, ok := d.resolve(f.value).(*ast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		d.add(pos(f.value), "slides must be a list of slides (lines starting with - photo: ...), not %s", kind(d.resolve(f.value)))
		return
	}
	for i, n := range seq.Values {
		d.decodeSlide(i, n, sb)
	}
}

func (d *decoder) decodeOutput(n ast.Node, sb *Storyboard) {
	fs, ok := d.fields(n, "output", "file", "size", "preset", "fps", "fade_in", "fade_out", "fade_color", "loop", "captions", "srt")
	if !ok {
		return
	}
	if f, ok := fs["file"]; ok {
		if s, ok := d.str(f.value, "output file"); ok {
			if s == "" {
				d.add(pos(f.value), "output file is empty")
			} else {
				sb.Output.File = sb.Resolve(s)
			}
		}
	}
	_, hasSize := fs["size"]
	if f, ok := fs["preset"]; ok {
		if hasSize {
			d.add(pos(f.key), "output has both size and preset: keep one")
		} else if s, ok := d.name(f.value, "output preset", presets.SizeNames()); ok {
			sb.Output.Width, sb.Output.Height, _ = presets.ParseSize(s)
		}
	}
	if f, ok := fs["size"]; ok {
		if s, ok := d.str(f.value, "output size"); ok {
			w, h, err := presets.ParseSize(s)
			if err != nil {
				d.add(pos(f.value), "output size: %v", err)
			} else {
				sb.Output.Width, sb.Output.Height = w, h
			}
		}
	}
	d.decodeOutputLook(fs, sb)
	d.decodeOutputCaptions(fs, sb)
	presetFPS(fs, sb)
	if f, ok := fs["fps"]; ok {
		// A frame rate is a whole number or a fraction such as 30000/1001;
		// either way one parser bounds it.
		switch d.resolve(f.value).(type) {
		case *ast.IntegerNode, *ast.FloatNode, *ast.StringNode:
		default:
			d.add(pos(f.value), "output fps must be a number such as 30 or a fraction such as 30000/1001, not %s", kind(d.resolve(f.value)))
			return
		}
		if s, ok := d.str(f.value, "output fps"); ok {
			if r, err := setting.ParseRate(s); err != nil {
				d.add(pos(f.value), "output fps: %v", err)
			} else {
				sb.Output.FPS = r
			}
		}
	}
}

// settingKeys are the keys both defaults and slides accept.
var settingKeys = []string{"duration", "transition", "fit", "motion", "zoom", "style"}

// decodeSettings decodes defaults; the map records each value's position.
func (d *decoder) decodeSettings(n ast.Node, what string, sb *Storyboard) (SlideSettings, map[string]Pos) {
	fs, ok := d.fields(n, what, settingKeys...)
	if !ok {
		return SlideSettings{}, map[string]Pos{}
	}
	return d.settingsFrom(fs, what, sb), wherePos(fs)
}

func wherePos(fs map[string]field) map[string]Pos {
	w := map[string]Pos{}
	for k, f := range fs {
		w[k] = pos(f.value)
	}
	return w
}

func (d *decoder) settingsFrom(fs map[string]field, what string, sb *Storyboard) SlideSettings {
	var s SlideSettings
	if f, ok := fs["style"]; ok {
		s.Style = d.decodeStyle(f.value, sb)
	}
	if f, ok := fs["duration"]; ok {
		if v, ok := d.seconds(f.value, "duration"); ok {
			if v <= 0 {
				d.add(pos(f.value), "duration must be longer than 0s")
			} else {
				s.Duration = &v
			}
		}
	}
	if f, ok := fs["transition"]; ok {
		s.Transition = d.decodeTransition(f.value)
	}
	if f, ok := fs["fit"]; ok {
		if name, ok := d.name(f.value, "fit", setting.FitNames()); ok {
			s.Fit = setting.Fit(name)
		}
	}
	if f, ok := fs["zoom"]; ok {
		if v, ok := d.num(f.value, "zoom"); ok {
			if err := setting.CheckZoom(v); err != nil {
				d.add(pos(f.value), "%v: the zoom of automatic and preset motions", err)
			} else {
				s.Zoom = v
			}
		}
	}
	if f, ok := fs["motion"]; ok {
		s.Motion = d.decodeMotion(f.value)
	}
	return s
}

func (d *decoder) decodeTransition(n ast.Node) *TransitionSetting {
	t := &TransitionSetting{Pos: pos(n)}
	if _, ok := d.resolve(n).(*ast.StringNode); ok {
		// The short form: transition: fade.
		t.Type, _ = d.transitionName(n)
		return t
	}
	fs, ok := d.fields(n, "transition", "type", "duration")
	if !ok {
		return nil
	}
	if f, ok := fs["type"]; ok {
		t.Type, _ = d.transitionName(f.value)
		t.Pos = pos(f.value)
	}
	if f, ok := fs["duration"]; ok {
		if v, ok := d.seconds(f.value, "transition duration"); ok {
			t.Duration = &v
			t.Pos = pos(f.value)
		}
	}
	return t
}

func (d *decoder) transitionName(n ast.Node) (string, bool) {
	s, ok := d.str(n, "transition type")
	if !ok {
		return "", false
	}
	if err := effects.CheckTransition(s); err != nil {
		d.add(pos(n), "%v", err)
		return "", false
	}
	return s, true
}

func motionNames() []string {
	return append([]string{presets.MotionAuto, presets.MotionRandom}, presets.MotionNames()...)
}

func (d *decoder) decodeMotion(n ast.Node) *MotionSpec {
	m := &MotionSpec{Pos: pos(n)}
	switch v := d.resolve(n).(type) {
	case *ast.StringNode:
		name, ok := d.name(v, "motion preset", motionNames())
		if !ok {
			return nil
		}
		m.Preset = name
	case *ast.SequenceNode:
		if len(v.Values) == 0 {
			d.add(pos(n), "motion has no keyframes: list at least one, or leave motion out for automatic motion")
			return nil
		}
		good := true
		for i, k := range v.Values {
			ks, ok := d.decodeKeyframe(k, fmt.Sprintf("keyframe %d", i+1), true)
			good = good && ok
			m.Keyframes = append(m.Keyframes, ks)
		}
		d.checkTimes(m.Keyframes)
		if !good {
			return nil
		}
	case *ast.MappingNode, *ast.MappingValueNode:
		fs, ok := d.fields(v, "motion", "from", "to", "ease")
		if !ok {
			return nil
		}
		from, okF := fs["from"]
		to, okT := fs["to"]
		if !okF || !okT {
			d.add(pos(n), "motion as a mapping needs both from: and to: (or write a list of keyframes)")
			return nil
		}
		a, ok1 := d.decodeKeyframe(from.value, "from", false)
		b, ok2 := d.decodeKeyframe(to.value, "to", false)
		if !ok1 || !ok2 {
			return nil
		}
		a.At = &Time{Fraction: 0, IsFraction: true}
		b.At = &Time{Fraction: 1, IsFraction: true}
		if e, ok := fs["ease"]; ok {
			b.Ease, _ = d.ease(e.value)
		}
		m.Keyframes = []KeyframeSpec{a, b}
		m.FromTo = true
	default:
		d.add(pos(n), "motion must be a preset name (zoom-in, pan-right, ...), a list of keyframes or {from: ..., to: ...}, not %s", kind(v))
		return nil
	}
	return m
}

func (d *decoder) ease(n ast.Node) (effects.Ease, bool) {
	s, ok := d.name(n, "ease", effects.EaseNames())
	if !ok {
		return effects.Linear, false
	}
	e, _ := effects.ParseEase(s)
	return e, true
}

func (d *decoder) decodeKeyframe(n ast.Node, what string, timed bool) (KeyframeSpec, bool) {
	k := KeyframeSpec{Pos: pos(n)}
	keys := []string{"zoom", "center", "rect"}
	if timed {
		keys = append([]string{"at"}, append(keys, "ease")...)
	}
	fs, ok := d.fields(n, what, keys...)
	if !ok {
		return k, false
	}
	good := true
	if f, ok := fs["at"]; ok {
		t, ok := d.at(f.value, what)
		good = good && ok
		k.At = t
	}
	if f, ok := fs["zoom"]; ok {
		k.ZoomPos = pos(f.value)
		if v, ok := d.num(f.value, what+": zoom"); !ok {
			good = false
		} else if v <= 0 {
			d.add(pos(f.value), "%s: zoom %g must be above 0 (1 = the largest window of the output's shape, 2 = twice as close)", what, v)
			good = false
		} else if err := setting.CheckKeyframeZoom(v); err != nil {
			d.add(pos(f.value), "%s: %v", what, err)
			good = false
		} else {
			k.Zoom = &v
		}
	}
	if f, ok := fs["center"]; ok {
		k.CenterPos = pos(f.value)
		if v, ok := d.numbers(f.value, what+": center", 2, "[x, y] as fractions of the photo, such as [0.5, 0.5]"); ok {
			k.Center = &[2]float64{v[0], v[1]}
		} else {
			good = false
		}
	}
	if f, ok := fs["rect"]; ok {
		k.CenterPos = pos(f.value)
		if k.Zoom != nil || k.Center != nil {
			d.add(pos(f.key), "%s: give either rect or zoom and center, not both", what)
			good = false
		} else if v, ok := d.numbers(f.value, what+": rect", 4, "[x, y, width, height] as fractions of the photo, such as [0, 0, 1, 0.5]"); ok {
			r := effects.Rect{X: v[0], Y: v[1], W: v[2], H: v[3]}
			if r.W <= 0 || r.H <= 0 {
				d.add(pos(f.value), "%s: rect width and height must be above 0", what)
				good = false
			} else if !r.Inside() {
				d.add(pos(f.value), "%s: rect %v leaves the photo: x+width and y+height must be at most 1", what, v)
				good = false
			} else {
				k.Rect = &r
			}
		} else {
			good = false
		}
	}
	if f, ok := fs["ease"]; ok {
		e, ok := d.ease(f.value)
		good = good && ok
		k.Ease = e
	}
	return k, good
}

func (d *decoder) numbers(n ast.Node, what string, count int, want string) ([]float64, bool) {
	seq, ok := d.resolve(n).(*ast.SequenceNode)
	if !ok || len(seq.Values) != count {
		d.add(pos(n), "%s must be %s", what, want)
		return nil, false
	}
	out := make([]float64, count)
	for i, v := range seq.Values {
		f, ok := d.num(v, what)
		if !ok {
			return nil, false
		}
		out[i] = f
	}
	return out, true
}

// at decodes a keyframe time: seconds (2.5s, 2.5, 500ms), a percentage of
// the slide (50%), start or end.
func (d *decoder) at(n ast.Node, what string) (*Time, bool) {
	n = d.resolve(n)
	t := &Time{Pos: pos(n)}
	if s, ok := n.(*ast.StringNode); ok {
		v := strings.TrimSpace(s.Value)
		switch {
		case v == "start":
			t.IsFraction = true
			return t, true
		case v == "end":
			t.IsFraction, t.Fraction = true, 1
			return t, true
		case strings.HasSuffix(v, "%"):
			f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				d.add(pos(n), "%s: at %q is not a percentage", what, v)
				return nil, false
			}
			if f < 0 || f > 100 {
				d.add(pos(n), "%s: at %s is outside the slide: want 0%% to 100%%", what, v)
				return nil, false
			}
			t.IsFraction, t.Fraction = true, f/100
			return t, true
		}
	}
	dur, ok := d.seconds(n, what+": at")
	if !ok {
		return nil, false
	}
	t.Seconds = dur.Seconds()
	return t, true
}

// checkTimes reports keyframes out of order; only the times written the
// same way (all seconds or all fractions) can be compared before the slide
// length is known, so mixed lists are checked again when planning.
func (d *decoder) checkTimes(ks []KeyframeSpec) {
	for i, k := range ks {
		if k.At == nil && i > 0 && i < len(ks)-1 {
			d.add(k.Pos, "keyframe %d has no at: only the first (at 0) and last (at the end) may leave it out", i+1)
		}
	}
}

func (d *decoder) decodeSlide(i int, n ast.Node, sb *Storyboard) {
	label := fmt.Sprintf("slide %d", i+1)
	d.slide = label + ": "
	defer func() { d.slide = "" }()
	s := Slide{Pos: pos(n)}
	var fs map[string]field
	if _, isStr := d.resolve(n).(*ast.StringNode); isStr {
		// The short form: - photos/a.jpg.
		fs = map[string]field{"photo": {key: n, value: n}}
	} else {
		var ok bool
		fs, ok = d.fields(n, "the slide", append([]string{"photo", "caption", "title", "subtitle", "background"}, settingKeys...)...)
		if !ok {
			sb.Slides = append(sb.Slides, s)
			return
		}
	}
	title := d.decodeText(fs, &s)
	f, ok := fs["photo"]
	if !ok && !title {
		d.add(pos(n), "no photo: add photo: path/to/photo.jpg (or title: \"...\" for a title slide)")
	} else if p, ok := d.str(f.value, "photo"); ok {
		d.slide = fmt.Sprintf("%s (%s): ", label, filepath.Base(p))
		s.Photo = sb.Resolve(p)
	}
	s.Setting = d.settingsFrom(fs, label, sb)
	s.where = wherePos(fs)
	sb.Slides = append(sb.Slides, s)
}
