package storyboard

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/kenburns/kenburns/internal/yamltext"
)

// The edits below change a storyboard's text the way a person would in an
// editor: the syntax tree says where each slide, key and value is, and
// only the bytes of the value that changes are replaced. Everything else,
// comments, key order, quoting and spacing, stays byte for byte, which
// re-marshalling a tree cannot promise.

// ErrCannotEdit is returned for storyboards written in a shape the edits
// do not rewrite (slides in flow style, anchors and aliases on a slide):
// the message says to make that change in a text editor.
var ErrCannotEdit = errors.New("cannot edit this part of the storyboard automatically")

// doc is a storyboard's text with its syntax tree and line starts.
type doc struct {
	src    []byte
	starts []int // byte offset of each line's start
	root   *ast.MappingNode
	slides *ast.SequenceNode
}

func newDoc(src []byte) (*doc, error) {
	d, err := rootDoc(src)
	if err != nil {
		return nil, err
	}
	for _, mv := range d.root.Values {
		if keyName(mv) != "slides" {
			continue
		}
		seq, ok := mv.Value.(*ast.SequenceNode)
		if !ok || seq.IsFlowStyle {
			return nil, fmt.Errorf("%w: slides must be a list of \"- \" lines", ErrCannotEdit)
		}
		d.slides = seq
	}
	if d.slides == nil {
		return nil, fmt.Errorf("%w: the file has no slides list", ErrCannotEdit)
	}
	return d, nil
}

// rootDoc parses a storyboard's text down to its top-level mapping.
func rootDoc(src []byte) (*doc, error) {
	text, err := yamltext.Decode(src)
	if err != nil {
		return nil, err
	}
	f, err := parse(text)
	if err != nil {
		return nil, fmt.Errorf("storyboard does not parse: %w", err)
	}
	d := &doc{src: text, starts: []int{0}}
	for i, c := range text {
		if c == '\n' {
			d.starts = append(d.starts, i+1)
		}
	}
	if len(f.Docs) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrCannotEdit)
	}
	root, ok := f.Docs[0].Body.(*ast.MappingNode)
	if !ok || root.IsFlowStyle {
		return nil, fmt.Errorf("%w: the file is not a mapping of keys", ErrCannotEdit)
	}
	d.root = root
	return d, nil
}

func keyName(mv *ast.MappingValueNode) string {
	if mv.Key == nil || mv.Key.GetToken() == nil {
		return ""
	}
	return mv.Key.GetToken().Value
}

// off is the byte offset of where node n's token is.
func (d *doc) off(n ast.Node) int { return d.offTok(n.GetToken()) }

// offTok is the byte offset of a token's line and (rune) column.
func (d *doc) offTok(t *token.Token) int { return d.offAt(t.Position.Line, t.Position.Column) }

// offAt is the byte offset of a 1-based line and rune column.
func (d *doc) offAt(line, col int) int {
	o := d.starts[line-1]
	for c := 1; c < col && o < len(d.src) && d.src[o] != '\n'; c++ {
		_, size := utf8.DecodeRune(d.src[o:])
		o += size
	}
	return o
}

// line returns the 0-based line of offset o.
func (d *doc) line(o int) int {
	l := 0
	for l+1 < len(d.starts) && d.starts[l+1] <= o {
		l++
	}
	return l
}

// text returns line l without its line break.
func (d *doc) text(l int) string {
	end := len(d.src)
	if l+1 < len(d.starts) {
		end = d.starts[l+1] - 1
	}
	return string(d.src[d.starts[l]:end])
}

// lineEnd is the offset of line l's line break (or the end of the text).
func (d *doc) lineEnd(l int) int { return d.starts[l] + len(d.text(l)) }

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// blank reports a line with nothing but spaces or a comment.
func blank(s string) bool {
	t := strings.TrimSpace(s)
	return t == "" || strings.HasPrefix(t, "#")
}

// start is where node n's text begins.
func (d *doc) start(n ast.Node) int {
	switch v := n.(type) {
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return d.start(v.Values[0])
		}
	case *ast.MappingValueNode:
		return d.start(v.Key)
	}
	return d.off(n)
}

// end is where node n's text ends: after the closing bracket of a flow
// collection, after a scalar, or at the end of the last line of a block
// deeper than indent (the indentation of the key or dash that owns it).
func (d *doc) end(n ast.Node, indent int) int {
	switch v := n.(type) {
	case *ast.MappingNode:
		if v.IsFlowStyle && v.End != nil {
			return d.offTok(v.End) + 1
		}
		return d.blockEnd(d.line(d.start(n)), indent, false)
	case *ast.SequenceNode:
		if v.IsFlowStyle && v.End != nil {
			return d.offTok(v.End) + 1
		}
		return d.blockEnd(d.line(d.start(n)), indent, true)
	case *ast.LiteralNode:
		return d.blockEnd(d.line(d.start(n)), indent, false)
	}
	return d.scalarEnd(d.start(n))
}

