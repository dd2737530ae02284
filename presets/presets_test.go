package presets

import (
	"errors"
	"testing"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
)

func TestMotionPresets(t *testing.T) {
	f := effects.CoverFrame(4.0/3, 16.0/9)
	for _, name := range MotionNames() {
		t.Run(name, func(t *testing.T) {
			ks, err := Motion(name, 1.5, 120, f)
			if err != nil {
				t.Fatal(err)
			}
			m := effects.Motion{Frame: f, Keyframes: ks}
			for n := 0; n < 120; n++ {
				if w := m.At(float64(n)); !w.Inside() {
					t.Fatalf("frame %d: window %+v leaves the photo", n, w)
				}
			}
		})
	}
	t.Run("zoom-out-bottom-left ends wide and starts in the corner", func(t *testing.T) {
		ks, _ := Motion("zoom-out-bottom-left", 2, 100, f)
		first := f.Window(ks[0].Zoom, ks[0].CX, ks[0].CY)
		if first.X != 0 || first.Y+first.H < 1-1e-9 || ks[len(ks)-1].Zoom != 1 {
			t.Errorf("keyframes %+v", ks)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		_, err := Motion("zoom-in-top-lef", 1.2, 10, f)
		var ue *effects.UnknownError
		if !errors.As(err, &ue) || ue.Suggest != "zoom-in-top-left" {
			t.Errorf("err = %v", err)
		}
	})
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in     string
		w, h   int
		wantOK bool
	}{
		{"1920x1080", 1920, 1080, true},
		{"1280X720", 1280, 720, true},
		{"vertical", 1080, 1920, true},
		{"4K", 3840, 2160, true},
		{"1921x1080", 0, 0, false},
		{"8x8", 0, 0, false},
		{"big", 0, 0, false},
		{"100000x100", 0, 0, false},
		{"1920x1080junk", 0, 0, false},
		{"8192x8192", 8192, 8192, true},
		{"8194x16", 0, 0, false},
		{"square", 1080, 1080, true},
		{"4:5", 1080, 1350, true},
		{"4:3", 1440, 1080, true},
		{"720p", 1280, 720, true},
		{"gif", 480, 270, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, h, err := ParseSize(tt.in)
			if (err == nil) != tt.wantOK || w != tt.w || h != tt.h {
				t.Errorf("ParseSize(%q) = %d, %d, %v", tt.in, w, h, err)
			}
		})
	}
}

// TestSizePresets checks the output presets: each a valid size
// (even sides, in bounds), and gif's frame rate.
func TestSizePresets(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		fps  int // 0 = the format sets none
	}{
		{"1080p", 1920, 1080, 0},
		{"720p", 1280, 720, 0},
		{"4k", 3840, 2160, 0},
		{"vertical", 1080, 1920, 0},
		{"square", 1080, 1080, 0},
		{"4:5", 1080, 1350, 0},
		{"4:3", 1440, 1080, 0},
		{"gif", 480, 270, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sz, ok := SizePreset(tt.name)
			if !ok {
				t.Fatalf("no preset %q", tt.name)
			}
			if sz.Width != tt.w || sz.Height != tt.h || sz.FPS.Num != tt.fps {
				t.Errorf("%s = %dx%d at %v fps, want %dx%d at %d", tt.name, sz.Width, sz.Height, sz.FPS, tt.w, tt.h, tt.fps)
			}
			if sz.Desc == "" {
				t.Errorf("%s has no description", tt.name)
			}
			if err := setting.CheckSize(sz.Width, sz.Height); err != nil {
				t.Error(err)
			}
		})
	}
	if Sizes()[0].Name != "1080p" {
		t.Errorf("the first (default) size is %s, want 1080p", Sizes()[0].Name)
	}
}
