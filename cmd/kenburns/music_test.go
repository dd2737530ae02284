package main

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/testenv"
)

// lavfiAudio writes name in a temporary folder from ffmpeg's lavfi source
// src (sine, aevalsrc, ...), with extra output options.
func lavfiAudio(t *testing.T, name, src string, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	args := append([]string{"-v", "error", "-f", "lavfi", "-i", src}, extra...)
	if b, err := exec.Command("ffmpeg", append(args, out)...).CombinedOutput(); err != nil {
		t.Fatalf("make %s: %v: %s", name, err, b)
	}
	return out
}

// power is the power of s at freq Hz (Goertzel), normalised by length.
func power(s []float64, freq, rate float64) float64 {
	w := 2 * math.Pi * freq / rate
	c := 2 * math.Cos(w)
	var s1, s2 float64
	for _, x := range s {
		s1, s2 = x+c*s1-s2, s1
	}
	p := s1*s1 + s2*s2 - c*s1*s2
	return p / float64(len(s)*len(s))
}

// maxStep is the largest difference between neighbouring samples.
func maxStep(s []float64) float64 {
	m := 0.0
	for i := 1; i < len(s); i++ {
		m = max(m, math.Abs(s[i]-s[i-1]))
	}
	return m
}

// writeStoryboard writes src to a storyboard file in a new folder.
func writeStoryboard(t *testing.T, src string) string {
	t.Helper()
	sb := filepath.Join(t.TempDir(), "music.yaml")
	if err := os.WriteFile(sb, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return sb
}

// TestMusicRender renders four flat slides (8 s at 25 fps) under a 44.1
// kHz track followed by a 48 kHz one trimmed to its second tone, and
// measures the result: the streams' lengths, the fade at the end, the
// trimmed track's first samples and the join.
func TestMusicRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	const rate = 48000.0
	a := lavfiAudio(t, "a.wav", "sine=frequency=440:sample_rate=44100:duration=4")
	// b: 660 Hz for 2 s, then 990 Hz for 6 s; played from 2 s.
	b := lavfiAudio(t, "b.m4a", "aevalsrc=0.5*if(lt(t\\,2)\\,sin(2*PI*660*t)\\,sin(2*PI*990*t)):s=48000:d=8")
	out := filepath.Join(t.TempDir(), "music.mp4")
	sb := writeStoryboard(t, fmt.Sprintf(`output: {file: %q, size: 64x36, fps: 25}
defaults: {duration: 2s, transition: none, motion: none}
music:
  - %q
  - {file: %q, start: 2s}
slides: [%q, %q, %q, %q]
`, out, a, b, gray(t, 0), gray(t, 255), gray(t, 64), gray(t, 192)))
	if code, _, stderr := kenburns(t, "render", sb, "--progress", "none", "--no-cache"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p := probe(t, out)
	diff := math.Abs(p.AudioDuration - 8.0)
	t.Logf("video %d frames (8 s), audio %.6f s: they differ by %.1f ms", p.Frames, p.AudioDuration, diff*1000)
	if p.Frames != 200 || diff > 1.0/25 {
		t.Errorf("video %d frames, audio %.4f s: want 200 frames and the audio within a frame of 8 s", p.Frames, p.AudioDuration)
	}
	s := samples(t, out)[:8*rate]
	at := func(from, to float64) []float64 { return s[int(from*rate):int(to*rate)] }
	// The fade out: the last track fades over the last 2 s to silence at
	// the last frame.
	mid, last := rms(at(5, 5.5)), rms(at(7.5, 8))
	t.Logf("RMS: middle (5-5.5 s) %.4f, last 0.5 s %.4f (%.1f dB)", mid, last, 20*math.Log10(last/mid))
	if last > 0.3*mid || rms(at(7.99, 8)) > 0.02*mid {
		t.Errorf("the music does not fade out to the end: middle %.4f, last 0.5 s %.4f", mid, last)
	}
	// The trimmed track starts at 2 s of its file, on its second tone:
	// where it fades in (3-4 s) there is 990 Hz and no 660 Hz.
	join := at(3.0, 4.0)
	p440, p660, p990 := power(join, 440, rate), power(join, 660, rate), power(join, 990, rate)
	t.Logf("crossfade 3-4 s: power at 440 Hz %.2e, 660 Hz %.2e, 990 Hz %.2e", p440, p660, p990)
	if p660 > 0.001*p990 || p660 > 0.001*p440 {
		t.Errorf("the trimmed track does not start at its trim point")
	}
	// The join: no gap (the level never drops in 10 ms windows) and no
	// click (no step between samples larger than the tones' own).
	steady := max(maxStep(at(1, 2)), maxStep(at(5, 6)))
	jumps := maxStep(at(2.9, 4.1))
	lowest := math.Inf(1)
	for x := 2.9; x < 4.1; x += 0.01 {
		lowest = min(lowest, rms(at(x, x+0.01)))
	}
	quiet := min(rms(at(1, 2)), mid) // the 44.1 kHz tone is the quieter
	t.Logf("join 2.9-4.1 s: largest step %.4f (steady tones %.4f), lowest 10 ms RMS %.4f (the quieter tone %.4f)", jumps, steady, lowest, quiet)
	if jumps > 1.1*steady || lowest < 0.7*quiet {
		t.Errorf("the 44.1 kHz track joins the 48 kHz one with a click or a gap")
	}
}

// gray writes one flat grey PNG and returns its path.
func gray(t *testing.T, level byte) string {
	t.Helper()
	return filepath.Join(grayPhotos(t, level), "0.png")
}

// TestTrimStart: a trimmed track's first samples are the file's at the
// trim point, to 5 ms.
func TestTrimStart(t *testing.T) {
	testenv.NeedFFmpeg(t)
	const rate = 48000.0
	b := lavfiAudio(t, "b.wav", "aevalsrc=0.5*if(lt(t\\,1.5)\\,sin(2*PI*660*t)\\,sin(2*PI*990*t)):s=44100:d=4")
	out := filepath.Join(t.TempDir(), "trim.mp4")
	sb := writeStoryboard(t, fmt.Sprintf(`output: {file: %q, size: 64x36, fps: 25}
defaults: {duration: 1s, transition: none, motion: none}
music: [{file: %q, start: 1.5s, fade_out: 0}]
slides: [%q]
`, out, b, gray(t, 128)))
	if code, _, stderr := kenburns(t, "render", sb, "--progress", "none", "--no-cache"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	s := samples(t, out)
	for k := range 4 {
		w := s[k*240 : (k+1)*240] // 5 ms
		p660, p990 := power(w, 660, rate), power(w, 990, rate)
		t.Logf("%d-%d ms: power at 660 Hz %.2e, at 990 Hz %.2e", 5*k, 5*k+5, p660, p990)
		if p990 < 4*p660 {
			t.Errorf("%d-%d ms: the file's tone before the trim point (660 Hz) is there", 5*k, 5*k+5)
		}
	}
}

// clicks are the times of the click track's clicks.
var clicks = []float64{2.0, 4.5, 6.1, 8.7}

// TestSyncRender renders five contrasting flat slides with hard cuts
// under a click track, with music_fit: music and sync: beats, finds each
// cut in the decoded frames and checks that it lies within a frame of its
// click.
func TestSyncRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	var gate []string
	for _, c := range clicks {
		gate = append(gate, fmt.Sprintf("between(t\\,%g\\,%g)", c, c+0.004))
	}
	// 10.5 s: the slides (5 x 2 s) scale to 2.1 s; the cuts, planned at
	// 2.1, 4.2, 6.3 and 8.4 s, each have a click within reach.
	music := lavfiAudio(t, "clicks.wav", "aevalsrc=0.8*sin(2*PI*1500*t)*("+strings.Join(gate, "+")+"):s=48000:d=10.5")
	out := filepath.Join(t.TempDir(), "sync.mp4")
	sb := writeStoryboard(t, fmt.Sprintf(`output: {file: %q, size: 64x36, fps: 25}
defaults: {duration: 2s, transition: none, motion: none}
music: [%q]
music_fit: music
sync: beats
slides: [%q, %q, %q, %q, %q]
`, out, music, gray(t, 0), gray(t, 255), gray(t, 64), gray(t, 192), gray(t, 100)))
	code, plan, stderr := kenburns(t, "plan", sb)
	if code != 0 || !strings.Contains(plan, "cuts moved to beats: 1→2 2.1s→2s, 2→3 4.2s→4.5s, 3→4 6.3s→6.1s, 4→5 8.4s→8.7s") {
		t.Errorf("plan: exit %d: %s%s", code, plan, stderr)
	}
	if code, _, stderr := kenburns(t, "render", sb, "--progress", "none", "--no-cache"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p := probe(t, out)
	t.Logf("video %d frames (%.2f s), audio %.4f s", p.Frames, float64(p.Frames)/25, p.AudioDuration)
	if p.Frames != 263 || math.Abs(p.AudioDuration-float64(p.Frames)/25) > 1.0/25 {
		t.Errorf("video %d frames, audio %.4f s: want round(10.5 x 25) = 263 frames and the audio within a frame", p.Frames, p.AudioDuration)
	}
	y := lumas(t, out)
	var cuts []int
	for k := 1; k < len(y); k++ {
		if math.Abs(float64(y[k])-float64(y[k-1])) > 20 {
			cuts = append(cuts, k)
		}
	}
	if len(cuts) != len(clicks) {
		t.Fatalf("found cuts at frames %v, want %d", cuts, len(clicks))
	}
	for i, k := range cuts {
		errFrames := (float64(k)/25 - clicks[i]) * 25
		t.Logf("cut %d at frame %d (%.2f s), click at %.2f s: %+.2f frames", i+1, k, float64(k)/25, clicks[i], errFrames)
		if math.Abs(errFrames) > 1 {
			t.Errorf("cut %d is %.2f frames from its click", i+1, errFrames)
		}
	}
}

// TestOnsetsOfClicks times onset detection on a minute of clicks decoded
// by ffmpeg, and checks what it finds.
func TestOnsetsOfClicks(t *testing.T) {
	testenv.NeedFFmpeg(t)
	var want []float64
	for c := 0.75; c < 60; c += 0.75 {
		want = append(want, c)
	}
	// A 3 ms click of 2 kHz every 0.75 s from 0.75 s, over a steady hum.
	music := lavfiAudio(t, "clicks.flac", "aevalsrc=0.1*sin(2*PI*220*t)+0.7*sin(2*PI*2000*t)*gte(t\\,0.7)*lt(mod(t\\,0.75)\\,0.003):s=44100:d=60")
	start := time.Now()
	on, err := render.AudioReader{}.Onsets(t.Context(), music)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	if len(on) == len(want) {
		for i, o := range on {
			worst = max(worst, math.Abs(o.Seconds()-want[i]))
		}
	}
	t.Logf("60 s of music: %d onsets (want %d), worst error %.1f ms; decoding and detection took %v", len(on), len(want), worst*1000, took.Round(time.Millisecond))
	if len(on) != len(want) {
		t.Logf("onsets: %v", on)
	}
	if len(on) != len(want) || worst > 0.005 {
		t.Errorf("found %d onsets, worst off by %.1f ms; want %d within 5 ms", len(on), worst*1000, len(want))
	}
}

// TestBadMusic: tracks that cannot be played fail validation (exit 2),
// each named with its line and column.
func TestBadMusic(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.mp3")
	os.WriteFile(text, []byte("not music at all"), 0o644)
	silent := lavfiAudio(t, "silent.mp4", "color=c=black:s=16x16:d=1", "-c:v", "libx264")
	empty := lavfiAudio(t, "empty.wav", "sine=duration=1", "-t", "0")
	short := lavfiAudio(t, "short.wav", "sine=duration=2")
	tests := []struct {
		name, music, want string
	}{
		{"unreadable", "[%q]", "music.yaml:2:9: music 1: " + text + ": cannot be read as audio"},
		{"no audio stream", "[{file: %q}]", "music.yaml:2:16: music 1: " + silent + ": has no audio stream"},
		{"zero length", "[%q]", "music.yaml:2:9: music 1: " + empty + " has no length"},
		{"trim outside", "[{file: %q, end: 3s}]", "music 1: " + short + ": end 3s is after the end of the track, which is 2s long"},
	}
	files := map[string]string{"unreadable": text, "no audio stream": silent, "zero length": empty, "trim outside": short}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := writeStoryboard(t, "slides: [../../examples/photos/01-mandelbrot.jpg]\nmusic: "+fmt.Sprintf(tt.music, files[tt.name])+"\n")
			code, stdout, _ := kenburns(t, "validate", sb)
			if code != exitInvalid || !strings.Contains(stdout, tt.want) {
				t.Errorf("exit %d: %s\nwant exit %d and %q", code, stdout, exitInvalid, tt.want)
			}
		})
	}
}

// TestMusicWebM: in WebM the music is Opus, and it lasts as long as the
// video, to a frame.
func TestMusicWebM(t *testing.T) {
	testenv.NeedFFmpeg(t)
	out := filepath.Join(t.TempDir(), "music.webm")
	args := []string{"render", grayPhotos(t, 0, 255), "-o", out, "--size", "64x36", "--fps", "25", "--duration", "1.5",
		"--transition", "none", "--motion", "none", "--progress", "none", "--no-cache", "--audio", sineMusic(t, 440)}
	if code, _, stderr := kenburns(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	codec, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "stream=codec_name", "-of", "csv=p=0", out).Output()
	if err != nil || strings.TrimSpace(string(codec)) != "opus" {
		t.Errorf("audio codec %q (%v), want opus", codec, err)
	}
	got := float64(len(samples(t, out))) / 48000
	t.Logf("video 3 s (75 frames), Opus audio decodes to %.4f s", got)
	if p := probe(t, out); p.Frames != 75 || math.Abs(got-3) > 1.0/25 {
		t.Errorf("video %d frames, audio %.4f s: want 75 frames and the audio within a frame of 3 s", p.Frames, got)
	}
}
