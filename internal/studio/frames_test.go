package studio

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

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
				got, err := s.frames.videoFrame(plan, c.slide, c.n, 640, 360)
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

// TestTransitionFrame checks that a frame inside a transition mixes the
// two slides: neither one's own frame.
func TestTransitionFrame(t *testing.T) {
	s, _, _ := example(t)
	plan := s.plan
	n := plan.Slides[0].Frames - plan.Slides[0].Out.Frames/2
	got, err := s.frames.videoFrame(plan, 0, n, 640, 360)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := render.NewStill(plan, 0, 640, 360)
	if bytes.Equal(got.Pix, st.Frame(n).Pix) {
		t.Error("the frame mid-transition is the first slide's alone")
	}
}

// TestPreviewRate measures preview frames through the handler at 640x360
// as play requests them, and logs frames per second and CPU seconds. It
// asserts nothing about time: the machine is shared.
func TestPreviewRate(t *testing.T) {
	s, h, _ := example(t)
	do(t, h, s, request{path: "/api/frame?slide=0&t=0&w=640"}) // decode once
	var r0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	start := time.Now()
	const frames = 120
	for i := range frames {
		w := do(t, h, s, request{path: "/api/frame?slide=0&w=640&t=" + strconv.FormatFloat(float64(i)/30, 'f', 4, 64)})
		if w.Code != 200 {
			t.Fatalf("frame %d: %d", i, w.Code)
		}
	}
	wall := time.Since(start)
	var r1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := time.Duration(r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano())
	t.Logf("preview at 640x360: %d frames in %.2fs wall, %.2f CPU seconds: %.1f frames/s (%.1f ms CPU a frame)",
		frames, wall.Seconds(), cpu.Seconds(), frames/wall.Seconds(), cpu.Seconds()*1000/frames)
}

// TestRenderVideo renders a small storyboard from the page and fetches
// the video.
func TestRenderVideo(t *testing.T) {
	testenv.NeedFFmpeg(t)
	s, h, path := example(t)
	small := "output: {file: small.mp4, size: 320x180, fps: 10}\nslides:\n  - {photo: photos/01-mandelbrot.jpg, duration: 1s}\n  - {photo: photos/02-gradients.jpg, duration: 1s}\n"
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
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "small.mp4")); err != nil {
		t.Fatal(err)
	}
}
