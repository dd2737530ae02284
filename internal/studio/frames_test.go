package studio

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/testenv"
)

// TestFrameIsStill checks that the studio's frame at a time is the
// render's still at that time, before and after an edit moves a window
// (when the cached working copy is reused with the new motion).
func TestFrameIsStill(t *testing.T) {
	s, h, _ := example(t)
	check := func(name string) {
		t.Run(name, func(t *testing.T) {
			plan := s.plan
			for _, c := range []struct{ slide, n int }{{0, 0}, {0, 30}, {0, 100}, {1, 30}, {2, 40}} {
				st, err := render.NewStill(plan, c.slide, 640, 360)
				if err != nil {
					t.Fatal(err)
				}
				want := st.Frame(c.n)
				got, err := s.frames.videoFrame(context.Background(), s.xfade, plan, c.slide, c.n, 640, 360)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Pix, want.Pix) {
					t.Errorf("slide %d frame %d differs from the render's still", c.slide+1, c.n)
				}
			}
		})
	}
	check("as loaded")
	st := state(t, do(t, h, s, request{path: "/api/state"}))
	ks := st.Slides[0].Keyframes
	ks[3].Win.X -= 0.2
	if w := post(t, h, s, "/api/edit", Edit{Op: "keyframes", Slide: 0, Keyframes: ks}); w.Code != 200 {
		t.Fatalf("edit: %d %s", w.Code, w.Body)
	}
	check("after an edit")
}

// TestTransitionFrame checks frames inside transitions: ffmpeg's xfade
// draws them as in the video, and for fade the quick cross-fade agrees
// with it on average; a wipe is one slide on one side, the other on the
// other.
func TestTransitionFrame(t *testing.T) {
	testenv.NeedFFmpeg(t)
	s, _, _ := example(t)
	if s.xfade == nil {
		t.Fatal("ffmpeg found but the studio has no xfade")
	}
	ctx := context.Background()
	plan := s.plan
	stills := func(i, n, m int) (*raster.Planes, *raster.Planes) {
		a, _ := render.NewStill(plan, i, 640, 360)
		b, _ := render.NewStill(plan, i+1, 640, 360)
		return a.Frame(n), b.Frame(m)
	}
	t.Run("fade", func(t *testing.T) {
		s0 := plan.Slides[0]
		k := s0.Out.Frames / 2
		n := s0.Frames - s0.Out.Frames + k
		exact, err := s.frames.videoFrame(ctx, s.xfade, plan, 0, n, 640, 360)
		if err != nil {
			t.Fatal(err)
		}
		quick, err := s.frames.videoFrame(ctx, nil, plan, 0, n, 640, 360)
		if err != nil {
			t.Fatal(err)
		}
		a, b := stills(0, n, k)
		if bytes.Equal(exact.Pix, a.Pix) || bytes.Equal(exact.Pix, b.Pix) {
			t.Error("the frame mid-fade is one slide alone")
		}
		// ffmpeg converts the frames for xfade and back, which moves
		// some chroma at edges; on average the two agree.
		sum := 0
		for i := range exact.Pix {
			sum += abs(int(exact.Pix[i]) - int(quick.Pix[i]))
		}
		if mean := float64(sum) / float64(len(exact.Pix)); mean > 1 {
			t.Errorf("the cross-fade differs from xfade's fade by %.2f levels on average", mean)
		}
	})
	t.Run("wipeleft from the next slide's side", func(t *testing.T) {
		s1 := plan.Slides[1]
		k := s1.Out.Frames / 2
		// Slide 3's frame k is inside its incoming transition.
		got, err := s.frames.videoFrame(ctx, s.xfade, plan, 2, k, 640, 360)
		if err != nil {
			t.Fatal(err)
		}
		a, b := stills(1, s1.Frames-s1.Out.Frames+k, k)
		row := 180 * 640
		left, right := got.Y[row:row+10], got.Y[row+630:row+640]
		if !bytes.Equal(left, a.Y[row:row+10]) || !bytes.Equal(right, b.Y[row+630:row+640]) {
			t.Errorf("wipeleft mid-way: want the outgoing slide on the left and the incoming on the right")
		}
	})
}

func abs(v int) int { return max(v, -v) }

