package render

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

// TestMusicGolden pins the mux's audio graph for each way of playing the
// music: the tracks trimmed, resampled, set to their volume, faded and
// crossfaded; music that ends before the video; music repeated to cover
// it; music under a video with picture fades and under a loop.
func TestMusicGolden(t *testing.T) {
	read := func(file string, length, start, end, cross float64) slideshow.Track {
		return slideshow.Track{File: file, Volume: 1, Start: secsOf(start), End: secsOf(end), Crossfade: secsOf(cross),
			Info: slideshow.AudioInfo{Duration: secsOf(length), SampleRate: 44100, Channels: 2}}
	}
	tests := []struct {
		name  string
		opts  func(*slideshow.Options)
		music func(*slideshow.Plan) []slideshow.Track
	}{
		{"tracks", nil, func(*slideshow.Plan) []slideshow.Track {
			a := read("/m/a.mp3", 8, 1, 6, 1)
			a.Volume, a.FadeIn, a.FadeOut = 0.5, time.Second, 500*time.Millisecond
			b := read("/m/b.ogg", 10, 0, 10, 0)
			return []slideshow.Track{a, b}
		}},
		{"same-file-twice", nil, func(*slideshow.Plan) []slideshow.Track {
			return []slideshow.Track{read("/m/a.mp3", 8, 0, 4, 1), read("/m/a.mp3", 8, 0, 4, 0), read("/m/b.mp3", 3, 0, 3, 0)}
		}},
		{"shorter", nil, func(*slideshow.Plan) []slideshow.Track { return []slideshow.Track{read("/m/a.mp3", 6, 0, 6, 0)} }},
		{"loop-fit", nil, func(p *slideshow.Plan) []slideshow.Track {
			p.MusicFit = setting.MusicFitLoop
			return []slideshow.Track{read("/m/a.mp3", 4, 0, 4, 0)}
		}},
		{"picture-fades", func(o *slideshow.Options) { o.FadeIn, o.FadeOut = time.Second, 2*time.Second },
			func(*slideshow.Plan) []slideshow.Track { return []slideshow.Track{read("/m/a.mp3", 60, 0, 60, 0)} }},
		{"seamless-loop", func(o *slideshow.Options) { o.Loop = true },
			func(*slideshow.Plan) []slideshow.Track { return []slideshow.Track{read("/m/a.mp3", 60, 0, 60, 0)} }},
		{"webm", func(o *slideshow.Options) { o.Output = "/out/video.webm" },
			func(*slideshow.Plan) []slideshow.Track { return []slideshow.Track{read("/m/a.mp3", 60, 0, 60, 0)} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := slideshow.DefaultOptions()
			o.Output = "/out/video.mp4"
			if tt.opts != nil {
				tt.opts(&o)
			}
			p := planPhotos(t, photos(), o)
			p.Music = tt.music(p)
			placeForTest(p.Music)
			cmd, err := MuxCommand(p, "/work", p.Output)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("video %v, music %v, repeats %d\n%s\n", p.Duration(), p.MusicLength(), p.Repeats(), strings.Join(quoteAll(cmd.Args), "\n"))
			loop, err := MusicLoopCommand(p, "/work")
			if err != nil {
				t.Fatal(err)
			}
			if loop != nil {
				got += "music loop:\n" + strings.Join(quoteAll(loop.Args), "\n") + "\n"
			}
			golden.Check(t, filepath.Join("testdata", "music-"+tt.name+".golden"), got)
		})
	}
}

func secsOf(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// placeForTest places tracks one after another as the planner does.
func placeForTest(ts []slideshow.Track) {
	var at time.Duration
	for i := range ts {
		ts[i].At = at
		at += ts[i].Length() - ts[i].Crossfade
	}
}

func quoteAll(args []string) []string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return q
}

// TestOnsetsRemembered: a track's onsets are remembered in the cache by
// its content, so that planning again runs no ffmpeg.
func TestOnsetsRemembered(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	music := filepath.Join(dir, "clicks.wav")
	src := "aevalsrc=0.8*sin(2*PI*1500*t)*lt(mod(t\\,0.5)\\,0.003)*gte(t\\,0.4):s=48000:d=3"
	if b, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", src, music).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	c := &cache.Cache{Dir: filepath.Join(dir, "cache")}
	first, err := AudioReader{Cache: c}.Onsets(t.Context(), music)
	if err != nil || len(first) != 5 {
		t.Fatalf("onsets %v, %v; want 5", first, err)
	}
	// No ffmpeg at all: only the cache can answer.
	again, err := AudioReader{FFmpeg: filepath.Join(dir, "no-ffmpeg"), Cache: c}.Onsets(t.Context(), music)
	if err != nil || !slices.Equal(again, first) {
		t.Errorf("recalled %v, %v; want %v", again, err, first)
	}
	if _, err := (AudioReader{FFmpeg: filepath.Join(dir, "no-ffmpeg")}).Onsets(t.Context(), music); err == nil {
		t.Error("without the cache, a missing ffmpeg went unnoticed")
	}
}
