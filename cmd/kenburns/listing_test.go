package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/presets"
)

// TestListings checks "kenburns transitions" and "kenburns presets": every
// name with a description, from the registries.
func TestListings(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("no ffmpeg: the listing would come from the static list")
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"transitions"}, append(effects.TransitionNames(), "a hard cut", "fade through black")},
		{[]string{"presets"}, append(presets.SizeNames(), "480x270, 15 fps", "zoom-in-top-left", "zoom-in-smart", "circleopen", "random", "draft", "normal", "high", "H.264 crf 20, preset fast")},
	}
	for _, tt := range tests {
		t.Run(tt.args[0], func(t *testing.T) {
			code, out, stderr := kenburns(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("no %q in\n%s", w, out)
				}
			}
		})
	}
}

// TestSizePresetFlags checks that --size gif brings its 15 fps unless
// --fps is given, and that an unknown transition flag is exit 2 with a
// suggestion, before any work.
func TestSizePresetFlags(t *testing.T) {
	dir := t.TempDir()
	photos := mkdir(t, dir+"/photos")
	copyFile(t, "../../examples/photos/01-mandelbrot.jpg", photos+"/a.jpg")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"gif", []string{"--size", "gif"}, 0, "480x270, 15 fps"},
		{"gif at 10 fps", []string{"--size", "gif", "--fps", "10"}, 0, "480x270, 10 fps"},
		{"4:5", []string{"--size", "4:5"}, 0, "1080x1350, 30 fps"},
		{"unknown transition", []string{"--transition", "wipelft"}, 2, `did you mean "wipeleft"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := kenburns(t, append(append([]string{"render", "--dry-run"}, tt.args...), photos)...)
			if code != tt.code || !strings.Contains(out+stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", code, tt.code, tt.want, out, stderr)
			}
		})
	}
}
