package storyboard

import (
	"bytes"
	"errors"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
)

// parseTest parses a storyboard written in a test, as if it sat in examples/.
func parseTest(t *testing.T, src string) (*Storyboard, error) {
	t.Helper()
	return Parse("../../examples/test.yaml", []byte(src))
}

// TestParseErrors covers what examples/errors cannot: files that are not
// there, are empty or hold several documents, and mistakes the text alone
// shows.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "the storyboard is empty"},
		{"two documents", "slides: [photos/01-mandelbrot.jpg]\n---\nslides: []\n", ":3:7: a storyboard is one YAML document"},
		{"not a mapping", "- photos/01-mandelbrot.jpg\n", ":1:1: the storyboard must be a mapping"},
		{"alias to nowhere", "slides: [*a]\n", ":1:10: slide 1: alias *a: no anchor &a before it"},
		{"both size and preset", "output: {size: 640x360, preset: 720p}\nslides: [photos/01-mandelbrot.jpg]\n", ":1:25: output has both size and preset"},
		{"rect and zoom", "slides:\n  - photo: photos/01-mandelbrot.jpg\n    motion: [{zoom: 2, rect: [0, 0, 1, 1]}]\n", ":3:24: slide 1 (01-mandelbrot.jpg): keyframe 1: give either rect or zoom and center"},
		{"keyframe without time in the middle", "slides:\n  - photo: photos/01-mandelbrot.jpg\n    motion: [{zoom: 1}, {zoom: 2}, {at: 1s}]\n", ":3:25: slide 1 (01-mandelbrot.jpg): keyframe 2 has no at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTest(t, tt.src)
			var se *Error
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant an *Error containing %q", err, tt.want)
			}
		})
	}
	_, err := Load("testdata/no-such.yaml")
	var re *ReadError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

// TestParseSettings checks that every setting is decoded, in its long and
// short forms, with paths resolved against the storyboard's folder.
func TestParseSettings(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "settings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sb, err := parseTest(t, string(src))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "examples")
	if want := (OutputSettings{File: filepath.Join(dir, "out", "v.mp4"), Width: 1080, Height: 1920, FPS: setting.Rate{Num: 25, Den: 1}}); sb.Output != want {
		t.Errorf("output = %+v, want %+v", sb.Output, want)
	}
	if sb.Seed == nil || *sb.Seed != 7 || sb.Engine != setting.EngineZoompan || sb.Background == nil || *sb.Background != (color.NRGBA{0x10, 0x20, 0x30, 0xff}) {
		t.Errorf("seed %v, engine %q, background %v: want 7, zoompan, #102030", sb.Seed, sb.Engine, sb.Background)
	}
	d := sb.Defaults
	if d.Duration == nil || *d.Duration != 3*time.Second || d.Transition == nil || d.Transition.Type != "dissolve" ||
		d.Transition.Duration == nil || *d.Transition.Duration != 500*time.Millisecond || d.Fit != setting.FitPad || d.Zoom != 1.5 {
		t.Errorf("defaults not decoded: %+v", d)
	}
	if len(sb.Music) != 2 || sb.Music[0].File != filepath.Join(dir, "photos", "01-mandelbrot.jpg") || sb.Music[0].FadeOut != nil ||
		sb.Music[1].FadeOut == nil || *sb.Music[1].FadeOut != 1500*time.Millisecond {
		t.Errorf("music not decoded: %+v", sb.Music)
	}
	type row struct {
		photo      string
		duration   time.Duration
		fit        setting.Fit
		transition string
		tdur       time.Duration
	}
	want := []row{
		{"01-mandelbrot.jpg", 0, "", "", 0},
		{"02-gradients.jpg", 2 * time.Second, setting.FitBlur, "wipeleft", 0},
		{"04-panorama-mandelbrot.jpg", 0, setting.FitPan, "", time.Second},
		{"03-portrait-spiral.jpg", 0, "", "", 0},
	}
	if len(sb.Slides) != len(want) {
		t.Fatalf("%d slides, want %d", len(sb.Slides), len(want))
	}
	for i, s := range sb.Slides {
		got := row{photo: filepath.Base(s.Photo), fit: s.Setting.Fit}
		if s.Setting.Duration != nil {
			got.duration = *s.Setting.Duration
		}
		if tr := s.Setting.Transition; tr != nil {
			got.transition = tr.Type
			if tr.Duration != nil {
				got.tdur = *tr.Duration
			}
		}
		if got != want[i] || filepath.Dir(s.Photo) != filepath.Join(dir, "photos") {
			t.Errorf("slide %d = %+v (%s), want %+v", i+1, got, s.Photo, want[i])
		}
	}
}

