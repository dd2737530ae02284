package render

import (
	"context"
	"os/exec"
	"slices"
	"testing"

	"github.com/kenburns/kenburns/effects"
)

// TestTransitionsInstalled asks the installed ffmpeg for its xfade
// transitions: every name kenburns knows from ffmpeg 5.1 must be there.
func TestTransitionsInstalled(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("no ffmpeg")
	}
	names, err := TransitionNames(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range effects.XfadeNames() {
		if !slices.Contains(names, n) {
			t.Errorf("the installed ffmpeg lacks %s", n)
		}
	}
	if _, err := Transitions(context.Background(), "/nonexistent/ffmpeg"); err == nil {
		t.Error("a missing ffmpeg gives no error")
	}
}
