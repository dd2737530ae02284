package setting

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/mdtable"
)

const (
	readmeFile = "../../README.md"
	schemaFile = "../../examples/storyboard.schema.json"
)

// TestDocsLimits holds the README's tables and the storyboard schema to
// Limits: where they document a flag or a key, they state its bound as
// the code has it.
func TestDocsLimits(t *testing.T) {
	readme, err := os.ReadFile(readmeFile)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Limits() {
		t.Run(l.Name, func(t *testing.T) {
			for _, p := range readmeProblems(string(readme), l) {
				t.Errorf("README.md: %s", p)
			}
			for _, p := range schemaProblems(schema, l) {
				t.Errorf("storyboard.schema.json: %s", p)
			}
		})
	}
}

// TestDocsLimitsCatch checks that the checks above see a wrong bound.
func TestDocsLimitsCatch(t *testing.T) {
	readme, err := os.ReadFile(readmeFile)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	fps := limit("fps")
	tests := []struct {
		name     string
		old, new string
		l        Limit
	}{
		{"README flag", "| frames per second, 1 to 240", "| frames per second, 1 to 120", fps},
		{"README key", "| Frames per second, 1 to 240", "| Frames per second, 1 to 120", fps},
		{"README duration", "`500ms`), at most 1h", "`500ms`), at most 2h", limit("duration")},
		{"schema maximum", `"maximum": 240`, `"maximum": 120`, fps},
		{"schema minimum", `"minimum": 1,
              "maximum": 240`, `"minimum": 2,
              "maximum": 240`, fps},
		{"schema description", `Frames per second, 1 to 240`, `Frames per second, 1 to 120`, fps},
		{"schema duration", `"maximum": 3600`, `"maximum": 7200`, limit("duration")},
		{"schema keyframe zoom", `"exclusiveMinimum": 0`, `"minimum": 0`, limit("keyframe zoom")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var problems []string
			if strings.HasPrefix(tt.name, "README") {
				if !strings.Contains(string(readme), tt.old) {
					t.Fatalf("README.md has no %q", tt.old)
				}
				problems = readmeProblems(strings.Replace(string(readme), tt.old, tt.new, 1), tt.l)
			} else {
				if !strings.Contains(string(schema), tt.old) {
					t.Fatalf("schema has no %q", tt.old)
				}
				problems = schemaProblems([]byte(strings.Replace(string(schema), tt.old, tt.new, 1)), tt.l)
			}
			if len(problems) == 0 {
				t.Errorf("replacing %q with %q goes unnoticed", tt.old, tt.new)
			}
		})
	}
}

// readmeProblems says where the README's tables do not state l's bound.
func readmeProblems(md string, l Limit) []string {
	var problems []string
	ts := mdtable.Parse(md)
	if l.Flag != "" {
		row := findRow(ts, "", func(first string) bool {
			for _, w := range strings.Fields(strings.Trim(first, "`")) {
				if strings.TrimSuffix(w, ",") == l.Flag {
					return true
				}
			}
			return false
		})
		problems = append(problems, rowProblem(row, l.Flag, l)...)
	}
	if l.Key != "" {
		header, key := "Field", l.Key
		if k, ok := strings.CutPrefix(l.Key, "motion[]."); ok {
			header, key = "Keyframe field", k
		}
		row := findRow(ts, header, func(first string) bool { return first == "`"+key+"`" })
		if row == nil {
			// A sub-key such as transition.duration is documented in its
			// parent's row.
			parent, _, _ := strings.Cut(strings.TrimSuffix(key, "[]"), ".")
			parent = strings.TrimSuffix(parent, "[]")
			row = findRow(ts, header, func(first string) bool { return first == "`"+parent+"`" })
		}
		problems = append(problems, rowProblem(row, l.Key, l)...)
	}
	return problems
}

func rowProblem(row []string, what string, l Limit) []string {
	switch {
	case row == nil:
		return []string{fmt.Sprintf("no table row for %s", what)}
	case !says(strings.Join(row, "|"), l):
		return []string{fmt.Sprintf("the row of %s does not say %q: %s", what, l.Range(), strings.Join(row, " | "))}
	}
	return nil
}

// says reports whether text states l's bound, perhaps at the start of a
// sentence ("Above 0, at most 100").
func says(text string, l Limit) bool {
	return strings.Contains(strings.ToLower(text), strings.ToLower(l.Range()))
}

// findRow returns the first row whose first cell matches, in a table
// whose header starts with header ("" for any table).
func findRow(ts []mdtable.Table, header string, match func(first string) bool) []string {
	for _, t := range ts {
		if header != "" && (len(t.Header) == 0 || t.Header[0] != header) {
			continue
		}
		for _, r := range t.Rows {
			if match(r[0]) {
				return r
			}
		}
	}
	return nil
}