// blockEnd is the end of the last line, from line first on, that belongs
// to a block owned by a key or dash at indent: lines deeper than it, and
// for a list, items at it (a list may sit at its key's indentation).
func (d *doc) blockEnd(first, indent int, list bool) int {
	last := first
	for l := first + 1; l < len(d.starts); l++ {
		s := d.text(l)
		if blank(s) {
			continue
		}
		in := indentOf(s)
		if in < indent || in == indent && !(list && strings.HasPrefix(s[in:], "-")) {
			break
		}
		last = l
	}
	return d.lineEnd(last)
}

// scalarEnd is the end of the scalar starting at o: its closing quote, or
// for a plain scalar the last character before a comment, a line break or
// a flow indicator.
func (d *doc) scalarEnd(o int) int {
	if o < len(d.src) && (d.src[o] == '"' || d.src[o] == '\'') {
		q := d.src[o]
		for i := o + 1; i < len(d.src); i++ {
			switch {
			case q == '"' && d.src[i] == '\\':
				i++
			case d.src[i] == q && q == '\'' && i+1 < len(d.src) && d.src[i+1] == '\'':
				i++
			case d.src[i] == q:
				return i + 1
			}
		}
		return len(d.src)
	}
	e := o
	for i := o; i < len(d.src); i++ {
		c := d.src[i]
		if c == '\n' || c == ',' || c == ']' || c == '}' || c == '#' && i > o && (d.src[i-1] == ' ') {
			break
		}
		if c != ' ' {
			e = i + 1
		}
	}
	return e
}

// splice returns the text with src[from:to] replaced by s.
func (d *doc) splice(from, to int, s string) []byte {
	out := make([]byte, 0, len(d.src)+len(s))
	out = append(out, d.src[:from]...)
	out = append(out, s...)
	return append(out, d.src[to:]...)
}

// item returns slide i's node, refusing anchors, tags and aliases.
func (d *doc) item(i int) (ast.Node, error) {
	if i < 0 || i >= len(d.slides.Values) {
		return nil, fmt.Errorf("slide %d: the storyboard has slides 1 to %d", i+1, len(d.slides.Values))
	}
	n := d.slides.Values[i]
	switch n.(type) {
	case *ast.MappingNode, *ast.StringNode:
		return n, nil
	}
	return nil, fmt.Errorf("%w: slide %d is written as %s; change it in a text editor", ErrCannotEdit, i+1, kind(n))
}

// dashIndent is the indentation of the slides' dashes.
func (d *doc) dashIndent() int { return d.off(d.slides) - d.starts[d.line(d.off(d.slides))] }

// reparse checks that an edit left a storyboard that still parses.
func reparse(out []byte) ([]byte, error) {
	if _, err := newDoc(out); err != nil {
		return nil, fmt.Errorf("internal error: the edit made text that does not parse: %w", err)
	}
	return out, nil
}

// SetSlideKey sets key of slide i (0-based) to value, a YAML scalar or flow
// collection written as it should appear ("3s", "{type: fade, duration:
// 1s}"); an empty value removes the key. Only that value's text changes;
// a missing key is added after the slide's last line, or inside its
// braces. A slide written as just a path becomes a mapping first.
func SetSlideKey(src []byte, i int, key, value string) ([]byte, error) {
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	n, err := d.item(i)
	if err != nil {
		return nil, err
	}
	return d.setEntryKey(n, "photo", d.dashIndent(), key, value)
}

// setEntryKey sets key of a list item n (a slide or a music track) whose
// dash is at column dash; a plain scalar item becomes a mapping with its
// text under first.
func (d *doc) setEntryKey(n ast.Node, first string, dash int, key, value string) ([]byte, error) {
	if s, ok := n.(*ast.StringNode); ok {
		if value == "" {
			return d.src, nil
		}
		// "- photo.jpg" becomes "- photo: photo.jpg" with the key on
		// the next line, after any comment on this one.
		from := d.start(s)
		col := from - d.starts[d.line(from)]
		eol := d.lineEnd(d.line(from))
		out := string(d.src[:from]) + first + ": " + string(d.src[from:eol]) +
			"\n" + strings.Repeat(" ", col) + key + ": " + value + string(d.src[eol:])
		return reparse([]byte(out))
	}
	m := n.(*ast.MappingNode)
	for j, mv := range m.Values {
		if keyName(mv) != key {
			continue
		}
		return d.replaceValue(m, j, value)
	}
	if value == "" {
		return d.src, nil
	}
	if m.IsFlowStyle {
		at := d.offTok(m.End)
		return reparse(d.splice(at, at, ", "+key+": "+value))
	}
	keyCol := d.start(m) - d.starts[d.line(d.start(m))]
	at := d.end(m, dash)
	return reparse(d.splice(at, at, "\n"+strings.Repeat(" ", keyCol)+key+": "+value))
}

