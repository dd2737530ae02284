package slideshow

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// fakeAudio is an AudioReader over made-up files: their lengths and
// onsets by base name, and errors for the ones named "bad*".
type fakeAudio struct {
	length map[string]time.Duration
	onsets map[string][]time.Duration
	probes int
}

func (f *fakeAudio) Probe(_ context.Context, path string) (AudioInfo, error) {
	f.probes++
	name := filepath.Base(path)
	switch {
	case strings.HasPrefix(name, "bad"):
		return AudioInfo{}, errors.New("cannot be read as audio: Invalid data found when processing input")
	case strings.HasPrefix(name, "silent"):
		return AudioInfo{}, errors.New("has no audio stream")
	}
	return AudioInfo{Duration: f.length[name], SampleRate: 48000, Channels: 2}, nil
}

func (f *fakeAudio) Onsets(_ context.Context, path string) ([]time.Duration, error) {
	return f.onsets[filepath.Base(path)], nil
}

// musicFiles makes empty files for the fake's names in a temporary folder.
func musicFiles(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// buildMusic plans a storyboard whose music is in dir (written as DIR).
func buildMusic(t *testing.T, src, dir string, fa *fakeAudio) (*Plan, error) {
	t.Helper()
	sb := parseSB(t, strings.ReplaceAll(src, "DIR", dir))
	o := StoryboardOptions(sb, DefaultOptions())
	o.AudioReader = fa
	return Build(t.Context(), sb, o)
}

const fourSlides = `output: {size: 320x180, fps: 25}
defaults: {duration: 2s, transition: {type: none}, motion: none}
slides: [photos/01-mandelbrot.jpg, photos/02-gradients.jpg, photos/03-portrait-spiral.jpg, photos/05-seahorse-valley.jpg]
`

// TestMusicValidation: bad tracks fail Build's one validation step, each
// naming the file at its line and column.
func TestMusicValidation(t *testing.T) {
	dir := musicFiles(t, "bad.mp3", "silent.mp4", "empty.wav", "a.mp3")
	fa := &fakeAudio{length: map[string]time.Duration{"a.mp3": secs(10), "empty.wav": 0}}
	tests := []struct {
		name, music, want string
	}{
		{"unreadable", "[DIR/bad.mp3]", ":1:9: music 1: DIR/bad.mp3: cannot be read as audio"},
		{"no audio stream", "[{file: DIR/silent.mp4}]", ":1:16: music 1: DIR/silent.mp4: has no audio stream"},
		{"zero length", "[DIR/empty.wav]", ":1:9: music 1: DIR/empty.wav has no length"},
		{"start outside", "[{file: DIR/a.mp3, start: 12s}]", "music 1: DIR/a.mp3: start 12s is not within the track, which is 10s long"},
		{"end outside", "[{file: DIR/a.mp3, end: 10.5s}]", "music 1: DIR/a.mp3: end 10.5s is after the end of the track, which is 10s long"},
		{"missing", "[DIR/none.mp3]", "music 1: DIR/none.mp3: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildMusic(t, "music: "+tt.music+"\n"+fourSlides, dir, fa)
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			var se *storyboard.Error
			if !errors.As(err, &se) || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
				t.Errorf("error = %v\nwant a *storyboard.Error, ErrInvalid, containing %q", err, want)
			}
		})
	}
}

