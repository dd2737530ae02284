package yamltext

import (
	"testing"
	"unicode/utf8"
)

func TestTabIndent(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int // 0 if no tab is indentation
	}{
		{name: "empty", text: ""},
		{name: "no tabs", text: "output: out.mp4\nslides:\n  - photo: a.jpg\n"},
		{name: "tab indents a key", text: "output: out.mp4\nslides:\n  - photo: a.jpg\n\tduration: 2s\n", line: 4, col: 1},
		{name: "tab after spaces", text: "output:\n  size: 1\n  \tfps: 2\n", line: 3, col: 3},
		{name: "second tab of two", text: "a:\n  b: 1\n  c:\n  \t\td: 2\n", line: 4, col: 3},
		{name: "tab between dash and key", text: "slides:\n  -\tphoto: a.jpg\n", line: 2, col: 4},
		{name: "tab after a multi-line quoted string", text: "a: \"x\n  y\"\n\tb: 1\n", line: 3, col: 1},
		{name: "tab after a block scalar", text: "a: |\n  x\n\tb: 1\n", line: 3, col: 1},
		{name: "tab in double quotes", text: "title: \"x\ty\"\n"},
		{name: "tab in single quotes", text: "title: 'x\ty'\n"},
		{name: "tab in a quoted key", text: "\"a\tb\": 1\n"},
		{name: "quote in a plain value", text: "a: it's\n  b\n"},
		{name: "escaped quote", text: "a: \"x\\\"\n  \ty\"\n"},
		{name: "doubled single quote", text: "a: 'it''s\n  \ty'\n"},
		{name: "tab in block scalar", text: "caption: |\n  line one\n  \tindented\nb: 1\n"},
		{name: "tab in folded scalar", text: "caption: >-\n  one\n  \ttwo\n"},
		{name: "tab in indentation of block scalar", text: "caption: |\n    one\n  \ttwo\n", line: 3, col: 3},
		{name: "tab in flow", text: "a: [1,\n\t2]\n"},
		{name: "tab after flow closes", text: "a: [1,\n  2]\n\tb: 1\n", line: 3, col: 1},
		{name: "CRLF kept", text: "a: 1\r\n\tb: 2\r\n", line: 2, col: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col, ok := TabIndent([]byte(tt.text))
			if ok != (tt.line != 0) || line != tt.line || col != tt.col {
				t.Errorf("TabIndent = %d:%d %v, want %d:%d", line, col, ok, tt.line, tt.col)
			}
		})
	}
}

func TestTabMessage(t *testing.T) {
	const want = "YAML indents with spaces, not tabs: replace the tab at line 7 with spaces"
	if got := TabMessage(7); got != want {
		t.Errorf("TabMessage(7) = %q, want %q", got, want)
	}
}

func FuzzTabIndent(f *testing.F) {
	for _, s := range []string{"a:\n\tb: 1\n", "a: \"x\n\ty\"\n", "a: |\n  \tx\n", "a: [\n\t1]\n", "- \tk: v\n", "--- |2\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		line, col, ok := TabIndent(text)
		if ok && (line < 1 || col < 1) {
			t.Fatalf("TabIndent = %d:%d", line, col)
		}
		if ok && utf8.Valid(text) {
			lines := splitLines(text)
			if r := []rune(string(lines[line-1])); col > len(r) || r[col-1] != '\t' {
				t.Fatalf("TabIndent = %d:%d, which is not a tab", line, col)
			}
		}
	})
}

func splitLines(text []byte) [][]byte {
	var lines [][]byte
	for len(text) > 0 || lines == nil {
		i := 0
		for i < len(text) && text[i] != '\n' {
			i++
		}
		lines = append(lines, text[:i])
		if i == len(text) {
			break
		}
		text = text[i+1:]
	}
	return lines
}
