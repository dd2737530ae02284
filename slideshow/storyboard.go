package slideshow

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/presets"
)

// FitPan is a storyboard fit: crop, and pan along the photo's long axis
// even when its shape is close to the frame's.
const FitPan = "pan"

// Limits that keep a storyboard's plan sane whatever the file says.
const (
	maxSlideDuration = time.Hour
	maxZoom          = 100.0
	// maxNodes bounds the work of resolving aliases, so that a file of a
	// few lines cannot expand into billions of nodes.
	maxNodes = 100_000
)

// Pos is a place in a storyboard file, 1-based; the zero Pos is nowhere.
type Pos struct{ Line, Col int }

// Storyboard is a parsed, checked storyboard file: which photos to show,
// in what order, for how long and with what motion. Settings left out are
// nil or empty and come from the defaults, then from the program's.
type Storyboard struct {
	Path string // the file, as given
	Dir  string // the folder relative paths in the file start from

	Output     OutputSettings
	Defaults   SlideSettings
	Music      []Music
	Seed       *int64
	Engine     string
	Background *color.NRGBA
	Slides     []StoryboardSlide

	src   []byte
	where map[string]Pos // positions of top-level and defaults values, by key path
}

// OutputSettings is the storyboard's output section.
type OutputSettings struct {
	File          string // resolved against Dir; "" = the storyboard's name with .mp4
	Width, Height int    // 0 = not set
	FPS           int    // 0 = not set
}

// SlideSettings are what defaults and each slide may set.
type SlideSettings struct {
	Duration   *time.Duration
	Transition *TransitionSetting
	Fit        string      // "" = not set
	Motion     *MotionSpec // nil = not set
	Zoom       float64     // how far automatic and preset motions zoom; 0 = not set
}

// TransitionSetting is a transition as written: a type and a length.
type TransitionSetting struct {
	Type     string // "" = not set
	Duration *time.Duration
	Pos      Pos
}

// Music is one piece of music, played in order under the video.
type Music struct {
	File    string // resolved against Dir
	FadeOut *time.Duration
	Pos     Pos
}

// StoryboardSlide is one entry of slides.
type StoryboardSlide struct {
	Photo   string // resolved against Dir
	Info    *photo.Info
	Pos     Pos // of the entry
	Setting SlideSettings
	where   map[string]Pos
}

// MotionSpec is a motion as written: a named preset ("auto", "none",
// "zoom-in", ...) or keyframes.
type MotionSpec struct {
	Preset    string
	Keyframes []KeyframeSpec
	Pos       Pos
	fromTo    bool // written as {from: ..., to: ...}
}

// KeyframeSpec is a keyframe as written. Nil fields were left out and
// repeat the previous keyframe's value (the first keyframe's default is the
// base window at the centre), so a keyframe with only a time is a hold.
type KeyframeSpec struct {
	At                      *Time
	Zoom                    *float64
	Center                  *[2]float64
	Rect                    *effects.Rect
	Ease                    effects.Ease
	Pos, ZoomPos, CenterPos Pos
}

// Time is a moment of a slide: seconds from its start, or a fraction of it.
type Time struct {
	Seconds    float64
	Fraction   float64
	IsFraction bool
	Pos        Pos
}

// String formats t as written.
func (t Time) String() string {
	if t.IsFraction {
		return strconv.FormatFloat(t.Fraction*100, 'g', -1, 64) + "%"
	}
	return strconv.FormatFloat(t.Seconds, 'g', -1, 64) + "s"
}

// LoadStoryboard reads, parses and checks the storyboard at path. It
// returns every problem at once as a *StoryboardError; the storyboard is
// returned with it when the file could be parsed at all.
func LoadStoryboard(path string) (*Storyboard, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		reason := err
		if errors.Is(err, fs.ErrNotExist) {
			reason = errors.New("no such file")
		}
		return nil, fmt.Errorf("%w: read storyboard %s: %w", ErrInvalid, path, reason)
	}
	return ParseStoryboard(path, src)
}

