package render_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// A two-photo plan at 640x360: its timing and the exact ffmpeg command of
// its first chunk, where the first photo crossfades into the second.
func ExampleChunkCommand() {
	photos := []photo.Info{
		{Path: "beach.jpg", Width: 4000, Height: 3000, Orientation: 1},
		{Path: "dunes.jpg", Width: 3000, Height: 2000, Orientation: 1},
	}
	opts := slideshow.DefaultOptions()
	opts.Width, opts.Height, opts.FPS = 640, 360, setting.Rate{Num: 25, Den: 1}
	opts.Duration, opts.TransitionDuration = 3*time.Second, 500*time.Millisecond
	plan, err := slideshow.Build(context.Background(), slideshow.FromPhotos(photos), opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("frames:", plan.Frames, "duration:", plan.Duration())
	cmd, err := render.ChunkCommand(plan, 0, "/work")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ffmpeg", strings.Join(cmd.Args, " "))
	// Output:
	// frames: 138 duration: 5.52s
	// ffmpeg -f rawvideo -framerate 25 -pix_fmt yuv420p -s 640x360 -thread_queue_size 2 -i pipe:3 -f rawvideo -framerate 25 -pix_fmt yuv420p -s 640x360 -thread_queue_size 2 -i pipe:4 -filter_complex [0][1]xfade=duration=0.480000:offset=2.520000:transition=fade[s0] -map [s0] -an -c:v libx264 -color_primaries bt709 -color_range tv -color_trc bt709 -colorspace bt709 -crf 20 -f mp4 -frames:v 75 -pix_fmt yuv420p -preset fast -x264-params rc-lookahead=15 /work/chunk-0001.mp4 -hide_banner -nostdin -loglevel error -progress pipe:1 -nostats -y
}
