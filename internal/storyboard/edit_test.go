package storyboard

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/golden"
)

// TestEdits checks each edit's text against a golden file: only the value
// edited changes, and every comment stays.
func TestEdits(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "edit", "in.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func([]byte) ([]byte, error)
	}{
		{"duration-replace", func(b []byte) ([]byte, error) { return SetSlideKey(b, 0, "duration", "5.5s") }},
		{"duration-add-block", func(b []byte) ([]byte, error) { return SetSlideKey(b, 3, "duration", "3s") }},
		{"fit-add-first", func(b []byte) ([]byte, error) { return SetSlideKey(b, 0, "fit", "pad") }},
		{"duration-add-path", func(b []byte) ([]byte, error) { return SetSlideKey(b, 1, "duration", "3s") }},
		{"fit-flow", func(b []byte) ([]byte, error) { return SetSlideKey(b, 2, "fit", "blur") }},
		{"duration-add-flow", func(b []byte) ([]byte, error) { return SetSlideKey(b, 2, "duration", "3s") }},
		{"transition-remove", func(b []byte) ([]byte, error) { return SetSlideKey(b, 3, "transition", "") }},
		{"fit-remove-flow", func(b []byte) ([]byte, error) { return SetSlideKey(b, 2, "fit", "") }},
		{"keyframe-one", func(b []byte) ([]byte, error) {
			return SetKeyframes(b, 0, []string{"", "", "{at: 4s, zoom: 2.5, center: [0.7, 0.45], ease: in-out}"})
		}},
		{"keyframes-new-count", func(b []byte) ([]byte, error) {
			return SetKeyframes(b, 0, []string{"{at: 0, zoom: 1, center: [0.5, 0.5]}", "{at: 4s, zoom: 2, center: [0.25, 0.25]}"})
		}},
		{"keyframes-over-preset", func(b []byte) ([]byte, error) {
			return SetKeyframes(b, 3, []string{"{at: 0, zoom: 1, center: [0.5, 0.5]}", "{at: 2s, zoom: 2, center: [0.25, 0.25]}"})
		}},
		{"keyframes-path", func(b []byte) ([]byte, error) {
			return SetKeyframes(b, 1, []string{"{at: 0, zoom: 1, center: [0.5, 0.5]}", "{at: 2s, zoom: 2, center: [0.25, 0.25]}"})
		}},
		{"keyframes-flow", func(b []byte) ([]byte, error) {
			return SetKeyframes(b, 2, []string{"{at: 0, zoom: 1, center: [0.5, 0.5]}", "{at: 2s, zoom: 2, center: [0.25, 0.25]}"})
		}},
		{"move-last-first", func(b []byte) ([]byte, error) { return MoveSlide(b, 3, 0) }},
		{"move-first-last", func(b []byte) ([]byte, error) { return MoveSlide(b, 0, 3) }},
		{"remove-first", func(b []byte) ([]byte, error) { return RemoveSlide(b, 0) }},
		{"remove-last", func(b []byte) ([]byte, error) { return RemoveSlide(b, 3) }},
		{"add", func(b []byte) ([]byte, error) { return AddSlide(b, "photos/new one.jpg") }},
	}
	block, err := os.ReadFile(filepath.Join("testdata", "edit", "block.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	blockTests := []struct {
		name string
		edit func([]byte) ([]byte, error)
	}{
		{"block-fit-add-first", func(b []byte) ([]byte, error) { return SetSlideKey(b, 0, "fit", "pad") }},
		{"block-keyframe-mapping", func(b []byte) ([]byte, error) {
			return SetKeyframes(b, 0, []string{"", "{at: 2s, zoom: 3, center: [0.2, 0.2]}"})
		}},
		{"block-keyframes-new-count", func(b []byte) ([]byte, error) {
			return SetKeyframes(b, 0, []string{"{at: 0}", "{at: 1s}", "{at: 2s}"})
		}},
		{"block-duration-remove", func(b []byte) ([]byte, error) { return SetSlideKey(b, 1, "duration", "") }},
		{"block-move", func(b []byte) ([]byte, error) { return MoveSlide(b, 2, 1) }},
	}
	for _, tt := range blockTests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.edit(block)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "edit", tt.name+".golden"), string(out))
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.edit(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "edit", tt.name+".golden"), string(out))
			if _, err := Parse("in.yaml", out); err != nil && len(out) > 0 {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("edited storyboard does not parse: %v", err)
				}
			}
		})
	}
}

// TestEditRefused checks that shapes the edits do not rewrite are refused
// with a message, not rewritten wrongly.
func TestEditRefused(t *testing.T) {
	for _, tt := range []struct{ name, src string }{
		{"flow slides", "slides: [a.jpg, b.jpg]\n"},
		{"no slides", "output: {size: 640x360}\n"},
		{"alias slide", "x: &a {photo: a.jpg}\nslides:\n  - *a\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := SetSlideKey([]byte(tt.src), 0, "duration", "3s"); err == nil {
				t.Fatal("edit accepted")
			}
		})
	}
	if _, err := RemoveSlide([]byte("slides:\n  - a.jpg\n"), 0); err == nil {
		t.Fatal("removing the only slide accepted")
	}
}

// TestKeyframeText checks that written windows stay on the photo after
// rounding, and read back as the window asked.
func TestKeyframeText(t *testing.T) {
	f := effects.CoverFrame(1.5, 16.0/9)
	for _, tt := range []struct {
		name string
		win  effects.Rect
		rect bool
		want string
	}{
		{"base", f.Window(1, 0.5, 0.5), false, "{at: 1s, zoom: 1, center: [0.5, 0.5]}"},
		{"right edge", f.Window(2, 1, 0.3), false, "{at: 1s, zoom: 2, center: [0.75, 0.3]}"},
		{"left edge, rounded inward", f.Window(3, 0, 0.5), false, "{at: 1s, zoom: 3, center: [0.1667, 0.5]}"},
		{"rect", effects.Rect{X: 0, Y: 0.5, W: 1, H: 0.5}, true, "{at: 1s, rect: [0, 0.5, 1, 0.5]}"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := KeyframeText(AtText(1), tt.win, f, tt.rect, effects.Linear)
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