// ParseStoryboard is LoadStoryboard for a file already read: path names it
// in messages and relative paths in it start from path's folder.
func ParseStoryboard(path string, src []byte) (sb *Storyboard, err error) {
	// The YAML parser counts a lone CR (old Mac files) as a line break;
	// normalising first keeps reported lines and the quoted source in step.
	src = normalizeNewlines(src)
	d := &decoder{ps: problems{file: path}, anchors: map[string]ast.Node{}}
	sb = &Storyboard{Path: path, Dir: filepath.Dir(path), src: src, where: map[string]Pos{}}
	file, perr := parse(src)
	if perr != nil {
		var se *yaml.SyntaxError
		if errors.As(perr, &se) && se.Token != nil && se.Token.Position != nil {
			d.ps.add(Pos{se.Token.Position.Line, se.Token.Position.Column}, "%s", se.Message)
		} else {
			d.ps.add(Pos{}, "cannot parse YAML: %v", perr)
		}
		return nil, d.ps.err(src)
	}
	d.decodeFile(file, sb)
	if len(sb.Slides) > 0 {
		// Timing and framing depend on the output, so they are checked by
		// planning with the storyboard's own settings. After problems in
		// the file, only those with a place are added: a problem without
		// one is likely a consequence.
		clean := len(d.ps.list) == 0
		_, probs := sb.plan(sb.Options(DefaultOptions()))
		for _, p := range probs {
			if clean || p.Line != 0 {
				d.ps.list = append(d.ps.list, p)
			}
		}
	}
	if err := d.ps.err(src); err != nil {
		return sb, err
	}
	return sb, nil
}

// parse runs the YAML parser, which is third-party code fed untrusted
// bytes: a panic in it becomes an ordinary error.
func parse(src []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("YAML parser failed: %v", r)
		}
	}()
	return parser.ParseBytes(src, 0)
}

// decoder walks the YAML syntax tree, so that every value keeps its line
// and column and every problem is reported, not just the first.
type decoder struct {
	ps      problems
	anchors map[string]ast.Node
	nodes   int
	slide   string // "slide 3 (dock.jpg): " while decoding a slide
}

func (d *decoder) add(at Pos, format string, args ...any) {
	d.ps.add(at, d.slide+format, args...)
}

func pos(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	t := n.GetToken()
	if t == nil || t.Position == nil {
		return Pos{}
	}
	return Pos{t.Position.Line, t.Position.Column}
}

// resolve strips anchors and tags and follows aliases.
func (d *decoder) resolve(n ast.Node) ast.Node {
	for i := 0; i < 100 && n != nil; i++ {
		d.nodes++
		switch v := n.(type) {
		case *ast.AnchorNode:
			if v.Name != nil {
				d.anchors[v.Name.GetToken().Value] = v.Value
			}
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if v.Value != nil {
				name = v.Value.GetToken().Value
			}
			target, ok := d.anchors[name]
			if !ok {
				d.add(pos(n), "alias *%s: no anchor &%s before it", name, name)
				return nil
			}
			n = target
		default:
			return n
		}
	}
	return n
}

func kind(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "text"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "true/false"
	}
	return "a " + n.Type().String()
}

// field is one key: value of a mapping.
type field struct {
	key   ast.Node
	value ast.Node
}

