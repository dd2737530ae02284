package storyboard

import (
	"fmt"
	"strings"
)

// The edits of the slides list: each slide is a run of whole lines, moved,
// dropped or added as such.

// slideLines returns the line range [first, last) of each slide: from its
// dash (and the comment lines just above it at the dash's indentation) to
// the next slide's, the last slide to the end of its block.
func (d *doc) slideLines() [][2]int {
	indent := d.dashIndent()
	items := d.slides.Values
	out := make([][2]int, len(items))
	for k, n := range items {
		first := d.line(d.start(n))
		for first > 0 {
			s := d.text(first - 1)
			t := strings.TrimSpace(s)
			if !strings.HasPrefix(t, "#") || indentOf(s) != indent {
				break
			}
			first--
		}
		out[k][0] = first
	}
	for k := range items {
		if k+1 < len(items) {
			out[k][1] = out[k+1][0]
			continue
		}
		out[k][1] = d.line(d.blockEnd(d.line(d.start(items[k])), indent, false)) + 1
	}
	return out
}

// linesText returns lines [first, last) with a final line break.
func (d *doc) linesText(r [2]int) string {
	from := d.starts[r[0]]
	to := len(d.src)
	if r[1] < len(d.starts) {
		to = d.starts[r[1]]
	}
	s := string(d.src[from:to])
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// rewriteSlides replaces the slides' lines by the texts given.
func (d *doc) rewriteSlides(texts []string) ([]byte, error) {
	lines := d.slideLines()
	from := d.starts[lines[0][0]]
	last := lines[len(lines)-1][1]
	to := len(d.src)
	if last < len(d.starts) {
		to = d.starts[last]
	}
	return reparse(d.splice(from, to, strings.Join(texts, "")))
}

func (d *doc) slideTexts() []string {
	var out []string
	for _, r := range d.slideLines() {
		out = append(out, d.linesText(r))
	}
	return out
}

// MoveSlide moves slide from to position to (both 0-based), with its
// lines and the comments above it.
func MoveSlide(src []byte, from, to int) ([]byte, error) {
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	n := len(d.slides.Values)
	if from < 0 || from >= n || to < 0 || to >= n {
		return nil, fmt.Errorf("move slide %d to %d: the storyboard has slides 1 to %d", from+1, to+1, n)
	}
	texts := d.slideTexts()
	t := texts[from]
	texts = append(texts[:from], texts[from+1:]...)
	texts = append(texts[:to], append([]string{t}, texts[to:]...)...)
	return d.rewriteSlides(texts)
}

// RemoveSlide removes slide i (0-based) with its lines and the comments
// above it. The last slide cannot be removed: a storyboard has slides.
func RemoveSlide(src []byte, i int) ([]byte, error) {
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	if _, err := d.item(i); err != nil {
		return nil, err
	}
	if len(d.slides.Values) == 1 {
		return nil, fmt.Errorf("slide 1 is the only slide: a storyboard needs at least one")
	}
	texts := d.slideTexts()
	return d.rewriteSlides(append(texts[:i], texts[i+1:]...))
}

// AddSlide appends a slide showing photo, a path relative to the
// storyboard, as a "- photo: PATH" line at the slides' indentation.
func AddSlide(src []byte, photo string) ([]byte, error) {
	d, err := newDoc(src)
	if err != nil {
		return nil, err
	}
	texts := d.slideTexts()
	pad := strings.Repeat(" ", d.dashIndent())
	texts = append(texts, pad+"- photo: "+yamlString(photo)+"\n")
	return d.rewriteSlides(texts)
}
