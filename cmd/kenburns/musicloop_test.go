package main

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/testenv"
)

// TestMusicLoopRender renders 20 s of video under a 2 s tone with
// --music-fit loop, so the music repeats thirteen times from its looped
// period, and measures the result: audio and video of one length, and
// joins with no gap and no click. The tone has whole cycles in the
// period, so every crossfade joins it to itself in phase and the music
// should be one steady tone throughout.
func TestMusicLoopRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	const rate, length = 48000.0, 20.0
	piece := lavfiAudio(t, "piece.wav", "sine=frequency=440:sample_rate=44100:duration=2")
	out := filepath.Join(t.TempDir(), "loop.mp4")
	code, _, stderr := kenburns(t, "render", grayPhotos(t, 0, 85, 170, 255), "--audio", piece, "--music-fit", "loop",
		"--size", "64x36", "--fps", "25", "--duration", "5s", "--transition", "none", "--audio-fade", "0s",
		"--progress", "none", "--no-cache", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p := probe(t, out)
	diff := math.Abs(p.AudioDuration - float64(p.Frames)/25)
	t.Logf("video %d frames, audio %.6f s: they differ by %.1f ms", p.Frames, p.AudioDuration, diff*1000)
	if p.Frames != 500 || diff > 1.0/25 {
		t.Errorf("video %d frames, audio %.4f s: want 500 frames and the audio within a frame of %v s", p.Frames, p.AudioDuration, length)
	}
	s := samples(t, out)
	if len(s) < length*rate {
		t.Fatalf("%d samples of music; want %v s of them", len(s), length)
	}
	at := func(from, to float64) []float64 { return s[int(from*rate):int(to*rate)] }
	// Before the first join (1.5 s) the tone plays as it is in its file.
	steady, level := maxStep(at(0.1, 1.4)), rms(at(0.1, 1.4))
	jumps := maxStep(at(0.1, length-0.1))
	lowest := math.Inf(1)
	for x := 0.1; x < length-0.1; x += 0.01 {
		lowest = min(lowest, rms(at(x, x+0.01)))
	}
	t.Logf("0.1-%.1f s: largest step %.4f (the tone alone %.4f), lowest 10 ms RMS %.4f (the tone %.4f)", length-0.1, jumps, steady, lowest, level)
	if jumps > 1.1*steady || lowest < 0.9*level {
		t.Errorf("the looped music's joins click or leave a gap: largest step %.4f (tone %.4f), lowest RMS %.4f (tone %.4f)", jumps, steady, lowest, level)
	}
}
