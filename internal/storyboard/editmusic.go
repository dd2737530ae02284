package storyboard

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// The edits of the storyboard's own settings (music_fit, sync, sync_min)
// and of a music track's keys, made like the slides' edits: only the
// value's text changes, and the lines around it, comments included, stay.

// musicSettings are the top-level keys that belong with music:, in the
// order a new one is written after the others.
var musicSettings = []string{"music", "music_fit", "sync", "sync_min"}

// SetTopKey sets the storyboard's top-level key to value, a YAML scalar
// or flow collection as it should appear; "" removes the key's lines. A
// missing key is added after the music settings the file has, or else
// before slides: and the comments above it.
func SetTopKey(src []byte, key, value string) ([]byte, error) {
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	for j, mv := range d.root.Values {
		if keyName(mv) != key {
			continue
		}
		if value != "" {
			return d.replaceValue(d.root, j, value)
		}
		// Whole lines: the key's line through the value's last.
		from := d.starts[d.line(d.start(mv.Key))]
		end := d.off(mv) + 1
		if mv.Value != nil && !isNull(mv.Value) {
			end = d.end(mv.Value, d.start(mv.Key)-from)
		}
		to := min(len(d.src), d.lineEnd(d.line(end))+1)
		return reparse(d.splice(from, to, ""))
	}
	if value == "" {
		return d.src, nil
	}
	col := d.start(d.root) - d.starts[d.line(d.start(d.root))]
	pad := strings.Repeat(" ", col)
	var after *ast.MappingValueNode
	for _, mv := range d.root.Values {
		for _, k := range musicSettings {
			if keyName(mv) == k {
				after = mv
			}
		}
	}
	if after != nil {
		end := d.off(after) + 1
		if after.Value != nil && !isNull(after.Value) {
			end = d.end(after.Value, col)
		}
		at := d.lineEnd(d.line(end)) // after a comment on the value's last line
		return reparse(d.splice(at, at, "\n"+pad+key+": "+value))
	}
	var slides *ast.MappingValueNode
	for _, mv := range d.root.Values {
		if keyName(mv) == "slides" {
			slides = mv
		}
	}
	l := d.line(d.start(slides.Key))
	for l > 0 && strings.HasPrefix(strings.TrimSpace(d.text(l-1)), "#") {
		l--
	}
	return reparse(d.splice(d.starts[l], d.starts[l], pad+key+": "+value+"\n"))
}

// SetMusicKey sets key of music track i (0-based) to value, as
// SetSlideKey does for a slide; "" removes the key. A track written as
// just a file name becomes a mapping with file: first.
func SetMusicKey(src []byte, i int, key, value string) ([]byte, error) {
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	seq, err := d.music()
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= len(seq.Values) {
		return nil, fmt.Errorf("music %d: the storyboard has tracks 1 to %d", i+1, len(seq.Values))
	}
	n := seq.Values[i]
	switch n.(type) {
	case *ast.MappingNode, *ast.StringNode:
	default:
		return nil, fmt.Errorf("%w: music %d is written as %s; change it in a text editor", ErrCannotEdit, i+1, kind(n))
	}
	dash := d.off(seq) - d.starts[d.line(d.off(seq))]
	return d.setEntryKey(n, "file", dash, key, value)
}

// music is the storyboard's music list, refused unless written as "- "
// lines.
func (d *doc) music() (*ast.SequenceNode, error) {
	for _, mv := range d.root.Values {
		if keyName(mv) != "music" {
			continue
		}
		seq, ok := mv.Value.(*ast.SequenceNode)
		if !ok || seq.IsFlowStyle {
			return nil, fmt.Errorf("%w: music must be a list of \"- \" lines", ErrCannotEdit)
		}
		return seq, nil
	}
	return nil, fmt.Errorf("the storyboard has no music")
}

// TopField is where in a storyboard's settings a position falls: the
// top-level key whose entry holds it and, inside music:, the track
// (0-based, -1 for none) and that track's key.
type TopField struct {
	Key   string
	Track int
	Sub   string
}

// FieldAt finds the top-level entry holding line:col (1-based), for
// placing a problem at the field the studio shows; the zero TopField
// with Track -1 when the text does not parse or nothing holds it.
func FieldAt(src []byte, line, col int) TopField {
	f := TopField{Track: -1}
	d, err := rootDoc(src)
	if err != nil || line < 1 || line > len(d.starts) {
		return f
	}
	o := d.offAt(line, col)
	in := func(n ast.Node, indent int) bool {
		return d.start(n) <= o && o <= d.end(n, indent)
	}
	for _, mv := range d.root.Values {
		from := d.start(mv.Key)
		end := d.off(mv) + 1
		if mv.Value != nil && !isNull(mv.Value) {
			end = d.end(mv.Value, from-d.starts[d.line(from)])
		}
		if o < from || o > end {
			continue
		}
		f.Key = keyName(mv)
		seq, ok := mv.Value.(*ast.SequenceNode)
		if f.Key != "music" || !ok {
			return f
		}
		dash := d.off(seq) - d.starts[d.line(d.off(seq))]
		for i, n := range seq.Values {
			if !in(n, dash) {
				continue
			}
			f.Track = i
			if m, ok := n.(*ast.MappingNode); ok {
				for _, e := range m.Values {
					if e.Value != nil && in(e.Value, dash) || d.start(e.Key) <= o && o <= d.off(e) {
						f.Sub = keyName(e)
					}
				}
			}
		}
		return f
	}
	return f
}
