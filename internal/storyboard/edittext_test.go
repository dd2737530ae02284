package storyboard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/golden"
)

// TestTextEdits checks the caption and title edits against golden files:
// only the value edited changes, and every comment stays.
func TestTextEdits(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "edit", "texts.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		edit func([]byte) ([]byte, error)
	}{
		{"caption-replace", func(b []byte) ([]byte, error) { return SetSlideText(b, 1, "caption", `Dawn: "first light", 100% \o/`) }},
		{"caption-replace-block", func(b []byte) ([]byte, error) { return SetSlideText(b, 2, "caption", "One line now") }},
		{"caption-replace-flow", func(b []byte) ([]byte, error) { return SetSlideText(b, 3, "caption", "a, b} #c") }},
		{"caption-add-path", func(b []byte) ([]byte, error) { return SetSlideText(b, 4, "caption", "Line 1\nLine 2 ✓") }},
		{"caption-remove", func(b []byte) ([]byte, error) { return SetSlideText(b, 1, "caption", "") }},
		{"caption-remove-block", func(b []byte) ([]byte, error) { return SetSlideText(b, 2, "caption", "") }},
		{"caption-remove-flow", func(b []byte) ([]byte, error) { return SetSlideText(b, 3, "caption", "") }},
		{"title-text", func(b []byte) ([]byte, error) { return SetSlideText(b, 0, "title", "Winter: 2027") }},
		{"title-subtitle-remove", func(b []byte) ([]byte, error) { return SetSlideText(b, 0, "subtitle", "") }},
		{"title-background", func(b []byte) ([]byte, error) { return SetSlideText(b, 0, "background", "#ffe08a") }},
		{"title-add-first", func(b []byte) ([]byte, error) {
			return AddTitleSlide(b, 0, TitleSlide{Title: "Before all", Subtitle: "a #1 \"day\"", Duration: "2.5s"})
		}},
		{"title-add-middle", func(b []byte) ([]byte, error) { return AddTitleSlide(b, 2, TitleSlide{Title: "Part 2"}) }},
		{"title-add-last", func(b []byte) ([]byte, error) {
			return AddTitleSlide(b, 5, TitleSlide{Title: "The end", Duration: "3s"})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.edit(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "edit", tt.name+".golden"), string(out))
			if _, err := Parse("texts.yaml", out); err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("edited storyboard does not parse: %v", err)
				}
			}
			for _, line := range strings.Split(string(src), "\n") {
				if i := strings.Index(line, "# "); i >= 0 && !strings.Contains(string(out), line[i:]) && !strings.Contains(tt.name, "remove") {
					t.Errorf("comment lost: %s", line[i:])
				}
			}
		})
	}
	if _, err := AddTitleSlide(src, 9, TitleSlide{Title: "x"}); err == nil {
		t.Error("a title slide added at slide 10 of 5")
	}
	if _, err := AddTitleSlide(src, 0, TitleSlide{}); err == nil {
		t.Error("a title slide without a title added")
	}
}

// TestTextRoundTrip writes captions and titles of every kind of character
// with the edits and reads them back: what was written is what the
// storyboard says, exactly.
func TestTextRoundTrip(t *testing.T) {
	texts := []string{
		`Harbour at dawn: 05:42, "first light"`,
		`C:\photos\new\table.jpg \n is not a line break`,
		"100% of it: %d %s %% {x} [1] & * ! | > ' #not a comment",
		"two\nlines\n\nand an empty one",
		"emoji 🌅🏖️👨‍👩‍👧 and ✓ → ü ß 日本語",
		"  leading and trailing spaces  ",
		"tab\there, a bell \a, a NUL \x00 and \u2028 a separator",
		"- looks like a list",
		"key: value",
		"true",
		"null",
		"~",
		"0x1F",
		"'single' quotes",
		"\\",
		"\"",
		"ends with a backslash \\",
	}
	base := []byte("# comment\nslides:\n  - photo: a.jpg   # first\n  - b.jpg\n  - title: \"T\"\n")
	for _, s := range texts {
		t.Run(s, func(t *testing.T) {
			out, err := SetSlideText(base, 0, "caption", s)
			if err != nil {
				t.Fatal(err)
			}
			out, err = SetSlideText(out, 1, "caption", s)
			if err != nil {
				t.Fatal(err)
			}
			out, err = SetSlideText(out, 2, "title", s)
			if err != nil {
				t.Fatal(err)
			}
			out, err = SetSlideText(out, 2, "subtitle", s)
			if err != nil {
				t.Fatal(err)
			}
			out, err = AddTitleSlide(out, 0, TitleSlide{Title: s, Subtitle: s})
			if err != nil {
				t.Fatal(err)
			}
			sb, _ := Parse("rt.yaml", out)
			if sb == nil || len(sb.Slides) != 4 {
				t.Fatalf("does not parse:\n%s", out)
			}
			got := []string{sb.Slides[1].Caption, sb.Slides[2].Caption}
			for _, k := range []int{0, 3} {
				if sb.Slides[k].Title == nil {
					t.Fatalf("slide %d is not a title slide:\n%s", k+1, out)
				}
				got = append(got, sb.Slides[k].Title.Text, sb.Slides[k].Title.Subtitle)
			}
			for i, g := range got {
				if g != s {
					t.Errorf("text %d reads back as %q, want %q:\n%s", i+1, g, s, out)
				}
			}
			if !strings.Contains(string(out), "# comment\n") || !strings.Contains(string(out), "# first\n") {
				t.Errorf("comments lost:\n%s", out)
			}
		})
	}
}
