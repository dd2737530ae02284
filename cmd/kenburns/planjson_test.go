package main

import (
	"encoding/json"
	"testing"

	"github.com/kenburns/kenburns/slideshow"
)

// TestPlanJSONFadesAndLoop: plan --json says when the picture fades and
// when the video loops, and says nothing of them otherwise.
func TestPlanJSONFadesAndLoop(t *testing.T) {
	tests := []struct {
		name      string
		flags     []string
		in, out   int // fade frames, 0 = none
		color     string
		loop      bool
		firstFrom int // the first slide's start frame
	}{
		{"plain", nil, 0, 0, "", false, 0},
		{"fades", []string{"--fade-in", "1", "--fade-out", "0.5", "--fade-color", "white"}, 30, 15, "#ffffff", false, 0},
		{"loop", []string{"--loop"}, 0, 0, "", true, -30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := kenburns(t, append([]string{"plan", "--json", "../../examples/photos"}, tt.flags...)...)
			var d slideshow.Document
			if code != exitOK || json.Unmarshal([]byte(out), &d) != nil {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			fade := func(f *slideshow.DocFade) (int, string) {
				if f == nil {
					return 0, ""
				}
				return f.Frames, f.Color
			}
			in, inColor := fade(d.PictureFadeIn)
			outN, outColor := fade(d.PictureFadeOut)
			if in != tt.in || outN != tt.out || (tt.in > 0 && (inColor != tt.color || outColor != tt.color)) {
				t.Errorf("fades %d %q / %d %q, want %d / %d %q", in, inColor, outN, outColor, tt.in, tt.out, tt.color)
			}
			if d.Loop != tt.loop || d.Slides[0].StartFrame != tt.firstFrom {
				t.Errorf("loop %v, first slide from frame %d; want %v, %d", d.Loop, d.Slides[0].StartFrame, tt.loop, tt.firstFrom)
			}
		})
	}
}
