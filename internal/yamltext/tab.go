package yamltext

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// TabMessage is the message for a tab that TabIndent found at line.
func TabMessage(line int) string {
	return fmt.Sprintf("YAML indents with spaces, not tabs: replace the tab at line %d with spaces", line)
}

// TabIndent finds the first tab used for indentation in text, as returned
// by Decode, and returns its 1-based line and column (in characters).
//
// A tab counts as indentation where it starts a line of block content, or
// where it separates a "-", "?" or "---" indicator from a mapping key. A tab
// is content, and not reported, inside a quoted scalar, inside a block
// scalar (| or >) beyond its indentation, in a continuation line of a
// scalar beyond the indentation of its key, after a value, and anywhere in a
// flow collection ([...] or {...}). This follows what the YAML parser
// refuses, so that the caller, which asks only after the parser failed, can
// name the tab instead of quoting the parser's "found character that cannot
// start any token".
func TabIndent(text []byte) (line, col int, ok bool) {
	s := tabScanner{cont: -1}
	n := 0
	for ln := range bytes.SplitSeq(text, []byte("\n")) {
		n++
		if i := s.line(ln); i >= 0 {
			return n, utf8.RuneCount(ln[:i]) + 1, true
		}
	}
	return 0, 0, false
}

// tabScanner follows, line by line, just enough of YAML's structure to know
// whether a tab at the start of a line is indentation or content.
type tabScanner struct {
	flow  int  // depth of open [ and { brackets
	quote byte // the quote of a quoted scalar continuing on the next line, or 0
	// cont is the column (0-based) of the key or "-" that owns a scalar
	// continuing on the next line, which the continuation must indent past
	// before a tab is content; -1 when no scalar continues.
	cont int

	block  bool // inside a block scalar
	parent int  // the block scalar's parent indentation; -1 at the top
	indent int  // its content indentation; -1 until its first content line
}

// line scans one line and returns the byte index of a tab used for
// indentation, or -1.
func (s *tabScanner) line(ln []byte) int {
	sp := 0
	for sp < len(ln) && ln[sp] == ' ' {
		sp++
	}
	tab := sp < len(ln) && ln[sp] == '\t'
	blank := skipBlank(ln, sp) == len(ln)

	if s.block {
		limit := s.indent
		if limit < 0 {
			limit = s.parent + 1
		}
		switch {
		case tab && sp < limit:
			return sp
		case blank:
			return -1
		case s.indent < 0 && sp > s.parent:
			s.indent = sp
			return -1
		case s.indent >= 0 && sp >= s.indent:
			return -1
		}
		s.block = false // a less indented line ends the block scalar
	}

	if s.quote != 0 {
		if tab && s.cont >= 0 && sp <= s.cont {
			return sp
		}
		i := closeQuote(ln, 0, s.quote)
		if i < 0 {
			return -1
		}
		s.quote = 0
		s.cont = -1
		return s.tokens(ln, i, sp, false)
	}

	if s.flow > 0 {
		// The parser takes tabs as separation inside flow collections.
		return s.tokens(ln, sp, sp, false)
	}
	if s.cont >= 0 && !blank && sp > s.cont {
		// A continuation line of a plain scalar: a tab after its
		// indentation is content, and only a comment can end it.
		if bytes.Contains(ln, []byte(" #")) || bytes.Contains(ln, []byte("\t#")) {
			s.cont = -1
		}
		return -1
	}
	if tab {
		return sp
	}
	if blank {
		return -1 // an empty line does not end a plain scalar
	}
	s.cont = -1
	return s.tokens(ln, sp, sp, true)
}

