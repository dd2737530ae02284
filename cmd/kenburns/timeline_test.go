package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

// TestTimelineRendered renders black, white, black with fractional
// durations at NTSC and PAL rates with both engines, and checks the decoded
// video against the exact timeline plan --json reports: the frame count,
// and each crossfade an even ramp starting exactly at the next slide's
// planned first frame.
func TestTimelineRendered(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := grayPhotos(t, 0, 255, 0)
	for _, fps := range []string{"30000/1001", "25", "24"} {
		for _, engine := range []string{"smooth", "zoompan"} {
			t.Run(fps+"/"+engine, func(t *testing.T) {
				args := []string{dir, "--size", "64x36", "--fps", fps, "--duration", "2.3333", "--transition-duration", "0.55", "--engine", engine}
				code, js, errOut := kenburns(t, append([]string{"plan", "--json"}, args...)...)
				var p slideshow.Document
				if code != exitOK || json.Unmarshal([]byte(js), &p) != nil {
					t.Fatalf("plan: exit %d: %s", code, errOut)
				}
				out := filepath.Join(t.TempDir(), "v.mp4")
				if code, _, errOut := kenburns(t, append([]string{"render", "-o", out, "--crf", "0", "--progress", "none", "--no-cache"}, args...)...); code != exitOK {
					t.Fatalf("render: exit %d: %s", code, errOut)
				}
				luma, err := exec.Command("ffmpeg", "-v", "error", "-i", out, "-vf", "scale=1:1,format=gray", "-f", "rawvideo", "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				// 3 × 2.3333 s − 2 × 0.55 s = 5.8999 s.
				if len(luma) != p.Frames || p.Frames != exactFramesOf(5.8999, p.FPSExact) {
					t.Fatalf("%d frames decoded, plan says %d", len(luma), p.Frames)
				}
				for i, s := range p.Slides[:2] {
					next := p.Slides[i+1].StartFrame
					n := s.Transition.Frames
					if s.StartFrame+s.Frames-n != next {
						t.Fatalf("slide %d: transition starts at %d, next slide at %d", i+1, s.StartFrame+s.Frames-n, next)
					}
					for k := 0; k <= n; k++ {
						want := 255 * float64(k) / float64(n)
						if i == 1 {
							want = 255 - want
						}
						if d := float64(luma[next+k]) - want; d > 5 || d < -5 {
							t.Errorf("frame %d (fade %d of %d): %d, want %.0f", next+k, k, n, luma[next+k], want)
						}
					}
				}
			})
		}
	}
}

// exactFramesOf is round(seconds × fps) for an fps written n or n/d.
func exactFramesOf(seconds float64, fps string) int {
	var n, d float64 = 0, 1
	if _, err := fmt.Sscanf(fps, "%g/%g", &n, &d); err != nil {
		fmt.Sscanf(fps, "%g", &n)
	}
	return int(seconds*n/d + 0.5)
}
