package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/slideshow"
)

// TestCaptionFlags checks that the caption flags reach the plan of a
// folder: --captions, --srt, --captions-from and --font.
func TestCaptionFlags(t *testing.T) {
	font := "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(font); err != nil {
		font = ""
	}
	args := []string{"plan", "--json", "--captions", "soft", "--srt", "--captions-from", "name", "-o", "trip.mkv", "../../examples/photos"}
	if font != "" {
		args = append(args, "--font", font)
	}
	code, out, errs := kenburns(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d slideshow.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Captions != "soft" || d.SRT != "trip.srt" || len(d.Cues) != len(d.Slides) {
		t.Fatalf("captions %q, srt %q, %d cues for %d slides", d.Captions, d.SRT, len(d.Cues), len(d.Slides))
	}
	if c := d.Slides[0].Caption; c == nil || c.Text != "01-mandelbrot" || (font != "" && c.Style.Font != font) {
		t.Errorf("slide 1 caption %+v", c)
	}
	// A font that is not there is invalid input, named.
	code, _, errs = kenburns(t, "plan", "--captions-from", "name", "--font", "no-such-font.ttf", "../../examples/photos")
	if code != 2 || !strings.Contains(errs, "no-such-font.ttf: no such file") {
		t.Errorf("missing font: exit %d, %s", code, errs)
	}
}

// TestValidateWarnsOfMissingGlyphs checks that a character no font has is
// a warning that names it, not a silent gap.
func TestValidateWarnsOfMissingGlyphs(t *testing.T) {
	dir := t.TempDir()
	photo, err := filepath.Abs("../../examples/photos/01-mandelbrot.jpg")
	if err != nil {
		t.Fatal(err)
	}
	sb := filepath.Join(dir, "show.yaml")
	src := "slides:\n  - photo: " + photo + "\n    caption: \"private \\U0010FFFD use\"\n"
	if err := os.WriteFile(sb, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := kenburns(t, "validate", sb)
	if code != 0 || !strings.Contains(out, "warning: slide 1 (01-mandelbrot.jpg): no font has \U0010FFFD (U+10FFFD) of the caption") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
