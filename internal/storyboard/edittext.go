package storyboard

import (
	"fmt"
	"strings"
)

// The edits of a slide's texts: its caption and a title slide's title,
// subtitle and background. Text is any string; it is written as a YAML
// double-quoted scalar on one line, the one form that holds every
// character (quotes, colons, '#', backslashes, '%', line breaks, emoji)
// and reads back exactly.

// TextValue writes s as a double-quoted YAML scalar: backslashes, quotes,
// line breaks, tabs and other control characters escaped, every other
// character as itself.
func TextValue(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\ufeff' || r == '\u0085':
			// Line separators and the byte-order mark would change how the
			// file's lines or encoding are read: escaped, like controls.
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// SetSlideText sets key of slide i (0-based) to the text s, written by
// TextValue; "" removes the key. It is how the studio sets a caption, a
// title slide's title, subtitle and background: only that value's text
// changes.
func SetSlideText(src []byte, i int, key, s string) ([]byte, error) {
	if s == "" {
		return SetSlideKey(src, i, key, "")
	}
	return SetSlideKey(src, i, key, TextValue(s))
}

// TitleSlide is a new title slide's text and duration ("" = from the
// defaults), for AddTitleSlide.
type TitleSlide struct {
	Title, Subtitle string
	Duration        string // as written: "3s"
}

// AddTitleSlide inserts a title slide before slide at (0-based; the
// number of slides appends it), as "- title: ..." with its subtitle and
// duration on the lines below, at the slides' indentation. The slide that
// was at that place keeps its comments above it.
func AddTitleSlide(src []byte, at int, t TitleSlide) ([]byte, error) {
	if t.Title == "" {
		return nil, fmt.Errorf("a title slide needs a title")
	}
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	texts := d.slideTexts()
	if at < 0 || at > len(texts) {
		return nil, fmt.Errorf("add a title slide at %d: the storyboard has slides 1 to %d", at+1, len(texts))
	}
	pad := strings.Repeat(" ", d.dashIndent())
	s := pad + "- title: " + TextValue(t.Title) + "\n"
	if t.Subtitle != "" {
		s += pad + "  subtitle: " + TextValue(t.Subtitle) + "\n"
	}
	if t.Duration != "" {
		s += pad + "  duration: " + t.Duration + "\n"
	}
	texts = append(texts[:at], append([]string{s}, texts[at:]...)...)
	return d.rewriteSlides(texts)
}
