package render

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/slideshow"
)

// TestTransitionFrameCommand holds the command of one transition frame to
// a golden file: the chunk's xfade options, offset 0, the frame trimmed.
func TestTransitionFrameCommand(t *testing.T) {
	o := slideshow.DefaultOptions()
	o.Transition = "wipeleft"
	p := planPhotos(t, photos(), o)
	cmd, err := TransitionFrameCommand(p, 0, 5, 640, 360, "/work/frame.yuv")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "transition-frame.golden"), fmt.Sprintf("ffmpeg %q\n", cmd.Args))
}