// tokens scans ln from i for what carries over to later lines: flow
// brackets, an unclosed quoted scalar, a block scalar header, a plain value
// that may continue. sp is the line's indentation. lead says i is at the
// start of the line's content, where a tab between an indicator and a
// mapping key is indentation.
func (s *tabScanner) tokens(ln []byte, i, sp int, lead bool) int {
	key, dash, top := -1, -1, false
	pending := -1 // a tab after a leading indicator, reported if a key follows
	owner := func() int {
		switch {
		case key >= 0:
			return key
		case dash >= 0:
			return dash
		case top:
			return -1
		}
		return sp
	}
	for {
		i = skipBlank(ln, i)
		if i >= len(ln) {
			return -1
		}
		c := ln[i]
		switch {
		case c == '#':
			return -1
		case s.flow == 0 && lead && i == 0 && isDocMarker(ln):
			top = true
			i += 3
			pending = tabIn(ln, i)
			continue
		case s.flow == 0 && (c == '-' || c == '?' || c == ':') && (i+1 == len(ln) || isBlank(ln[i+1])):
			if c == '-' {
				dash = i
			}
			i++
			if lead {
				pending = tabIn(ln, i)
			}
			continue
		case s.flow > 0 && (c == '?' || c == ':' || c == ','):
			i++
			continue
		case c == '[' || c == '{':
			s.flow++
			i++
		case c == ']' || c == '}':
			s.flow = max(s.flow-1, 0)
			i++
		case c == '"' || c == '\'':
			j := closeQuote(ln, i+1, c)
			if j < 0 {
				s.quote = c
				s.cont = owner()
				if s.flow > 0 {
					s.cont = -1 // tabs are separation in flow context
				}
				return -1
			}
			// The parser takes a tab before a quoted key as separation,
			// so pending is dropped, but the key owns what follows.
			if k := skipBlank(ln, j); k < len(ln) && ln[k] == ':' {
				key, j = i, k+1
			}
			i = j
		case s.flow == 0 && (c == '|' || c == '>'):
			s.block, s.parent, s.indent = true, owner(), -1
			for _, h := range ln[i+1:] {
				if h >= '1' && h <= '9' {
					s.indent = s.parent + int(h-'0')
				} else if h != '+' && h != '-' {
					break
				}
			}
			return -1
		case c == '&' || c == '!' || c == '*':
			for i < len(ln) && !isBlank(ln[i]) {
				i++
			}
		default:
			j, isKey := plainEnd(ln, i, s.flow > 0)
			if isKey {
				if pending >= 0 {
					return pending
				}
				key = i
				i = j + 1
				lead = false
				continue
			}
			if j == len(ln) && s.flow == 0 {
				s.cont = owner()
				return -1
			}
			i = j
		}
		lead, pending = false, -1
	}
}

// plainEnd returns where the plain scalar starting at ln[i] ends, and
// whether it ends at the ":" of a mapping key.
func plainEnd(ln []byte, i int, flow bool) (end int, key bool) {
	for j := i; j < len(ln); j++ {
		switch c := ln[j]; {
		case c == ':' && (j+1 == len(ln) || isBlank(ln[j+1]) || flow && isFlowIndicator(ln[j+1])):
			return j, true
		case c == '#' && isBlank(ln[j-1]):
			return j, false
		case flow && isFlowIndicator(c):
			return j, false
		}
	}
	return len(ln), false
}

// closeQuote returns the index just past the quote q that closes a quoted
// scalar whose text starts at ln[i], or -1 if it continues on the next line.
func closeQuote(ln []byte, i int, q byte) int {
	for ; i < len(ln); i++ {
		switch {
		case q == '"' && ln[i] == '\\':
			i++ // the escaped character cannot close
		case ln[i] == q && q == '\'' && i+1 < len(ln) && ln[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case ln[i] == q:
			return i + 1
		}
	}
	return -1
}

// tabIn returns the index of a tab in the blanks starting at ln[i], or -1.
func tabIn(ln []byte, i int) int {
	for ; i < len(ln) && isBlank(ln[i]); i++ {
		if ln[i] == '\t' {
			return i
		}
	}
	return -1
}

func isDocMarker(ln []byte) bool {
	return (bytes.HasPrefix(ln, []byte("---")) || bytes.HasPrefix(ln, []byte("..."))) &&
		(len(ln) == 3 || isBlank(ln[3]))
}

func skipBlank(ln []byte, i int) int {
	for i < len(ln) && isBlank(ln[i]) {
		i++
	}
	return i
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}