// TestMusicTracks: trims, crossfades and the defaults place the tracks.
func TestMusicTracks(t *testing.T) {
	dir := musicFiles(t, "a.mp3", "b.ogg", "c.wav")
	fa := &fakeAudio{length: map[string]time.Duration{"a.mp3": secs(5), "b.ogg": secs(4), "c.wav": secs(3)}}
	p, err := buildMusic(t, `music:
  - {file: DIR/a.mp3, start: 1s, volume: -6dB, fade_in: 0.5s, fade_out: 0.25s, crossfade: 2s}
  - {file: DIR/b.ogg, end: 3s, volume: 0.5}
  - {file: DIR/c.wav, fade_out: 1s}
`+fourSlides, dir, fa)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, tr := range p.Music {
		got = append(got, fmt.Sprintf("%s %v-%v at %v vol %s in %v out %v x %v", filepath.Base(tr.File), tr.Start, tr.End, tr.At, setting.FormatVolume(tr.Volume), tr.FadeIn, tr.FadeOut, tr.Crossfade))
	}
	want := []string{
		// a plays 4s; its 2s crossfade is cut to half of b's 3s.
		"a.mp3 1s-5s at 0s vol -6dB in 500ms out 250ms x 1.5s",
		"b.ogg 0s-3s at 2.5s vol -6.02dB in 0s out 0s x 1s",
		"c.wav 0s-3s at 4.5s vol 0dB in 0s out 0s x 0s",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tracks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m := p.MusicLength(); m != secs(7.5) {
		t.Errorf("music is %v, want 7.5s", m)
	}
	if p.AudioFadeOut != time.Second {
		t.Errorf("the last track's fade_out is the fade at the end: %v, want 1s", p.AudioFadeOut)
	}
	// The music (7.5s) is shorter than the video (8s): a warning.
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "shorter than the video") {
		t.Errorf("warnings = %q, want one about the short music", p.Warnings)
	}
}

// TestMusicFitMusic: the slides scale so that the video ends with the
// music; transitions keep their length, keyframe times scale.
func TestMusicFitMusic(t *testing.T) {
	dir := musicFiles(t, "a.mp3")
	fa := &fakeAudio{length: map[string]time.Duration{"a.mp3": secs(13)}}
	src := `music: [DIR/a.mp3]
music_fit: music
output: {size: 320x180, fps: 25}
defaults: {duration: 4s, transition: {type: fade, duration: 1s}}
slides:
  - photo: photos/01-mandelbrot.jpg
    motion: [{at: 0, zoom: 1}, {at: 2s, zoom: 1.5}, {at: 4s, zoom: 1.5}]
  - photos/02-gradients.jpg
  - photos/03-portrait-spiral.jpg
`
	p, err := buildMusic(t, src, dir, fa)
	if err != nil {
		t.Fatal(err)
	}
	// 3×4s − 2×1s = 10s, scaled to 13s: durations 4×(15/12) = 5s.
	if p.Duration() != secs(13) || p.Slides[0].Duration != secs(5) {
		t.Errorf("video %v, slide 1 %v; want 13s and 5s", p.Duration(), p.Slides[0].Duration)
	}
	for i, s := range p.Slides[:2] {
		if s.Out.Duration != time.Second || s.Out.Frames != 25 {
			t.Errorf("slide %d: transition %v (%d frames), want 1s", i+1, s.Out.Duration, s.Out.Frames)
		}
	}
	if k := p.Slides[0].Motion.Keyframes[1]; k.At != 2.5*25 {
		t.Errorf("keyframe at 2s of a 4s slide scaled to 5s is at frame %g, want 62.5", k.At)
	}
	if len(p.Warnings) != 0 {
		t.Errorf("warnings %q", p.Warnings)
	}
	// Without a reader the length is unknown, and the plan says so.
	sb := parseSB(t, strings.ReplaceAll(src, "DIR", dir))
	if _, err := Build(t.Context(), sb, StoryboardOptions(sb, DefaultOptions())); err == nil || !strings.Contains(err.Error(), "music_fit: music needs the music's length") {
		t.Errorf("no reader: %v", err)
	}
}

