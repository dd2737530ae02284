package render

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/slideshow"
)

func photos() []photo.Info {
	return []photo.Info{
		{Path: "photos/harbour.jpg", Format: "jpeg", Orientation: 1, Width: 4000, Height: 3000},
		{Path: "photos/tower: tall 'one'.jpg", Format: "jpeg", Orientation: 6, Width: 2000, Height: 3000},
		{Path: "photos/panorama.jpg", Format: "jpeg", Orientation: 1, Width: 8000, Height: 2000},
	}
}

// planPhotos plans photos already read, as a folder is planned.
func planPhotos(t *testing.T, photos []photo.Info, opts slideshow.Options) *slideshow.Plan {
	t.Helper()
	p, err := slideshow.Build(context.Background(), slideshow.FromPhotos(photos), opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// dump renders a plan as text: slides, keyframes, chunks and argv.
func dump(t *testing.T, p *slideshow.Plan) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%dx%d %sfps frames=%d engine=%s\n", p.Width, p.Height, p.FPS, p.Frames, p.Engine)
	for i, s := range p.Slides {
		fmt.Fprintf(&b, "slide %d %s fit=%s frames=%d work=%v dest=%v out=%s/%d base=%.4fx%.4f\n",
			i+1, s.Photo.Path, s.Fit, s.Frames, s.Work, s.Dest, s.Out.Name, s.Out.Frames, s.Motion.Frame.BaseW, s.Motion.Frame.BaseH)
		for _, k := range s.Motion.Keyframes {
			fmt.Fprintf(&b, "  at=%g zoom=%.4f center=(%.4f,%.4f) ease=%s\n", k.At, k.Zoom, k.CX, k.CY, k.Ease)
		}
	}
	for i, c := range p.Chunks {
		fmt.Fprintf(&b, "chunk %d slide=%d start=%d frames=%d first=%d\n", i+1, c.Slide+1, c.Start, c.Frames, c.First)
		cmd, err := ChunkCommand(p, i, "/work")
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "  pipes=%v\n  ffmpeg %q\n", cmd.Pipes, cmd.Args)
	}
	cmd, err := MuxCommand(p, "/work", "/out/video.mp4")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "mux ffmpeg %q\n", cmd.Args)
	return b.String()
}

func TestPlanGolden(t *testing.T) {
	tests := []struct {
		name string
		opts func(*slideshow.Options)
		// audio is set on the plan rather than planned: Build checks that
		// music exists, and these made-up paths show how paths are quoted.
		audio []string
	}{
		{"default", func(o *slideshow.Options) {}, nil},
		{"pad-720p", func(o *slideshow.Options) { o.Fit = setting.FitPad; o.Width, o.Height = 1280, 720 }, nil},
		{"blur-vertical", func(o *slideshow.Options) { o.Fit = setting.FitBlur; o.Width, o.Height = 1080, 1920 }, nil},
		{"zoompan", func(o *slideshow.Options) { o.Engine = setting.EngineZoompan; o.Fit = setting.FitCrop }, nil},
		{"cut-25fps", func(o *slideshow.Options) {
			o.Transition = "none"
			o.FPS = setting.Rate{Num: 25, Den: 1}
			o.Duration = 3 * time.Second
		}, nil},
		{"audio", func(o *slideshow.Options) { o.Transition = "wipeleft" }, []string{"/music/theme: one.mp3"}},
		{"two-audio", func(o *slideshow.Options) { o.AudioFadeOut = 0 }, []string{"/m/a.mp3", "/m/b.ogg"}},
		{"preset-motion", func(o *slideshow.Options) { o.Motion = "zoom-out-bottom-left"; o.Zoom = 1.5 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := slideshow.DefaultOptions()
			tt.opts(&o)
			p := planPhotos(t, photos(), o)
			p.Music = fileTracks(tt.audio)
			golden.Check(t, filepath.Join("testdata", "plan-"+tt.name+".golden"), dump(t, p))
			// Planning is deterministic: the same inputs give the same plan.
			again := planPhotos(t, photos(), o)
			again.Music = fileTracks(tt.audio)
			if dump(t, again) != dump(t, p) {
				t.Error("planning twice gave different plans")
			}
		})
	}
}

// TestStoryboardGolden plans storyboards at several output sizes: the same
// keyframes frame the photos the same way at any size.
func TestStoryboardGolden(t *testing.T) {
	// Run from internal/, so that the photo paths in the goldens read
	// ../examples/photos/..., independent of where this package lives.
	t.Chdir("..")
	tests := []struct {
		name, file string
		opts       func(*slideshow.Options)
	}{
		{"keyframes", "../examples/keyframes.yaml", func(*slideshow.Options) {}},
		{"keyframes-vertical", "../examples/keyframes.yaml", func(o *slideshow.Options) { o.Width, o.Height = 1080, 1920 }},
		{"keyframes-4k-zoompan", "../examples/keyframes.yaml", func(o *slideshow.Options) {
			o.Width, o.Height, o.Engine = 3840, 2160, setting.EngineZoompan
		}},
		{"fits", "render/testdata/storyboard-fits.yaml", func(*slideshow.Options) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, err := storyboard.Load(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			o := slideshow.StoryboardOptions(sb, slideshow.DefaultOptions())
			tt.opts(&o)
			p, err := slideshow.Build(context.Background(), sb, o)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("render", "testdata", "storyboard-"+tt.name+".golden"), dump(t, p))
		})
	}
}

// TestLongGraphGoesToScript: a zoompan slide with many keyframes makes a
// graph longer than Linux allows in one argument; it must go to a file.
func TestLongGraphGoesToScript(t *testing.T) {
	o := slideshow.DefaultOptions()
	o.Engine = setting.EngineZoompan
	o.Duration = 60 * time.Second
	// The keyframes are written in a storyboard, so that the planner
	// checks them and sizes the working copy for them. Every window stays
	// on the photo: zoom from 1.2 leaves room to move the centre by 0.05.
	sb := slideshow.FromPhotos(photos()[:1])
	m := &storyboard.MotionSpec{}
	for n := range 1000 {
		at := storyboard.Time{Seconds: float64(n) * 1.7 / o.FPS.Float()}
		zoom, center := 1.2+float64(n%7)/10, [2]float64{0.45 + float64(n%3)/20, 0.5}
		m.Keyframes = append(m.Keyframes, storyboard.KeyframeSpec{At: &at, Zoom: &zoom, Center: &center})
	}
	sb.Slides[0].Setting.Motion = m
	p, err := slideshow.Build(context.Background(), sb, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Slides[0].Motion.Keyframes); n != 1000 {
		t.Fatalf("planned %d keyframes, want 1000", n)
	}
	cmd, err := ChunkCommand(p, 0, "/work")
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
	short := planPhotos(t, photos(), o)
	if c, _ := ChunkCommand(short, 0, "/work"); c.Files != nil || !slices.Contains(c.Args, "-filter_complex") {
		t.Error("a short graph was moved to a script")
	}
}

// fileTracks are tracks of files alone, unread, as a plan without an
// AudioReader has them.
func fileTracks(files []string) []slideshow.Track {
	var ts []slideshow.Track
	for _, f := range files {
		ts = append(ts, slideshow.Track{File: f, Volume: 1})
	}
	return ts
}
