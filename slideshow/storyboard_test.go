package slideshow

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/golden"
)

// TestStoryboardErrors checks every invalid storyboard in examples/errors
// against the message next to it (NAME.golden).
func TestStoryboardErrors(t *testing.T) {
	t.Chdir("..") // messages name files as users would: examples/errors/x.yaml
	files, err := filepath.Glob("examples/errors/*.yaml")
	if err != nil || len(files) < 12 {
		t.Fatalf("want at least 12 invalid storyboards in examples/errors, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := LoadStoryboard(f)
			if err == nil {
				t.Fatal("loaded without error")
			}
			var se *StoryboardError
			if !errors.As(err, &se) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %T is not a *StoryboardError and ErrInvalid: %v", err, err)
			}
			for _, p := range se.Problems {
				if p.File != f || !strings.Contains(err.Error(), p.String()) {
					t.Errorf("problem %v: wrong file or not shown", p)
				}
			}
			golden.Check(t, strings.TrimSuffix(f, ".yaml")+".golden", err.Error()+"\n")
		})
	}
}

// TestStoryboardGolden plans example storyboards at several output sizes:
// the same keyframes frame the photos the same way at any size.
func TestStoryboardGolden(t *testing.T) {
	tests := []struct {
		name, file string
		opts       func(*Options)
	}{
		{"keyframes", "../examples/keyframes.yaml", func(*Options) {}},
		{"keyframes-vertical", "../examples/keyframes.yaml", func(o *Options) { o.Width, o.Height = 1080, 1920 }},
		{"keyframes-4k-zoompan", "../examples/keyframes.yaml", func(o *Options) { o.Width, o.Height, o.Engine = 3840, 2160, EngineZoompan }},
		{"fits", "testdata/storyboard-fits.yaml", func(*Options) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, err := LoadStoryboard(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			o := sb.Options(DefaultOptions())
			tt.opts(&o)
			p, err := sb.Plan(o)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "storyboard-"+tt.name+".golden"), dump(t, p))
		})
	}
}

// sb parses a storyboard written in a test, with photos from examples.
func parseSB(t *testing.T, src string) (*Storyboard, error) {
	t.Helper()
	return ParseStoryboard("../examples/test.yaml", []byte(src))
}

