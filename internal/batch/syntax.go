package batch

// This file reads the manifest's syntax: YAML or JSON lines into nodes,
// and nodes into values, keeping every value's place.

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/yamltext"
)

// pos is where n is in its text (for a JSON line, in that line).
func pos(n ast.Node) storyboard.Pos {
	if n == nil {
		return storyboard.Pos{}
	}
	// A mapping's token is its first colon: its first key is where it
	// starts for a reader.
	switch m := plain(n).(type) {
	case *ast.MappingNode:
		if len(m.Values) > 0 && !m.IsFlowStyle {
			return pos(m.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return pos(m.Key)
	}
	if t := n.GetToken(); t != nil && t.Position != nil {
		return storyboard.Pos{Line: t.Position.Line, Col: t.Position.Column}
	}
	return storyboard.Pos{}
}

// parse runs the YAML parser on untrusted bytes: a panic is an error.
func (d *decoder) parse(src []byte) (body ast.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			d.add(storyboard.Pos{}, "YAML parser failed: %v", r)
			ok = false
		}
	}()
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		var se *yaml.SyntaxError
		switch line, col, tab := yamltext.TabIndent(src); {
		case tab:
			d.add(storyboard.Pos{Line: line, Col: col}, "%s", yamltext.TabMessage(line+d.line))
		case errors.As(err, &se) && se.Token != nil && se.Token.Position != nil:
			d.add(storyboard.Pos{Line: se.Token.Position.Line, Col: se.Token.Position.Column}, "%s", se.Message)
		default:
			d.add(storyboard.Pos{}, "cannot parse: %v", err)
		}
		return nil, false
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, true
	}
	if len(f.Docs) > 1 {
		d.add(pos(f.Docs[1].Body), "one document per manifest: remove the second ---")
	}
	return plain(f.Docs[0].Body), true
}

// plain strips tags and anchors; aliases are refused where values are read.
func plain(n ast.Node) ast.Node {
	for n != nil {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
	return nil
}

// yamlFile returns the defaults and the jobs of a YAML manifest.
func (d *decoder) yamlFile(src []byte) (defaults, jobs []ast.Node) {
	body, ok := d.parse(src)
	if !ok {
		return nil, nil
	}
	if body == nil {
		d.add(storyboard.Pos{}, "the manifest is empty: list the jobs under jobs:")
		return nil, nil
	}
	fs := d.fields(body, "the manifest", []string{"defaults", "jobs"})
	if f, ok := fs["defaults"]; ok {
		defaults = append(defaults, f.value)
	}
	f, ok := fs["jobs"]
	if !ok {
		if body != nil {
			d.add(pos(body), "the manifest has no jobs: list them under jobs:")
		}
		return defaults, nil
	}
	seq, isSeq := plain(f.value).(*ast.SequenceNode)
	if !isSeq {
		d.add(pos(f.value), "jobs must be a list (lines starting with -), not %s", kind(f.value))
		return defaults, nil
	}
	for _, v := range seq.Values {
		jobs = append(jobs, plain(v))
	}
	return defaults, jobs
}

// jsonLines returns the defaults and the jobs of a JSON lines manifest.
// Positions are kept by parsing each line on its own.
func (d *decoder) jsonLines(src []byte) (defaults, jobs []ast.Node) {
	for i, line := range bytes.Split(src, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		d.line = i
		if bytes.TrimSpace(line)[0] != '{' {
			d.add(storyboard.Pos{Line: 1, Col: 1}, "each line must be a JSON object {...}")
			continue
		}
		body, ok := d.parse(line)
		if !ok || body == nil {
			continue
		}
		if m, ok := body.(*ast.MappingNode); ok && len(m.Values) == 1 && keyName(m.Values[0].Key) == "defaults" {
			defaults = append(defaults, withLine{m.Values[0].Value, i})
			continue
		}
		jobs = append(jobs, withLine{body, i})
	}
	d.line = 0
	return defaults, jobs
}

// withLine carries a JSON line's node with the lines before it, so that
// its positions can be made file positions when it is decoded.
type withLine struct {
	ast.Node
	before int
}

// at sets the line offset for n and returns the node itself.
func (d *decoder) at(n ast.Node) ast.Node {
	if w, ok := n.(withLine); ok {
		d.line = w.before
		return w.Node
	}
	d.line = 0
	return n
}

func keyName(n ast.Node) string {
	if n = plain(n); n == nil || n.GetToken() == nil {
		return ""
	}
	return n.GetToken().Value
}

// kind names n, seen through its tag or anchor, for messages.
func kind(n ast.Node) string { return yamltext.Kind(plain(n)) }

type field struct{ key, value ast.Node }

// fields returns a mapping's entries, reporting unknown and repeated keys.
func (d *decoder) fields(n ast.Node, what string, known []string) map[string]field {
	var values []*ast.MappingValueNode
	switch m := plain(n).(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.add(pos(n), "%s must be a mapping (key: value), not %s", what, kind(n))
		return nil
	}
	out := map[string]field{}
	for _, mv := range values {
		name := keyName(mv.Key)
		switch {
		case !slices.Contains(known, name):
			msg := fmt.Sprintf("unknown key %q in %s", name, what)
			if s := effects.Closest(name, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.add(pos(mv.Key), "%s", msg)
		case out[name].key != nil:
			d.add(pos(mv.Key), "%s: %s given twice", what, name)
		default:
			out[name] = field{mv.Key, mv.Value}
		}
	}
	return out
}

// text reads a scalar as its text: numbers and true/false as written.
func (d *decoder) text(n ast.Node, what string) (string, bool) {
	switch v := plain(n).(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return v.GetToken().Value, true
	}
	d.add(pos(n), "%s must be a single value, not %s", what, kind(n))
	return "", false
}

// texts reads a value or a list of values.
func (d *decoder) texts(n ast.Node, what string) ([]string, bool) {
	seq, ok := plain(n).(*ast.SequenceNode)
	if !ok {
		s, ok := d.text(n, what)
		return []string{s}, ok
	}
	var out []string
	all := true
	for _, v := range seq.Values {
		s, ok := d.text(v, what+" (each item)")
		out = append(out, s)
		all = all && ok
	}
	if len(out) == 0 {
		d.add(pos(n), "%s: the list is empty", what)
		return nil, false
	}
	return out, all
}
