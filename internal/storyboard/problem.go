package storyboard

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a storyboard, at a place in its file.
// Line and Col are 1-based; 0 means the problem has no single place (a
// setting given on the command line, say).
type Problem struct {
	File      string
	Line, Col int
	Msg       string
}

// String formats the problem as file:line:col: message.
func (p Problem) String() string {
	if p.Line == 0 {
		return p.File + ": " + p.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// Error lists every problem found in a storyboard.
type Error struct {
	File     string
	Problems []Problem
	// Source is the file's text, for showing the lines with problems.
	Source []byte
}

// Error shows every problem with its source line and a caret under the
// offending value, then a count.
func (e *Error) Error() string {
	var b strings.Builder
	lines := strings.Split(string(e.Source), "\n")
	for _, p := range e.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
		if p.Line >= 1 && p.Line <= len(lines) {
			b.WriteString(snippet(lines[p.Line-1], p.Line, p.Col))
		}
	}
	n := len(e.Problems)
	fmt.Fprintf(&b, "%s: %d problem%s; nothing was rendered", e.File, n, plural(n))
	return b.String()
}

// snippet is the source line, numbered, and a caret under column col.
// Tabs before the column are kept so that the caret lines up in any
// terminal.
func snippet(line string, n, col int) string {
	line = strings.TrimRight(line, "\r")
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "?")
	}
	num := fmt.Sprintf("%5d | ", n)
	pad := strings.Repeat(" ", len(num)-2) + "| "
	var caret strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			caret.WriteRune('\t')
		} else {
			caret.WriteByte(' ')
		}
		i++
	}
	for ; i < col; i++ {
		caret.WriteByte(' ')
	}
	return num + line + "\n" + pad + caret.String() + "^\n"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Problems collects a storyboard's problems as they are found, by the
// decoder and then by the planner.
type Problems struct {
	File string
	List []Problem
}

// Add records a problem at a place (the zero Pos for none).
func (ps *Problems) Add(at Pos, format string, args ...any) {
	ps.List = append(ps.List, Problem{File: ps.File, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...)})
}

// Err returns the problems as an *Error, in file order, or nil.
func (ps *Problems) Err(src []byte) error {
	if len(ps.List) == 0 {
		return nil
	}
	list := append([]Problem(nil), ps.List...)
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	// The same problem found twice (while loading and again while
	// planning) is shown once.
	out := list[:0]
	for i, p := range list {
		if i > 0 && p == list[i-1] {
			continue
		}
		out = append(out, p)
	}
	return &Error{File: ps.File, Problems: out, Source: src}
}