// replaceValue replaces the value of m's entry j, or removes the entry
// when value is "".
func (d *doc) replaceValue(m *ast.MappingNode, j int, value string) ([]byte, error) {
	mv := m.Values[j]
	keyStart := d.start(mv.Key)
	keyIndent := keyStart - d.starts[d.line(keyStart)]
	colon := d.off(mv) + 1
	end := colon
	if mv.Value != nil && !isNull(mv.Value) {
		end = d.end(mv.Value, keyIndent)
	}
	if value != "" {
		return reparse(d.splice(colon, end, " "+value))
	}
	if j == 0 {
		return nil, fmt.Errorf("%w: the first key of a slide or track cannot be removed", ErrCannotEdit)
	}
	if m.IsFlowStyle {
		// From the comma before the entry to the end of its value.
		prev := d.end(m.Values[j-1].Value, 0)
		return reparse(d.splice(prev, end, ""))
	}
	// Whole lines: the key's line through the value's last.
	from := d.starts[d.line(keyStart)]
	to := min(len(d.src), d.lineEnd(d.line(end))+1)
	return reparse(d.splice(from, to, ""))
}

func isNull(n ast.Node) bool {
	_, ok := n.(*ast.NullNode)
	return ok
}

// SetKeyframes sets slide i's motion to the keyframes given, each a flow
// mapping such as "{at: 2s, zoom: 1.5, center: [0.3, 0.4]}". When the
// slide already lists as many keyframes, only those whose text is not ""
// are replaced, one by one, so that the comments beside each keyframe
// stay; otherwise the motion is written anew as a list, one keyframe a
// line.
func SetKeyframes(src []byte, i int, keyframes []string) ([]byte, error) {
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	n, err := d.item(i)
	if err != nil {
		return nil, err
	}
	if m, ok := n.(*ast.MappingNode); ok {
		for _, mv := range m.Values {
			seq, ok := mv.Value.(*ast.SequenceNode)
			if keyName(mv) != "motion" || !ok || len(seq.Values) != len(keyframes) {
				continue
			}
			out := d.src
			dash := d.off(seq) - d.starts[d.line(d.off(seq))]
			// From the last to the first, so that earlier offsets hold.
			for k := len(keyframes) - 1; k >= 0; k-- {
				if keyframes[k] == "" {
					continue
				}
				v := seq.Values[k]
				vd := *d
				vd.src = out
				out = vd.splice(d.start(v), d.end(v, dash), keyframes[k])
			}
			return reparse(out)
		}
	}
	for _, k := range keyframes {
		if k == "" {
			return nil, fmt.Errorf("slide %d: the number of keyframes changed: give every keyframe", i+1)
		}
	}
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle {
		// A block of "- {...}" lines under motion:, two spaces deeper.
		keyCol := d.start(m) - d.starts[d.line(d.start(m))]
		dash := keyCol + 2
		for _, mv := range m.Values {
			if seq, ok := mv.Value.(*ast.SequenceNode); ok && keyName(mv) == "motion" && !seq.IsFlowStyle {
				dash = d.off(seq) - d.starts[d.line(d.off(seq))] // the list's own indentation
			}
		}
		var b strings.Builder
		for _, k := range keyframes {
			b.WriteString("\n" + strings.Repeat(" ", dash) + "- " + k)
		}
		value := b.String()
		for _, mv := range m.Values {
			if keyName(mv) == "motion" {
				colon := d.off(mv) + 1
				end := colon
				if mv.Value != nil && !isNull(mv.Value) {
					end = d.end(mv.Value, keyCol)
				}
				if eol := d.lineEnd(d.line(colon)); end <= eol {
					// The old value was on the key's line: the list
					// starts after any comment there.
					out := string(d.src[:colon]) + string(d.src[end:eol]) + value + string(d.src[eol:])
					return reparse([]byte(out))
				}
				return reparse(d.splice(colon, end, value))
			}
		}
		at := d.end(m, d.dashIndent())
		return reparse(d.splice(at, at, "\n"+strings.Repeat(" ", keyCol)+"motion:"+value))
	}
	return SetSlideKey(d.src, i, "motion", "["+strings.Join(keyframes, ", ")+"]")
}
