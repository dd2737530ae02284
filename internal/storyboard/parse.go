package storyboard

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/yamltext"
)

// Parse parses a storyboard already read: path names it in messages and
// relative paths in it start from path's folder. Every problem the text
// alone shows is returned at once as an *Error; the storyboard is returned
// with it when the file could be parsed at all, so that a caller can go on
// to find the problems that need the photos and the output.
func Parse(path string, src []byte) (*Storyboard, error) {
	d := &decoder{ps: Problems{File: path}, anchors: map[string]ast.Node{}}
	// Editors save text with a byte-order mark, in UTF-16 or with CR line
	// breaks; the parser reads UTF-8 with LF. A file that is not text gets
	// one message and none of its bytes echoed back.
	text, err := yamltext.Decode(src)
	if err != nil {
		var te *yamltext.Error
		if !errors.As(err, &te) || te.Line == 0 {
			// A problem of the whole file: no line of it is shown.
			d.ps.Add(Pos{}, "%v", err)
			return nil, d.ps.Err(nil)
		}
		// The line is shown with the bad bytes as "?", never as mojibake.
		d.ps.Add(Pos{te.Line, te.Col}, "%s", te.Msg)
		return nil, d.ps.Err(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")))
	}
	src = text
	sb := &Storyboard{Path: path, Dir: filepath.Dir(path), src: src, where: map[string]Pos{}}
	file, perr := parse(src)
	if perr != nil {
		var se *yaml.SyntaxError
		switch line, col, tab := yamltext.TabIndent(src); {
		case tab:
			d.ps.Add(Pos{line, col}, "%s", yamltext.TabMessage(line))
		case errors.As(perr, &se) && se.Token != nil && se.Token.Position != nil:
			d.ps.Add(Pos{se.Token.Position.Line, se.Token.Position.Column}, "%s", se.Message)
		default:
			d.ps.Add(Pos{}, "cannot parse YAML: %v", perr)
		}
		return nil, d.ps.Err(src)
	}
	d.decodeFile(file, sb)
	sb.problems = d.ps.List
	if err := d.ps.Err(src); err != nil {
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
	ps      Problems
	anchors map[string]ast.Node
	nodes   int
	slide   string // "slide 3 (dock.jpg): " while decoding a slide
}

func (d *decoder) add(at Pos, format string, args ...any) {
	d.ps.Add(at, d.slide+format, args...)
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

// kind names n for messages, in the words the batch manifest uses too.
func kind(n ast.Node) string { return yamltext.Kind(n) }

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
// seconds, with the bounds every duration has.
func (d *decoder) seconds(n ast.Node, what string) (time.Duration, bool) {
	n = d.resolve(n)
	var dur time.Duration
	var err error
	switch v := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		f, ok := d.num(v, what)
		if !ok {
			return 0, false
		}
		dur, err = setting.Seconds(f)
	case *ast.StringNode:
		dur, err = setting.ParseDuration(strings.TrimSpace(v.Value))
	default:
		d.add(pos(n), "%s must be a length of time such as 4s, not %s", what, kind(n))
		return 0, false
	}
	if err != nil {
		d.add(pos(n), "%s: %v", what, err)
		return 0, false
	}
	return dur, true
}
