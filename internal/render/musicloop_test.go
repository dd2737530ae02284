package render

import (
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// TestMusicLoopInputs: music that repeats under a long video is read
// from a fixed number of inputs, not once per repeat: the mux reads the
// loop's two files, and the command that writes them reads the track
// once.
func TestMusicLoopInputs(t *testing.T) {
	for _, minutes := range []int{10, 60} {
		o := slideshow.DefaultOptions()
		o.Output = "/out/video.mp4"
		o.Duration = time.Duration(minutes) * time.Minute / 3
		p := planPhotos(t, photos(), o)
		p.MusicFit = setting.MusicFitLoop
		p.Music = []slideshow.Track{{File: "/m/piece.mp3", Volume: 1, End: 10 * time.Second,
			Info: slideshow.AudioInfo{Duration: 10 * time.Second, SampleRate: 44100, Channels: 2}}}
		placeForTest(p.Music)
		if p.Duration() < time.Duration(minutes)*time.Minute-10*time.Second || p.Repeats() < 6*minutes {
			t.Fatalf("%d minutes: video %v, %d repeats: the test's plan is not what it means to test", minutes, p.Duration(), p.Repeats())
		}
		mux, err := MuxCommand(p, "/work", p.Output)
		if err != nil {
			t.Fatal(err)
		}
		loop, err := MusicLoopCommand(p, "/work")
		if err != nil || loop == nil {
			t.Fatalf("%d minutes: music loop command %v, %v; want one", minutes, loop, err)
		}
		inputs := func(args []string, of string) int {
			n := 0
			for i, a := range args {
				if a == "-i" && i+1 < len(args) && strings.Contains(args[i+1], of) {
					n++
				}
			}
			return n
		}
		if n := inputs(mux.Args, "piece.mp3") + inputs(mux.Args, "music-"); n > 2 {
			t.Errorf("%d minutes of video under 10 s of music: the mux has %d inputs of the music; want at most 2", minutes, n)
		}
		if n := inputs(loop.Args, "piece.mp3"); n != 1 {
			t.Errorf("%d minutes: the music loop command reads the track %d times; want once", minutes, n)
		}
	}
}