// fields returns a mapping's entries by key, reporting keys not in known
// with the nearest known key as a suggestion. Merge keys (<<: *base) are
// followed; the mapping's own keys win.
func (d *decoder) fields(n ast.Node, what string, known ...string) (map[string]field, bool) {
	if n = d.resolve(n); n == nil {
		return nil, false // a broken alias, already reported
	}
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.add(pos(n), "%s must be a mapping (key: value lines or {key: value}), not %s", what, kind(n))
		return nil, false
	}
	out := map[string]field{}
	var merged []map[string]field
	for _, mv := range values {
		if d.nodes > maxNodes {
			d.add(pos(mv), "the file expands to too many values (aliases?); simplify it")
			return out, false
		}
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			m, ok := d.fields(mv.Value, "the value merged by <<", known...)
			if ok {
				merged = append(merged, m)
			}
			continue
		}
		k := d.resolve(mv.Key)
		name := ""
		if k != nil {
			name = k.GetToken().Value
		}
		if !contains(known, name) {
			msg := fmt.Sprintf("unknown key %q in %s", name, what)
			if s := effects.Closest(name, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += " (known keys: " + strings.Join(known, ", ") + ")"
			}
			d.add(pos(mv.Key), "%s", msg)
			continue
		}
		out[name] = field{key: mv.Key, value: mv.Value}
	}
	for _, m := range merged {
		for k, f := range m {
			if _, ok := out[k]; !ok {
				out[k] = f
			}
		}
	}
	return out, true
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// str decodes text; numbers are taken as their text, since a file name
// such as 2024 is still a name.
func (d *decoder) str(n ast.Node, what string) (string, bool) {
	if n = d.resolve(n); n == nil {
		return "", false
	}
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode:
		return v.GetToken().Value, true
	}
	d.add(pos(n), "%s must be text, not %s", what, kind(n))
	return "", false
}

// name decodes one of a list of names, suggesting the nearest for a typo.
func (d *decoder) name(n ast.Node, what string, names []string) (string, bool) {
	s, ok := d.str(n, what)
	if !ok {
		return "", false
	}
	if contains(names, s) {
		return s, true
	}
	msg := fmt.Sprintf("unknown %s %q", what, s)
	if c := effects.Closest(s, names); c != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", c)
	} else if len(names) <= 8 {
		msg += " (want " + strings.Join(names, ", ") + ")"
	}
	d.add(pos(n), "%s", msg)
	return "", false
}

func (d *decoder) num(n ast.Node, what string) (float64, bool) {
	n = d.resolve(n)
	var f float64
	switch v := n.(type) {
	case *ast.IntegerNode:
		switch x := v.Value.(type) {
		case int64:
			f = float64(x)
		case uint64:
			f = float64(x)
		default:
			d.add(pos(n), "%s: %s is not a number", what, v.GetToken().Value)
			return 0, false
		}
	case *ast.FloatNode:
		f = v.Value
	case *ast.InfinityNode, *ast.NanNode:
		d.add(pos(n), "%s must be a finite number", what)
		return 0, false
	default:
		d.add(pos(n), "%s must be a number, not %s", what, kind(n))
		return 0, false
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		d.add(pos(n), "%s must be a finite number", what)
		return 0, false
	}
	return f, true
}

func (d *decoder) integer(n ast.Node, what string) (int64, bool) {
	n = d.resolve(n)
	if v, ok := n.(*ast.IntegerNode); ok {
		switch x := v.Value.(type) {
		case int64:
			return x, true
		case uint64:
			if x <= math.MaxInt64 {
				return int64(x), true
			}
		}
		d.add(pos(n), "%s: %s is too large", what, v.GetToken().Value)
		return 0, false
	}
	if v, ok := n.(*ast.FloatNode); ok {
		d.add(pos(n), "%s must be a whole number, not %s", what, v.GetToken().Value)
		return 0, false
	}
	d.add(pos(n), "%s must be a whole number, not %s", what, kind(n))
	return 0, false
}

