package slideshow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// buildFile plans a storyboard with its own settings, as "kenburns render
// FILE" does without flags.
func buildFile(sb *storyboard.Storyboard) (*Plan, error) {
	return Build(context.Background(), sb, StoryboardOptions(sb, DefaultOptions()))
}

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
			// Load returns the storyboard with its text's problems, so that
			// Build reports them together with the rest.
			sb, err := storyboard.Load(f)
			if sb != nil {
				_, err = buildFile(sb)
			}
			if err == nil {
				t.Fatal("planned without error")
			}
			var se *storyboard.Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *storyboard.Error: %v", err, err)
			}
			if sb != nil && !errors.Is(err, ErrInvalid) {
				t.Errorf("error %T is not ErrInvalid: %v", err, err)
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

// parseSB parses a storyboard written in a test, with photos from examples.
func parseSB(t *testing.T, src string) *storyboard.Storyboard {
	t.Helper()
	sb, err := storyboard.Parse("../examples/test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sb
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
			p, err := buildFile(parseSB(t, head+tt.motion))
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
	src, err := os.ReadFile(filepath.Join("..", "internal", "storyboard", "testdata", "settings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sb := parseSB(t, string(src))
	o := StoryboardOptions(sb, DefaultOptions())
	if o.Output != filepath.Join("..", "examples", "out", "v.mp4") || o.Width != 1080 || o.Height != 1920 || o.FPS != (setting.Rate{Num: 25, Den: 1}) ||
		o.Seed != 7 || o.Engine != setting.EngineZoompan || o.Background.R != 0x10 || o.AudioFadeOut != 1500*time.Millisecond || len(o.Music) != 2 {
		t.Errorf("options from the file not applied: %+v", o)
	}
	p, err := Build(context.Background(), sb, o)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		frames int
		fit    setting.Fit
		out    string
		outN   int
	}
	// At 25 fps the slides start at 0, 2.5s, 4s and 6s: frames 0, 63, 100
	// and 150, so the 0.5s dissolve takes 75 − 63 = 12 frames.
	want := []row{{75, setting.FitPad, "dissolve", 12}, {50, setting.FitBlur, "wipeleft", 13}, {75, setting.FitCrop, "dissolve", 25}, {75, setting.FitPad, "none", 0}}
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

// describe formats what a plan shows, for messages.
func describe(p *Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%dx%d %sfps frames=%d\n", p.Width, p.Height, p.FPS, p.Frames)
	for i, s := range p.Slides {
		fmt.Fprintf(&b, "slide %d %s fit=%s start=%d frames=%d out=%s/%d\n", i+1, s.Photo.Path, s.Fit, s.Start, s.Frames, s.Out.Name, s.Out.Frames)
		for _, k := range s.Motion.Keyframes {
			fmt.Fprintf(&b, "  %+v\n", k)
		}
	}
	return b.String()
}

// TestWriteStoryboardRoundTrip: a storyboard written for a folder plans
// exactly the folder's plan, so init then render equals render.
func TestWriteStoryboardRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		opts func(*Options)
	}{
		{"default", func(*Options) {}},
		{"vertical-seed-pad", func(o *Options) { o.Width, o.Height, o.Seed, o.Fit = 1080, 1920, 42, setting.FitPad }},
		{"preset-25fps-odd-lengths", func(o *Options) {
			o.Motion, o.FPS, o.Duration, o.TransitionDuration, o.Transition = "zoom-out-top-right", setting.Rate{Num: 25, Den: 1}, 3333*time.Millisecond, 700*time.Millisecond, "wipeup"
		}},
		{"ntsc", func(o *Options) { o.FPS = setting.Rate{Num: 30000, Den: 1001}; o.Duration = 2500 * time.Millisecond }},
		{"music-fit-and-beats", func(o *Options) {
			dir := musicFiles(t, "a.mp3", "b.ogg")
			o.AudioReader = &fakeAudio{
				length: map[string]time.Duration{"a.mp3": secs(9), "b.ogg": secs(12)},
				onsets: map[string][]time.Duration{"b.ogg": {secs(1), secs(2.5), secs(4.2), secs(6.1), secs(8)}},
			}
			o.Music = TrackFiles([]string{filepath.Join(dir, "a.mp3"), filepath.Join(dir, "b.ogg")})
			o.MusicFit, o.Sync, o.SyncMin, o.AudioCrossfade = setting.MusicFitMusic, setting.SyncBeats, time.Second, 2*time.Second
		}},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Inputs = []string{"../examples/photos"}
			o.Output = "../examples/x.mp4"
			tt.opts(&o)
			folder, _, err := Open(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Build(ctx, folder, o)
			if err != nil {
				t.Fatal(err)
			}
			if o.Sync == setting.SyncBeats && !slices.ContainsFunc(want.Cuts, func(c Cut) bool { return !c.Unchanged }) {
				t.Fatalf("beat sync moved no cut: %+v", want.Cuts)
			}
			var b bytes.Buffer
			if err := storyboard.Write(&b, Freeze(want, o), "../examples", o.Output); err != nil {
				t.Fatal(err)
			}
			sb, err := storyboard.Parse("../examples/init.yaml", b.Bytes())
			if err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
			ro := StoryboardOptions(sb, DefaultOptions())
			ro.AudioReader = o.AudioReader
			got, err := Build(ctx, sb, ro)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got.Music {
				got.Music[i].File = want.Music[i].File
			}
			for i := range got.Slides {
				got.Slides[i].Photo.Path = want.Slides[i].Photo.Path
				got.Slides[i].Photo.Taken = want.Slides[i].Photo.Taken
				// The written keyframes are smart motion's choice; planning
				// them does not look at the photo again.
				got.Slides[i].Interest = want.Slides[i].Interest
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("plan from the written storyboard differs\ngot:\n%s\nwant:\n%s\nstoryboard:\n%s", describe(got), describe(want), b.String())
			}
		})
	}
}

// TestStoryboardPlanErrors covers the problems of a storyboard that only
// planning finds, and a file that is not there.
func TestStoryboardPlanErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"defaults motion keyframes", "defaults: {motion: [{at: 0}]}\nslides: [photos/01-mandelbrot.jpg]\n", ":1:20: defaults: motion must be a preset name"},
		{"duration below a frame", "output: {fps: 10}\nslides: [{photo: photos/01-mandelbrot.jpg, duration: 10ms}]\n", ":2:54: slide 1 (01-mandelbrot.jpg): duration 0.01s is shorter than one frame at 10 fps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildFile(parseSB(t, tt.src))
			var se *storyboard.Error
			if !errors.As(err, &se) || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant a *storyboard.Error, ErrInvalid, containing %q", err, tt.want)
			}
		})
	}
	o := DefaultOptions()
	o.Inputs = []string{"testdata/no-such.yaml"}
	if _, _, err := Open(context.Background(), o); err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestStoryboardFlagsOverride(t *testing.T) {
	sb, err := storyboard.Load("../examples/keyframes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := StoryboardOptions(sb, DefaultOptions())
	o.Width, o.Height, o.FPS = 320, 180, setting.Rate{Num: 10, Den: 1}
	p, err := Build(context.Background(), sb, o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 320 || p.FPS.Num != 10 || p.Slides[0].Frames != 40 {
		t.Errorf("overrides not applied: %dx%d at %s fps, slide 1 has %d frames", p.Width, p.Height, p.FPS, p.Slides[0].Frames)
	}
	// A flag can make the file's transitions too long for the slides.
	o.Duration = 100 * time.Millisecond
	if _, err := Build(context.Background(), sb, o); err == nil || !strings.Contains(err.Error(), "slide 1 (01-mandelbrot.jpg): the transition to slide 2 (0.5s) is longer than that slide (0.1s)") {
		t.Errorf("short --duration: %v", err)
	}
}