// TestWriteRoundTrip: what Write writes parses back to the same storyboard,
// keyframe numbers to the last bit, and writes again to the same text.
func TestWriteRoundTrip(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	d := func(v time.Duration) *time.Duration { return &v }
	seed := int64(42)
	bg := color.NRGBA{0x10, 0x20, 0x30, 0xff}
	tests := []struct {
		name string
		sb   *Storyboard
	}{
		{"plain", &Storyboard{
			Output:   OutputSettings{File: "dir/show.mp4", Width: 1920, Height: 1080, FPS: setting.Rate{Num: 30, Den: 1}},
			Defaults: SlideSettings{Duration: d(4 * time.Second), Transition: &TransitionSetting{Type: "fade", Duration: d(time.Second)}, Fit: setting.FitAuto, Zoom: 1.2},
			Slides:   []Slide{{Photo: "dir/photos/a.jpg"}, {Photo: "dir/photos/b c.jpg", Setting: SlideSettings{Motion: &MotionSpec{Preset: "zoom-in"}}}},
		}},
		{"everything", &Storyboard{
			Output:     OutputSettings{File: "dir/out/v.mp4", Width: 1080, Height: 1920, FPS: setting.Rate{Num: 30000, Den: 1001}},
			Seed:       &seed,
			Engine:     setting.EngineZoompan,
			Background: &bg,
			Defaults:   SlideSettings{Duration: d(3333 * time.Millisecond), Transition: &TransitionSetting{Type: "wipeup", Duration: d(700 * time.Millisecond)}, Fit: setting.FitPad, Zoom: 1.5},
			Music:      []Music{{File: "dir/a.mp3"}, {File: "dir/music/b: one.ogg", FadeOut: d(1500 * time.Millisecond)}},
			Slides: []Slide{
				{Photo: "dir/photos/yes.jpg", Caption: "it's 12:00, \"quoted\" [1] \\ 100% ✓\n\ttab: yes", Setting: SlideSettings{Fit: setting.FitBlur, Motion: &MotionSpec{Keyframes: []KeyframeSpec{
					{At: &Time{}, Zoom: f(1), Center: &[2]float64{0.5, 0.5}},
					{At: &Time{Seconds: 1.1}, Zoom: f(1.2000000000000002), Center: &[2]float64{1.0 / 3, 0.1 + 0.2}, Ease: effects.EaseInOut},
					{At: &Time{Seconds: 3.333}, Zoom: f(math.Nextafter(2, 3)), Center: &[2]float64{2.0 / 3, 0.4}},
				}}}},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tt.sb, "dir", "the test"); err != nil {
				t.Fatal(err)
			}
			sb, err := Parse("dir/init.yaml", b.Bytes())
			if err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
			var again bytes.Buffer
			if err := Write(&again, sb, "dir", "the test"); err != nil {
				t.Fatal(err)
			}
			if again.String() != b.String() {
				t.Errorf("written twice differs:\n%s\nthen:\n%s", b.String(), again.String())
			}
			if sb.Output != tt.sb.Output || !reflect.DeepEqual(sb.Seed, tt.sb.Seed) || sb.Engine != tt.sb.Engine ||
				!reflect.DeepEqual(sb.Background, tt.sb.Background) || !reflect.DeepEqual(sb.Music, withoutPos(sb.Music, tt.sb.Music)) {
				t.Errorf("settings differ:\n%s", b.String())
			}
			for i, s := range sb.Slides {
				w := tt.sb.Slides[i]
				if s.Photo != w.Photo || s.Setting.Fit != w.Setting.Fit {
					t.Errorf("slide %d = %s fit %q, want %s fit %q", i+1, s.Photo, s.Setting.Fit, w.Photo, w.Setting.Fit)
				}
				if w.Setting.Motion == nil {
					continue
				}
				if got, want := motion(s.Setting.Motion), motion(w.Setting.Motion); got != want {
					t.Errorf("slide %d motion = %s, want %s", i+1, got, want)
				}
			}
		})
	}
}

// withoutPos returns want with the positions of got, which Write cannot
// know.
func withoutPos(got, want []Music) []Music {
	out := append([]Music(nil), want...)
	for i := range out {
		if i < len(got) {
			out[i].Pos = got[i].Pos
		}
	}
	return out
}

// motion formats a motion's values exactly, without positions.
func motion(m *MotionSpec) string {
	var b strings.Builder
	b.WriteString(m.Preset)
	for _, k := range m.Keyframes {
		at := Time{}
		if k.At != nil {
			at = Time{Seconds: k.At.Seconds, Fraction: k.At.Fraction, IsFraction: k.At.IsFraction}
		}
		b.WriteString(" {" + at.String())
		if k.Zoom != nil {
			b.WriteString(" zoom " + num(*k.Zoom))
		}
		if k.Center != nil {
			b.WriteString(" center " + num(k.Center[0]) + "," + num(k.Center[1]))
		}
		b.WriteString(" " + k.Ease.String() + "}")
	}
	return b.String()
}