// seconds decodes a length: 4s, 1.5s, 500ms, 1m, or a plain number of
// seconds.
func (d *decoder) seconds(n ast.Node, what string) (time.Duration, bool) {
	n = d.resolve(n)
	var secs float64
	switch v := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		f, ok := d.num(v, what)
		if !ok {
			return 0, false
		}
		secs = f
	case *ast.StringNode:
		dur, err := time.ParseDuration(strings.TrimSpace(v.Value))
		if err != nil {
			d.add(pos(n), "%s %q is not a length of time: write 4s, 1.5s, 500ms or a plain number of seconds", what, v.Value)
			return 0, false
		}
		secs = dur.Seconds()
	default:
		d.add(pos(n), "%s must be a length of time such as 4s, not %s", what, kind(n))
		return 0, false
	}
	if secs < 0 {
		d.add(pos(n), "%s must not be negative", what)
		return 0, false
	}
	if secs > maxSlideDuration.Seconds() {
		d.add(pos(n), "%s %gs is too long: at most %s", what, secs, maxSlideDuration)
		return 0, false
	}
	return time.Duration(math.Round(secs * float64(time.Second))), true
}

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
	top, ok := d.fields(docs[0].Body, "the storyboard", "output", "defaults", "music", "slides", "seed", "engine", "background")
	if !ok {
		return
	}
	if f, ok := top["output"]; ok {
		d.decodeOutput(f.value, sb)
	}
	if f, ok := top["defaults"]; ok {
		d.slide = "defaults: "
		sb.Defaults, sb.where = d.decodeSettings(f.value, "defaults")
		d.slide = ""
	}
	if f, ok := top["music"]; ok {
		d.decodeMusic(f.value, sb)
	}
	if f, ok := top["seed"]; ok {
		if s, ok := d.integer(f.value, "seed"); ok {
			sb.Seed = &s
		}
	}
	if f, ok := top["engine"]; ok {
		sb.Engine, _ = d.name(f.value, "engine", []string{EngineSmooth, EngineZoompan})
	}
	if f, ok := top["background"]; ok {
		if s, ok := d.str(f.value, "background"); ok {
			c, err := ParseColor(s)
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
	fs, ok := d.fields(n, "output", "file", "size", "preset", "fps")
	if !ok {
		return
	}
	if f, ok := fs["file"]; ok {
		if s, ok := d.str(f.value, "output file"); ok {
			if s == "" {
				d.add(pos(f.value), "output file is empty")
			} else {
				sb.Output.File = sb.resolve(s)
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
	if f, ok := fs["fps"]; ok {
		if v, ok := d.integer(f.value, "output fps"); ok {
			if v < 1 || v > 240 {
				d.add(pos(f.value), "output fps %d: want 1 to 240", v)
			} else {
				sb.Output.FPS = int(v)
			}
		}
	}
}

func (d *decoder) decodeMusic(n ast.Node, sb *Storyboard) {
	seq, ok := d.resolve(n).(*ast.SequenceNode)
	if !ok {
		d.add(pos(n), "music must be a list of files ([{file: theme.mp3}] or - file: lines), not %s", kind(d.resolve(n)))
		return
	}
	for i, e := range seq.Values {
		what := fmt.Sprintf("music %d", i+1)
		m := Music{Pos: pos(e)}
		var fileNode ast.Node
		if _, isStr := d.resolve(e).(*ast.StringNode); isStr {
			fileNode = e
		} else {
			fs, ok := d.fields(e, what, "file", "fade_out")
			if !ok {
				continue
			}
			f, ok := fs["file"]
			if !ok {
				d.add(pos(e), "%s has no file: add file: music.mp3", what)
				continue
			}
			fileNode = f.value
			if f, ok := fs["fade_out"]; ok {
				if v, ok := d.seconds(f.value, what+" fade_out"); ok {
					m.FadeOut = &v
					if i != len(seq.Values)-1 {
						d.add(pos(f.key), "%s: fade_out fades the end of the video, so it belongs on the last music entry", what)
					}
				}
			}
		}
		s, ok := d.str(fileNode, what+" file")
		if !ok {
			continue
		}
		m.File = sb.resolve(s)
		if st, err := os.Stat(m.File); err != nil {
			d.add(pos(fileNode), "%s: %s: %v: check the path (it is relative to the storyboard)", what, s, statReason(err))
		} else if st.IsDir() {
			d.add(pos(fileNode), "%s: %s is a folder, not an audio file", what, s)
		}
		sb.Music = append(sb.Music, m)
	}
}

// settingKeys are the keys both defaults and slides accept.
var settingKeys = []string{"duration", "transition", "fit", "motion", "zoom"}

// fitNames are the fits a storyboard accepts.
func fitNames() []string { return []string{FitCrop, FitPad, FitBlur, FitPan, FitAuto} }

// decodeSettings decodes defaults; the map records each value's position.
func (d *decoder) decodeSettings(n ast.Node, what string) (SlideSettings, map[string]Pos) {
	fs, ok := d.fields(n, what, settingKeys...)
	if !ok {
		return SlideSettings{}, map[string]Pos{}
	}
	return d.settingsFrom(fs, what), wherePos(fs)
}

func wherePos(fs map[string]field) map[string]Pos {
	w := map[string]Pos{}
	for k, f := range fs {
		w[k] = pos(f.value)
	}
	return w
}

func (d *decoder) settingsFrom(fs map[string]field, what string) SlideSettings {
	var s SlideSettings
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
		s.Fit, _ = d.name(f.value, "fit", fitNames())
	}
	if f, ok := fs["zoom"]; ok {
		if v, ok := d.num(f.value, "zoom"); ok {
			if v < 1 || v > 10 {
				d.add(pos(f.value), "zoom %g: the zoom of automatic and preset motions must be 1 to 10", v)
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

func motionNames() []string { return append([]string{"auto"}, presets.MotionNames()...) }

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
		m.fromTo = true
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
		} else if v > maxZoom {
			d.add(pos(f.value), "%s: zoom %g is more than %g", what, v, maxZoom)
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
	s := StoryboardSlide{Pos: pos(n)}
	var fs map[string]field
	if _, isStr := d.resolve(n).(*ast.StringNode); isStr {
		// The short form: - photos/a.jpg.
		fs = map[string]field{"photo": {key: n, value: n}}
	} else {
		var ok bool
		fs, ok = d.fields(n, "the slide", append([]string{"photo"}, settingKeys...)...)
		if !ok {
			sb.Slides = append(sb.Slides, s)
			return
		}
	}
	f, ok := fs["photo"]
	if !ok {
		d.add(pos(n), "no photo: add photo: path/to/photo.jpg")
	} else if p, ok := d.str(f.value, "photo"); ok {
		d.slide = fmt.Sprintf("%s (%s): ", label, filepath.Base(p))
		s.Photo = sb.resolve(p)
		info, err := photo.Probe(s.Photo, 0)
		if err != nil {
			reason := err
			var pe *os.PathError
			if errors.As(err, &pe) {
				reason = statReason(pe.Err)
			}
			d.add(pos(f.value), "photo %s: %v: check the path (it is relative to the storyboard)", p, reason)
		} else {
			s.Info = &info
		}
	}
	s.Setting = d.settingsFrom(fs, label)
	s.where = wherePos(fs)
	sb.Slides = append(sb.Slides, s)
}

// resolve makes a path from the file relative to the storyboard's folder.
func (sb *Storyboard) resolve(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(sb.Dir, p)
}

// ParseColor parses a colour: black, white, gray or #rrggbb.
func ParseColor(s string) (color.NRGBA, error) {
	switch strings.ToLower(s) {
	case "black":
		return color.NRGBA{0, 0, 0, 255}, nil
	case "white":
		return color.NRGBA{255, 255, 255, 255}, nil
	case "gray", "grey":
		return color.NRGBA{128, 128, 128, 255}, nil
	}
	h := strings.TrimPrefix(s, "#")
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 6 {
		return color.NRGBA{}, fmt.Errorf("%q is not a colour: write black, white or #rrggbb", s)
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, nil
}

// normalizeNewlines turns CRLF and lone CR line breaks into LF.
func normalizeNewlines(src []byte) []byte {
	if !bytes.ContainsRune(src, '\r') {
		return src
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
}