// TestPreviewRate measures preview frames through the handler at 640x360
// as play requests them, all of slide 1 with its transition, and logs
// frames per second and CPU seconds (of this process; ffmpeg's, for exact
// transitions, as children's). It asserts nothing about time: the
// machine is shared.
func TestPreviewRate(t *testing.T) {
	s, h, _ := example(t)
	do(t, h, s, request{path: "/api/frame?slide=0&t=0&w=640"}) // decode once
	for _, mode := range []struct{ name, query string }{{"exact transitions", ""}, {"quick (play)", "&quick=1"}} {
		var r0, c0 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
		syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c0)
		start := time.Now()
		frames := s.plan.Slides[0].Frames
		for i := range frames {
			w := do(t, h, s, request{path: "/api/frame?slide=0&w=640" + mode.query + "&t=" + strconv.FormatFloat(float64(i)/30, 'f', 4, 64)})
			if w.Code != 200 {
				t.Fatalf("frame %d: %d %s", i, w.Code, w.Body)
			}
		}
		wall := time.Since(start)
		var r1, c1 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
		syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c1)
		cpu := time.Duration(r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano())
		child := time.Duration(c1.Utime.Nano() + c1.Stime.Nano() - c0.Utime.Nano() - c0.Stime.Nano())
		t.Logf("preview at 640x360, %s: %d frames in %.2fs wall, %.2f CPU seconds (+%.2f in ffmpeg): %.1f frames/s",
			mode.name, frames, wall.Seconds(), cpu.Seconds(), child.Seconds(), float64(frames)/wall.Seconds())
	}
}

// TestRenderVideo renders a small storyboard with music, a caption and a
// title slide from the page and fetches the video, which has the music.
func TestRenderVideo(t *testing.T) {
	testenv.NeedFFmpeg(t)
	s, h, path := example(t)
	small := "output: {file: small.mp4, size: 320x180, fps: 10}\nmusic: [music/beat-120.ogg]\nslides:\n  - {title: \"Hi\", duration: 1s}\n  - {photo: photos/01-mandelbrot.jpg, duration: 2s, caption: \"a: b\"}\n  - {photo: photos/02-gradients.jpg, duration: 1s}\n"
	if err := os.WriteFile(path, []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	post(t, h, s, "/api/reload", struct{}{})
	if w := post(t, h, s, "/api/render", struct{}{}); w.Code != http.StatusAccepted {
		t.Fatalf("render: %d %s", w.Code, w.Body)
	}
	var rs RenderState
	for deadline := time.Now().Add(2 * time.Minute); ; {
		json.Unmarshal(do(t, h, s, request{path: "/api/render"}).Body.Bytes(), &rs)
		if !rs.Running || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if rs.Error != "" || rs.Video == "" || rs.Fraction != 1 {
		t.Fatalf("render: %+v", rs)
	}
	w := do(t, h, s, request{path: rs.Video})
	if w.Code != 200 || w.Body.Len() < 1000 {
		t.Fatalf("video: %d, %d bytes", w.Code, w.Body.Len())
	}
	out := filepath.Join(filepath.Dir(path), "small.mp4")
	streams, err := exec.Command("ffprobe", "-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(streams)); !slices.Contains(got, "audio") || !slices.Contains(got, "video") {
		t.Errorf("the video's streams: %v, want video and the music's audio", got)
	}
}

// TestFadeEnds checks the video's fades in the preview: the first frame
// is the fade's colour, the middle of the fade half of it, the last frame
// the fade out's colour.
func TestFadeEnds(t *testing.T) {
	s, h, path := example(t)
	sb := "output: {size: 640x360, fps: 10, fade_in: 1s, fade_out: 1s, fade_color: white}\nslides:\n  - {photo: photos/01-mandelbrot.jpg, duration: 3s}\n  - {photo: photos/02-gradients.jpg, duration: 3s}\n"
	if err := os.WriteFile(path, []byte(sb), 0o644); err != nil {
		t.Fatal(err)
	}
	if w := post(t, h, s, "/api/reload", struct{}{}); w.Code != 200 || !state(t, w).Valid {
		t.Fatalf("reload: %d %s", w.Code, w.Body)
	}
	ctx := context.Background()
	white := raster.New(640, 360)
	white.Fill(raster.RGBToYCbCr(255, 255, 255))
	first, _ := s.frames.videoFrame(ctx, nil, s.plan, 0, 0, 640, 360)
	last, _ := s.frames.videoFrame(ctx, nil, s.plan, 1, s.plan.Slides[1].Frames-1, 640, 360)
	if !bytes.Equal(first.Pix, white.Pix) || !bytes.Equal(last.Pix, white.Pix) {
		t.Error("the first and last frames are not the fades' white")
	}
	mid, _ := s.frames.videoFrame(ctx, nil, s.plan, 0, 5, 640, 360)
	still, _ := render.NewStill(s.plan, 0, 640, 360)
	plain := still.Frame(5)
	for _, i := range []int{0, 1000, 100000} {
		want := (int(plain.Y[i]) + int(white.Y[i])) / 2
		if d := int(mid.Y[i]) - want; d < -2 || d > 2 {
			t.Errorf("mid-fade pixel %d: %d, want about %d", i, mid.Y[i], want)
		}
	}
}