type node = map[string]any

// schemaProblems says where the schema's property for l.Key disagrees
// with l: a numeric bound that differs, or no description stating it.
func schemaProblems(src []byte, l Limit) []string {
	if l.Key == "" {
		return nil
	}
	var root node
	if err := json.Unmarshal(src, &root); err != nil {
		return []string{err.Error()}
	}
	prop := lookup(root, l.Key)
	if prop == nil {
		return []string{fmt.Sprintf("no property %s", l.Key)}
	}
	var problems []string
	described := false
	numeric := false
	for _, alt := range alternatives(root, prop) {
		if d, _ := alt["description"].(string); says(d, l) {
			described = true
		}
		if typ := alt["type"]; typ != "number" && typ != "integer" || strings.HasSuffix(l.Max, "dB") {
			// A volume's bounds are in decibels; its number is a factor.
			numeric = numeric || alt["type"] == "number"
			continue
		}
		numeric = true
		want := map[string]string{"maximum": l.Max}
		switch {
		case l.Above:
			want["exclusiveMinimum"] = l.Min
		case l.Min != "":
			want["minimum"] = l.Min
		}
		for k, v := range want {
			wv, err := boundNumber(v)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			if got, ok := alt[k].(float64); !ok || got != wv {
				problems = append(problems, fmt.Sprintf("%s: %s is %v, want %g", l.Key, k, alt[k], wv))
			}
		}
	}
	if !described {
		problems = append(problems, fmt.Sprintf("%s: no description says %q", l.Key, l.Range()))
	}
	if !numeric && l.Name != "size" {
		problems = append(problems, fmt.Sprintf("%s: no number to bound", l.Key))
	}
	return problems
}

// boundNumber is a Limit's bound as the schema writes it: durations in
// seconds.
func boundNumber(s string) (float64, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	d, err := ParseDuration(s)
	return d.Seconds(), err
}

// lookup finds the property for a storyboard key: a top-level key, or
// one of a slide's ("zoom", "transition.duration", "motion[].zoom").
func lookup(root node, key string) node {
	segs := strings.Split(strings.ReplaceAll(key, "[]", ""), ".")
	n := root
	if props, _ := root["properties"].(node); props[segs[0]] == nil {
		n, _ = props["slides"].(node)
	}
	for _, seg := range segs {
		if n = property(root, n, seg); n == nil {
			return nil
		}
	}
	return n
}

// property finds the property name of n, through references,
// alternatives and array items.
func property(root, n node, name string) node {
	for _, alt := range alternatives(root, n) {
		props, _ := alt["properties"].(node)
		if p, ok := props[name].(node); ok {
			return p
		}
		if items, ok := alt["items"].(node); ok {
			if p := property(root, items, name); p != nil {
				return p
			}
		}
	}
	return nil
}

// alternatives returns n and every schema it refers to or offers as an
// alternative, recursively.
func alternatives(root, n node) []node {
	all := []node{n}
	if ref, ok := n["$ref"].(string); ok {
		name, _ := strings.CutPrefix(ref, "#/definitions/")
		defs, _ := root["definitions"].(node)
		if def, ok := defs[name].(node); ok {
			all = append(all, alternatives(root, def)...)
		}
	}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		list, _ := n[k].([]any)
		for _, a := range list {
			if an, ok := a.(node); ok {
				all = append(all, alternatives(root, an)...)
			}
		}
	}
	return all
}

// TestSchemaRatePattern checks that the schema's string form of
// output.fps admits what ParseRate reads and refuses what it does not.
func TestSchemaRatePattern(t *testing.T) {
	src, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var root node
	if err := json.Unmarshal(src, &root); err != nil {
		t.Fatal(err)
	}
	var re *regexp.Regexp
	for _, alt := range alternatives(root, lookup(root, "output.fps")) {
		if p, ok := alt["pattern"].(string); ok {
			re = regexp.MustCompile(p)
		}
	}
	if re == nil {
		t.Fatal("output.fps has no string form")
	}
	for _, s := range []string{"30", "29.97", "23.976", "30000/1001", "12.5", "30fps", "-30", "30.", "3e1", "1.5/2"} {
		t.Run(s, func(t *testing.T) {
			_, err := ParseRate(s)
			if re.MatchString(s) != (err == nil) {
				t.Errorf("the schema's pattern matches %q: %t; ParseRate: %v", s, re.MatchString(s), err)
			}
		})
	}
}