// TestSyncBeats: each cut moves to the nearest onset that keeps both
// slides at least sync_min long.
func TestSyncBeats(t *testing.T) {
	dir := musicFiles(t, "a.mp3", "b.mp3")
	fa := &fakeAudio{
		length: map[string]time.Duration{"a.mp3": secs(5), "b.mp3": secs(6)},
		onsets: map[string][]time.Duration{
			// a plays 0-5s; 0.5 before its trim is left out.
			"a.mp3": {secs(0.5), secs(1.9), secs(2.3), secs(4.4)},
			// b plays from 1s at 4s (1s crossfade): 1.2 is at 4.2s, 3.7 at 6.7s.
			"b.mp3": {secs(1.2), secs(3.7), secs(5.9)},
		},
	}
	// In the video, a plays from 0s to 4s, b from 3s: the onsets are a's
	// at 0.9, 1.3 and 3.4s (0.5 is before the trim) and b's at 3.2, 5.7
	// and 7.9s. The cuts are planned at 2, 4 and 6s.
	tests := []struct {
		name, min string
		want      []float64 // synced cuts; a negative one stayed
	}{
		// Slides of 2s may lose or gain only 0.5s above 1.5s: the first
		// two cuts have no onset within reach.
		{"default minimum", "", []float64{-2, -4, 5.7}},
		{"0.5s minimum", "sync_min: 0.5s\n", []float64{1.3, 3.4, 5.7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "music: [{file: DIR/a.mp3, start: 1s, crossfade: 1s}, {file: DIR/b.mp3, start: 1s}]\nsync: beats\n" + tt.min + fourSlides
			p, err := buildMusic(t, src, dir, fa)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Cuts) != len(tt.want) {
				t.Fatalf("cuts %+v, want %v", p.Cuts, tt.want)
			}
			for i, c := range p.Cuts {
				want := secs(max(tt.want[i], -tt.want[i]))
				if c.Synced != want || c.Unchanged != (tt.want[i] < 0) || c.Planned != secs(float64(2*i+2)) {
					t.Errorf("cut %d: %+v, want synced at %v (moved %t)", i+1, c, want, tt.want[i] > 0)
				}
				// The cut is the next slide's first frame.
				if next := p.Slides[i+1]; c.Frame != next.Start || c.Frame != p.FPS.Frame(want) {
					t.Errorf("cut %d: frame %d, next slide starts at %d, the onset is at frame %d", i+1, c.Frame, next.Start, p.FPS.Frame(want))
				}
			}
			if p.Duration() != secs(8) {
				t.Errorf("sync changed the video's length to %v", p.Duration())
			}
		})
	}
}

// TestSyncBeatsTransitions: with transitions, the cut is the middle of
// the transition, and that is what moves to the onset.
func TestSyncBeatsTransitions(t *testing.T) {
	dir := musicFiles(t, "a.mp3")
	fa := &fakeAudio{length: map[string]time.Duration{"a.mp3": secs(20)}, onsets: map[string][]time.Duration{"a.mp3": {secs(3.8), secs(6.9)}}}
	p, err := buildMusic(t, `music: [DIR/a.mp3]
sync: beats
output: {size: 320x180, fps: 25}
defaults: {duration: 4s, transition: {type: fade, duration: 1s}, motion: none}
slides: [photos/01-mandelbrot.jpg, photos/02-gradients.jpg, photos/03-portrait-spiral.jpg]
`, dir, fa)
	if err != nil {
		t.Fatal(err)
	}
	// Planned: slide 2 starts at 3s, its transition in is 3-4s: the cut
	// at 3.5s moves to 3.8s; the second, at 6.5s, to 6.9s.
	for i, want := range []float64{3.8, 6.9} {
		c := p.Cuts[i]
		mid := p.Slides[i+1].Start + p.Slides[i].Out.Frames/2
		if c.Unchanged || c.Synced != secs(want) || c.Frame != mid || math.Abs(float64(c.Frame)-want*25) > 1 {
			t.Errorf("cut %d: %+v; the transition's middle is frame %d, want it within a frame of %gs", i+1, c, mid, want)
		}
		if p.Slides[i].Out.Frames != 25 {
			t.Errorf("slide %d: the transition is %d frames, want 25", i+1, p.Slides[i].Out.Frames)
		}
	}
}

// TestMusicFitLoop: the music repeats to cover the video, with no
// warning.
func TestMusicFitLoop(t *testing.T) {
	dir := musicFiles(t, "a.mp3")
	fa := &fakeAudio{length: map[string]time.Duration{"a.mp3": secs(3)}}
	p, err := buildMusic(t, "music: [DIR/a.mp3]\nmusic_fit: loop\n"+fourSlides, dir, fa)
	if err != nil {
		t.Fatal(err)
	}
	// 8s of video and a second more: 3 + 2.5 + 2.5 + 2.5 = 10.5s, 4 plays.
	if n := p.Repeats(); n != 4 || len(p.Warnings) != 0 || p.LoopJoin() != 500*time.Millisecond {
		t.Errorf("repeats %d, join %v, warnings %q; want 4, 0.5s, none", n, p.LoopJoin(), p.Warnings)
	}
}
