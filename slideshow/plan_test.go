package slideshow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
)

func photos() []photo.Info {
	return []photo.Info{
		{Path: "photos/harbour.jpg", Format: "jpeg", Orientation: 1, Width: 4000, Height: 3000},
		{Path: "photos/tower: tall 'one'.jpg", Format: "jpeg", Orientation: 6, Width: 2000, Height: 3000},
		{Path: "photos/panorama.jpg", Format: "jpeg", Orientation: 1, Width: 8000, Height: 2000},
	}
}

// planPhotos plans photos already read, as a folder is planned.
func planPhotos(photos []photo.Info, opts Options) (*Plan, error) {
	return Build(context.Background(), FromPhotos(photos), opts)
}

func TestPlanTiming(t *testing.T) {
	// Every time is rounded once: the video has round((Σ durations − Σ
	// transitions) × fps) frames, rounding half up.
	tests := []struct {
		name       string
		n          int
		dur, trans time.Duration
		fps        int
		transition string
		want       int
	}{
		{"one slide", 1, 4 * time.Second, time.Second, 30, "fade", 4 * 30},
		{"three fades", 3, 4 * time.Second, time.Second, 30, "fade", (3*4 - 2*1) * 30},
		{"cuts", 3, 4 * time.Second, time.Second, 30, "none", 3 * 4 * 30},
		{"fractional", 5, 2500 * time.Millisecond, 700 * time.Millisecond, 25, "dissolve", 243}, // (5×2.5 − 4×0.7) × 25 = 242.5
		{"transition half the slide", 4, 2 * time.Second, time.Second, 10, "fade", (4*2 - 3*1) * 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Duration, o.TransitionDuration, o.FPS, o.Transition = tt.dur, tt.trans, setting.Rate{Num: tt.fps, Den: 1}, tt.transition
			var ps []photo.Info
			for i := 0; i < tt.n; i++ {
				ps = append(ps, photos()[i%3])
			}
			p, err := planPhotos(ps, o)
			if err != nil {
				t.Fatal(err)
			}
			if p.Frames != tt.want {
				t.Errorf("Frames = %d, want %d", p.Frames, tt.want)
			}
			sum := 0
			for i, c := range p.Chunks {
				if c.First != sum {
					t.Errorf("chunk %d starts at %d, want %d", i+1, c.First, sum)
				}
				sum += c.Frames
			}
			if sum != p.Frames {
				t.Errorf("chunks add up to %d frames, want %d", sum, p.Frames)
			}
		})
	}
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name string
		opts func(*Options)
		want string
	}{
		{"transition too long", func(o *Options) { o.TransitionDuration = 3 * time.Second }, "longer than the slide"},
		{"unknown transition", func(o *Options) { o.Transition = "fdae" }, `did you mean "fade"`},
		{"unknown motion", func(o *Options) { o.Motion = "zoom-in-top-lef" }, `did you mean "zoom-in-top-left"`},
		{"odd size", func(o *Options) { o.Width = 1921 }, "even"},
		{"zero fps", func(o *Options) { o.FPS = setting.Rate{} }, "fps"},
		{"bad fit", func(o *Options) { o.Fit = "stretch" }, "fit"},
		{"zoom below 1", func(o *Options) { o.Zoom = 0.5 }, "zoom"},
		{"tiny duration", func(o *Options) { o.Duration = time.Millisecond }, "shorter than one frame"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			tt.opts(&o)
			_, err := planPhotos(photos(), o)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %q is not ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

// TestAutoMotionStaysOnPhoto checks that auto motion never shows anything
// outside the photo, for photos of every shape and both frame shapes.
func TestAutoMotionStaysOnPhoto(t *testing.T) {
	shapes := []struct{ w, h int }{{4000, 3000}, {3000, 4000}, {8000, 2000}, {1000, 1000}, {1920, 1080}, {600, 4000}}
	frames := []struct{ w, h int }{{1920, 1080}, {1080, 1920}, {1080, 1080}}
	for _, fr := range frames {
		for _, fit := range []setting.Fit{setting.FitAuto, setting.FitCrop, setting.FitPad, setting.FitBlur} {
			t.Run(fmt.Sprintf("%dx%d-%s", fr.w, fr.h, fit), func(t *testing.T) {
				var ps []photo.Info
				for i, s := range shapes {
					ps = append(ps, photo.Info{Path: fmt.Sprintf("p%d.jpg", i), Width: s.w, Height: s.h, Orientation: 1})
				}
				o := DefaultOptions()
				o.Width, o.Height, o.Fit, o.Zoom = fr.w, fr.h, fit, 1.5
				p, err := planPhotos(ps, o)
				if err != nil {
					t.Fatal(err)
				}
				for i, s := range p.Slides {
					first, last := s.Motion.At(0), s.Motion.At(float64(s.Frames-1))
					if first == last {
						t.Errorf("slide %d does not move", i+1)
					}
					for n := 0; n < s.Frames; n++ {
						w := s.Motion.At(float64(n))
						if !w.Inside() {
							t.Fatalf("slide %d frame %d: window %+v leaves the photo", i+1, n, w)
						}
						// The window keeps the output's shape (or the photo's, padded).
						got := w.W * float64(s.Photo.Width) / (w.H * float64(s.Photo.Height))
						want := float64(s.Dest.Dx()) / float64(s.Dest.Dy())
						if d := got/want - 1; d > 0.01 || d < -0.01 {
							t.Fatalf("slide %d frame %d: window aspect %.4f, want %.4f", i+1, n, got, want)
						}
					}
				}
			})
		}
	}
}

// TestSeed: auto motion is random but reproducible.
func TestSeed(t *testing.T) {
	motions := func(seed int64) string {
		o := DefaultOptions()
		o.Seed = seed
		var ps []photo.Info
		for i := 0; i < 8; i++ {
			ps = append(ps, photo.Info{Path: fmt.Sprintf("p%d.jpg", i), Width: 4000, Height: 3000, Orientation: 1})
		}
		p, err := planPhotos(ps, o)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, s := range p.Slides {
			fmt.Fprintf(&b, "%+v\n", s.Motion.Keyframes)
		}
		return b.String()
	}
	first, again := motions(1), motions(1)
	if first != again {
		t.Error("the same seed gave different motions")
	}
	if first == motions(2) {
		t.Error("different seeds gave the same motions")
	}
}
