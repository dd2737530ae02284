package slideshow

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/photo"
)

func photos() []photo.Info {
	return []photo.Info{
		{Path: "photos/harbour.jpg", Format: "jpeg", Orientation: 1, Width: 4000, Height: 3000},
		{Path: "photos/tower: tall 'one'.jpg", Format: "jpeg", Orientation: 6, Width: 2000, Height: 3000},
		{Path: "photos/panorama.jpg", Format: "jpeg", Orientation: 1, Width: 8000, Height: 2000},
	}
}

// dump renders a plan as text: slides, keyframes, chunks and argv.
func dump(t *testing.T, p *Plan) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%dx%d %dfps frames=%d engine=%s\n", p.Width, p.Height, p.FPS, p.Frames, p.Engine)
	for i, s := range p.Slides {
		fmt.Fprintf(&b, "slide %d %s fit=%s frames=%d work=%v dest=%v out=%s/%d base=%.4fx%.4f\n",
			i+1, s.Photo.Path, s.Fit, s.Frames, s.Work, s.Dest, s.Out.Name, s.Out.Frames, s.Motion.Frame.BaseW, s.Motion.Frame.BaseH)
		for _, k := range s.Motion.Keyframes {
			fmt.Fprintf(&b, "  at=%g zoom=%.4f center=(%.4f,%.4f) ease=%s\n", k.At, k.Zoom, k.CX, k.CY, k.Ease)
		}
	}
	for i, c := range p.Chunks {
		fmt.Fprintf(&b, "chunk %d slide=%d start=%d frames=%d first=%d\n", i+1, c.Slide+1, c.Start, c.Frames, c.First)
		cmd, err := p.ChunkCommand(i, "/work")
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "  pipes=%v\n  ffmpeg %q\n", cmd.Pipes, cmd.Args)
	}
	cmd, err := p.MuxCommand("/work", "/out/video.mp4")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "mux ffmpeg %q\n", cmd.Args)
	return b.String()
}

func TestPlanGolden(t *testing.T) {
	tests := []struct {
		name string
		opts func(*Options)
	}{
		{"default", func(o *Options) {}},
		{"pad-720p", func(o *Options) { o.Fit = FitPad; o.Width, o.Height = 1280, 720 }},
		{"blur-vertical", func(o *Options) { o.Fit = FitBlur; o.Width, o.Height = 1080, 1920 }},
		{"zoompan", func(o *Options) { o.Engine = EngineZoompan; o.Fit = FitCrop }},
		{"cut-25fps", func(o *Options) { o.Transition = "none"; o.FPS = 25; o.Duration = 3 * time.Second }},
		{"audio", func(o *Options) { o.Audio = []string{"/music/theme: one.mp3"}; o.Transition = "wipeleft" }},
		{"two-audio", func(o *Options) { o.Audio = []string{"/m/a.mp3", "/m/b.ogg"}; o.AudioFadeOut = 0 }},
		{"preset-motion", func(o *Options) { o.Motion = "zoom-out-bottom-left"; o.Zoom = 1.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			tt.opts(&o)
			p, err := PlanPhotos(photos(), o)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "plan-"+tt.name+".golden"), dump(t, p))
			// Planning is deterministic: the same inputs give the same plan.
			again, err := PlanPhotos(photos(), o)
			if err != nil {
				t.Fatal(err)
			}
			if dump(t, again) != dump(t, p) {
				t.Error("planning twice gave different plans")
			}
		})
	}
}

func TestPlanTiming(t *testing.T) {
	tests := []struct {
		name       string
		n          int
		dur, trans time.Duration
		fps        int
		transition string
		want       int
	}{
		{"one slide", 1, 4 * time.Second, time.Second, 30, "fade", 120},
		{"three fades", 3, 4 * time.Second, time.Second, 30, "fade", 3*120 - 2*30},
		{"cuts", 3, 4 * time.Second, time.Second, 30, "none", 360},
		{"fractional", 5, 2500 * time.Millisecond, 700 * time.Millisecond, 25, "dissolve", 5*63 - 4*18},
		{"transition half the slide", 4, 2 * time.Second, time.Second, 10, "fade", 4*20 - 3*10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Duration, o.TransitionDuration, o.FPS, o.Transition = tt.dur, tt.trans, tt.fps, tt.transition
			var ps []photo.Info
			for i := 0; i < tt.n; i++ {
				ps = append(ps, photos()[i%3])
			}
			p, err := PlanPhotos(ps, o)
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
		{"zero fps", func(o *Options) { o.FPS = 0 }, "fps"},
		{"bad fit", func(o *Options) { o.Fit = "stretch" }, "fit"},
		{"zoom below 1", func(o *Options) { o.Zoom = 0.5 }, "zoom"},
		{"tiny duration", func(o *Options) { o.Duration = time.Millisecond }, "shorter than one frame"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			tt.opts(&o)
			_, err := PlanPhotos(photos(), o)
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
		for _, fit := range []string{FitAuto, FitCrop, FitPad, FitBlur} {
			t.Run(fmt.Sprintf("%dx%d-%s", fr.w, fr.h, fit), func(t *testing.T) {
				var ps []photo.Info
				for i, s := range shapes {
					ps = append(ps, photo.Info{Path: fmt.Sprintf("p%d.jpg", i), Width: s.w, Height: s.h, Orientation: 1})
				}
				o := DefaultOptions()
				o.Width, o.Height, o.Fit, o.Zoom = fr.w, fr.h, fit, 1.5
				p, err := PlanPhotos(ps, o)
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
		p, err := PlanPhotos(ps, o)
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

// TestLongGraphGoesToScript: a zoompan slide with many keyframes makes a
// graph longer than Linux allows in one argument; it must go to a file.
func TestLongGraphGoesToScript(t *testing.T) {
	o := DefaultOptions()
	o.Engine = EngineZoompan
	o.Duration = 60 * time.Second
	p, err := PlanPhotos(photos()[:1], o)
	if err != nil {
		t.Fatal(err)
	}
	s := &p.Slides[0]
	s.Motion.Keyframes = nil
	for n := 0; n < 1000; n++ {
		s.Motion.Keyframes = append(s.Motion.Keyframes, effects.Keyframe{At: float64(n) * 1.7, Zoom: 1 + float64(n%7)/10, CX: 0.4 + float64(n%3)/10, CY: 0.5})
	}
	if err := p.Finish(); err != nil {
		t.Fatal(err)
	}
	cmd, err := p.ChunkCommand(0, "/work")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(cmd.Args, "-filter_complex_script")
	if i < 0 || cmd.Args[i+1] != "/work/chunk-0001.graph" || len(cmd.Files["/work/chunk-0001.graph"]) <= maxGraphArg {
		t.Fatalf("long graph not moved to a script: args %d long, files %d", len(cmd.Args), len(cmd.Files))
	}
	for _, a := range cmd.Args {
		if len(a) > maxGraphArg {
			t.Errorf("an argument of %d bytes remains", len(a))
		}
	}
	// Short graphs stay inline.
	o.Duration = 4 * time.Second
	short, _ := PlanPhotos(photos(), o)
	if c, _ := short.ChunkCommand(0, "/work"); c.Files != nil || !slices.Contains(c.Args, "-filter_complex") {
		t.Error("a short graph was moved to a script")
	}
}