func TestStoryboardKeyframes(t *testing.T) {
	const head = "output: {size: 1600x900, fps: 10}\nslides:\n  - photo: photos/01-mandelbrot.jpg\n    duration: 2s\n    motion:\n"
	tests := []struct {
		name   string
		motion string
		want   [][2]float64 // at (frames), zoom
	}{
		{"seconds map to frames, the end to the last frame", "      - {at: 0, zoom: 1}\n      - {at: 0.5s, zoom: 2}\n      - {at: 2s, zoom: 3}\n", [][2]float64{{0, 1}, {5, 2}, {19, 3}}},
		{"percent of the slide", "      - {at: 0%, zoom: 1}\n      - {at: 50%, zoom: 2}\n      - {at: end, zoom: 3}\n", [][2]float64{{0, 1}, {9.5, 2}, {19, 3}}},
		{"first and last may leave at out", "      - {zoom: 1.5}\n      - {zoom: 2}\n", [][2]float64{{0, 1.5}, {19, 2}}},
		{"a keyframe with only a time holds", "      - {at: 0, zoom: 2}\n      - {at: 1s}\n", [][2]float64{{0, 2}, {10, 2}}},
		{"plain numbers are seconds", "      - {at: 0, zoom: 1}\n      - {at: 1.5, zoom: 2}\n", [][2]float64{{0, 1}, {15, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, err := parseSB(t, head+tt.motion)
			if err != nil {
				t.Fatal(err)
			}
			p, err := sb.Plan(sb.Options(DefaultOptions()))
			if err != nil {
				t.Fatal(err)
			}
			var got [][2]float64
			for _, k := range p.Slides[0].Motion.Keyframes {
				got = append(got, [2]float64{k.At, k.Zoom})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("keyframes (at, zoom) = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStoryboardSettings(t *testing.T) {
	src := `output: {file: out/v.mp4, preset: vertical, fps: 25}
seed: 7
engine: zoompan
background: "#102030"
defaults: {duration: 3s, transition: {type: dissolve, duration: 0.5s}, fit: pad, zoom: 1.5}
music: [photos/01-mandelbrot.jpg, {file: photos/02-gradients.jpg, fade_out: 1.5s}]
slides:
  - photos/01-mandelbrot.jpg
  - photo: photos/02-gradients.jpg
    duration: 2s
    fit: blur
    transition: wipeleft
  - photo: photos/04-panorama-mandelbrot.jpg
    fit: pan
    transition: {duration: 1s}
  - photo: photos/03-portrait-spiral.jpg
`
	sb, err := parseSB(t, src)
	if err != nil {
		t.Fatal(err)
	}
	o := sb.Options(DefaultOptions())
	if o.Output != filepath.Join("..", "examples", "out", "v.mp4") || o.Width != 1080 || o.Height != 1920 || o.FPS != 25 ||
		o.Seed != 7 || o.Engine != EngineZoompan || o.Background.R != 0x10 || o.AudioFadeOut != 1500*time.Millisecond || len(o.Audio) != 2 {
		t.Errorf("options from the file not applied: %+v", o)
	}
	p, err := sb.Plan(o)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		frames int
		fit    string
		out    string
		outN   int
	}
	want := []row{{75, FitPad, "dissolve", 13}, {50, FitBlur, "wipeleft", 13}, {75, FitCrop, "dissolve", 25}, {75, FitPad, "none", 0}}
	for i, s := range p.Slides {
		got := row{s.Frames, s.Fit, s.Out.Name, s.Out.Frames}
		if got != want[i] {
			t.Errorf("slide %d = %+v, want %+v", i+1, got, want[i])
		}
	}
	// The pan fit pans the panorama end to end, whatever the frame.
	ks := p.Slides[2].Motion.Keyframes
	if ks[0].CY != 0.5 || ks[1].CY != 0.5 || ks[0].CX == ks[1].CX || ks[0].Zoom != 1 {
		t.Errorf("pan fit keyframes = %+v, want a horizontal pan at zoom 1", ks)
	}
}

// TestWriteStoryboardRoundTrip: a storyboard written for a folder plans
// exactly the folder's plan, so init then render equals render.
func TestWriteStoryboardRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		opts func(*Options)
	}{
		{"default", func(*Options) {}},
		{"vertical-seed-pad", func(o *Options) { o.Width, o.Height, o.Seed, o.Fit = 1080, 1920, 42, FitPad }},
		{"preset-25fps-odd-lengths", func(o *Options) {
			o.Motion, o.FPS, o.Duration, o.TransitionDuration, o.Transition = "zoom-out-top-right", 25, 3333*time.Millisecond, 700*time.Millisecond, "wipeup"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Inputs = []string{"../examples/photos"}
			o.Output = "../examples/x.mp4"
			tt.opts(&o)
			want, _, err := Build(o)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := WriteStoryboard(&b, want, o, "../examples", o.Output); err != nil {
				t.Fatal(err)
			}
			sb, err := ParseStoryboard("../examples/init.yaml", b.Bytes())
			if err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
			got, err := sb.Plan(sb.Options(DefaultOptions()))
			if err != nil {
				t.Fatal(err)
			}
			for i := range got.Slides {
				got.Slides[i].Photo.Path = want.Slides[i].Photo.Path
				got.Slides[i].Photo.Taken = want.Slides[i].Photo.Taken
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("plan from the written storyboard differs\ngot:\n%s\nwant:\n%s\nstoryboard:\n%s", dump(t, got), dump(t, want), b.String())
			}
		})
	}
}

// TestStoryboardLoadErrors covers what examples/errors cannot: files that
// are not there, are empty or hold several documents.
func TestStoryboardLoadErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "the storyboard is empty"},
		{"two documents", "slides: [photos/01-mandelbrot.jpg]\n---\nslides: []\n", ":3:7: a storyboard is one YAML document"},
		{"not a mapping", "- photos/01-mandelbrot.jpg\n", ":1:1: the storyboard must be a mapping"},
		{"alias to nowhere", "slides: [*a]\n", ":1:10: slide 1: alias *a: no anchor &a before it"},
		{"defaults motion keyframes", "defaults: {motion: [{at: 0}]}\nslides: [photos/01-mandelbrot.jpg]\n", ":1:20: defaults: motion must be a preset name"},
		{"duration below a frame", "output: {fps: 10}\nslides: [{photo: photos/01-mandelbrot.jpg, duration: 10ms}]\n", ":2:54: slide 1 (01-mandelbrot.jpg): duration 10ms is shorter than one frame at 10 fps"},
		{"both size and preset", "output: {size: 640x360, preset: 720p}\nslides: [photos/01-mandelbrot.jpg]\n", ":1:25: output has both size and preset"},
		{"rect and zoom", "slides:\n  - photo: photos/01-mandelbrot.jpg\n    motion: [{zoom: 2, rect: [0, 0, 1, 1]}]\n", ":3:24: slide 1 (01-mandelbrot.jpg): keyframe 1: give either rect or zoom and center"},
		{"keyframe without time in the middle", "slides:\n  - photo: photos/01-mandelbrot.jpg\n    motion: [{zoom: 1}, {zoom: 2}, {at: 1s}]\n", ":3:25: slide 1 (01-mandelbrot.jpg): keyframe 2 has no at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseSB(t, tt.src)
			if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := LoadStoryboard("testdata/no-such.yaml"); err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestStoryboardFlagsOverride(t *testing.T) {
	sb, err := LoadStoryboard("../examples/keyframes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := sb.Options(DefaultOptions())
	o.Width, o.Height, o.FPS = 320, 180, 10
	p, err := sb.Plan(o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 320 || p.FPS != 10 || p.Slides[0].Frames != 40 {
		t.Errorf("overrides not applied: %dx%d at %d fps, slide 1 has %d frames", p.Width, p.Height, p.FPS, p.Slides[0].Frames)
	}
	// A flag can make the file's transitions too long for the slides.
	o.Duration = 100 * time.Millisecond
	if _, err := sb.Plan(o); err == nil || !strings.Contains(err.Error(), "slide 1 (01-mandelbrot.jpg): the transition to slide 2 (0.5s) is longer than that slide (0.1s)") {
		t.Errorf("short --duration: %v", err)
	}
}
