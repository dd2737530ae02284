package storyboard

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
)

func TestParseMusic(t *testing.T) {
	sb, err := parseTest(t, `music:
  - {file: a.mp3, start: 1.5s, end: 20, volume: -6dB, fade_in: 1s, fade_out: 2s, crossfade: 3s}
  - {file: b.ogg, volume: 0.5}
  - c.wav
music_fit: loop
sync: beats
sync_min: 2s
slides: [photos/01-mandelbrot.jpg]
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(sb.Music) != 3 {
		t.Fatalf("%d tracks, want 3", len(sb.Music))
	}
	a := sb.Music[0]
	d := func(p *time.Duration) time.Duration {
		if p == nil {
			return -1
		}
		return *p
	}
	if a.File != filepath.Join("..", "..", "examples", "a.mp3") || d(a.Start) != 1500*time.Millisecond || d(a.End) != 20*time.Second ||
		a.Volume == nil || math.Abs(*a.Volume-math.Pow(10, -0.3)) > 1e-12 || d(a.FadeIn) != time.Second || d(a.FadeOut) != 2*time.Second ||
		d(a.Crossfade) != 3*time.Second || a.StartPos != (Pos{2, 26}) || a.EndPos != (Pos{2, 37}) {
		t.Errorf("track 1 = %+v", a)
	}
	if b := sb.Music[1]; b.Volume == nil || *b.Volume != 0.5 || b.Start != nil {
		t.Errorf("track 2 = %+v", b)
	}
	if mp := sb.MusicPlan; mp.Fit != setting.MusicFitLoop || mp.Sync != setting.SyncBeats || d(mp.SyncMin) != 2*time.Second || mp.FitPos != (Pos{5, 12}) {
		t.Errorf("music plan = %+v", mp)
	}
}

func TestParseMusicErrors(t *testing.T) {
	tests := []struct {
		name, music, want string
	}{
		{"end before start", "music: [{file: a.mp3, start: 5s, end: 2s}]", ":1:39: music 1: end (2s) must be after start (5s)"},
		{"volume too loud", "music: [{file: a.mp3, volume: 30dB}]", `:1:31: music 1 volume: "30dB" is out of range: want -60dB to +24dB`},
		{"volume zero", "music: [{file: a.mp3, volume: 0}]", ":1:31: music 1 volume: volume 0 is out of range"},
		{"volume words", "music: [{file: a.mp3, volume: loud}]", `:1:31: music 1 volume: "loud" is not a volume`},
		{"negative trim", "music: [{file: a.mp3, start: -1s}]", `:1:30: music 1 start: "-1s" is negative`},
		{"unknown key", "music: [{file: a.mp3, gain: 2}]", `:1:23: unknown key "gain" in music 1`},
		{"unknown fit", "music_fit: photos", `:1:12: unknown music_fit "photos"`},
		{"unknown sync", "sync: beat", `:1:7: unknown sync "beat" (did you mean "beats"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTest(t, tt.music+"\nslides: [photos/01-mandelbrot.jpg]\n")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant one containing %q", err, tt.want)
			}
		})
	}
}
