package studio

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/testenv"
)

// captioned opens the studio on testdata/studio.yaml: slide 1 captioned,
// slide 4 a title slide without a photo, a style and music.
func captioned(t *testing.T) (*Server, *testing.T) {
	t.Helper()
	testenv.NeedFFmpeg(t) // the music is read with ffprobe
	s, _, _ := exampleFrom(t, filepath.Join("testdata", "studio.yaml"))
	return s, t
}

// TestTextsState checks what the page gets of captions, title slides and
// music, and that every slide's images are drawn, the title slide's too.
func TestTextsState(t *testing.T) {
	s, _ := captioned(t)
	h := s.Handler(addr)
	st := state(t, do(t, h, s, request{path: "/api/state"}))
	if !st.Valid || len(st.Slides) != 4 {
		t.Fatalf("state: valid %v, %d slides, %+v", st.Valid, len(st.Slides), st.Problems)
	}
	if c := st.Slides[0].Caption; c != "Harbour at dawn: 05:42" {
		t.Errorf("slide 1's caption: %q", c)
	}
	ti := st.Slides[3].Title
	if ti == nil || ti.Title != "Summer 2026" || ti.Subtitle != "Fractals, by kenburns" || ti.Background != "#1d3557" || st.Slides[3].Photo != "" {
		t.Errorf("slide 4's title: %+v, photo %q", ti, st.Slides[3].Photo)
	}
	if st.Slides[3].Thumb == st.Slides[2].Thumb || !strings.HasPrefix(st.Slides[3].Thumb, "title:") {
		t.Errorf("the title slide's thumbnail name: %q", st.Slides[3].Thumb)
	}
	m := st.Music
	if len(m.Tracks) != 1 || m.Tracks[0].File != "music/beat-120.ogg" || m.Tracks[0].VolumeDB != -3 || m.Fit != "video" || m.Sync != "none" {
		t.Errorf("music: %+v", m)
	}
	for i := range st.Slides {
		for _, path := range []string{"/api/photo?w=160&h=90&slide=", "/api/frame?t=1&slide="} {
			w := do(t, h, s, request{path: path + string(rune('0'+i))})
			if w.Code != 200 || w.Header().Get("Content-Type") != "image/jpeg" {
				t.Errorf("%s%d: %d %s", path, i, w.Code, w.Body)
			}
		}
	}
}

// TestTextFrameIsStill checks that the studio's frame of a captioned
// slide and of a title slide is the render's still, caption included,
// and that editing the caption or the title changes the frame to the
// render's still of the edited storyboard (the cached copy is not
// reused).
func TestTextFrameIsStill(t *testing.T) {
	s, _ := captioned(t)
	h := s.Handler(addr)
	var last []byte
	check := func(name string, slide, n int, differs bool) {
		t.Run(name, func(t *testing.T) {
			st, err := render.NewStill(s.plan, slide, 640, 360)
			if err != nil {
				t.Fatal(err)
			}
			want := st.Frame(n)
			got, err := s.frames.videoFrame(context.Background(), s.xfade, s.plan, slide, n, 640, 360)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("slide %d frame %d differs from the render's still", slide+1, n)
			}
			if differs && bytes.Equal(got.Pix, last) {
				t.Errorf("slide %d frame %d did not change with the edit", slide+1, n)
			}
			last = got.Pix
		})
	}
	check("caption", 0, 60, false)
	if w := post(t, h, s, "/api/edit", Edit{Op: "text", Slide: 0, Key: "caption", Value: "Another caption"}); w.Code != 200 {
		t.Fatalf("edit: %d %s", w.Code, w.Body)
	}
	check("caption edited", 0, 60, true)
	check("title", 3, 20, false)
	if w := post(t, h, s, "/api/edit", Edit{Op: "text", Slide: 3, Key: "subtitle", Value: "by hand"}); w.Code != 200 {
		t.Fatalf("edit: %d %s", w.Code, w.Body)
	}
	check("subtitle edited", 3, 20, true)
	if w := post(t, h, s, "/api/edit", Edit{Op: "set", Slide: 3, Key: "duration", Value: "4", Seconds: 4}); w.Code != 200 {
		t.Fatalf("edit: %d %s", w.Code, w.Body)
	}
	check("title after a duration edit", 3, 20, false)
}

// TestTextEditsHandler runs the caption and title edits through the
// handler and reads the draft back: the texts are what the page sent, the
// comments stay, and problems show at their field with validate's
// message.
func TestTextEditsHandler(t *testing.T) {
	hard := "Say \"cheese\": 100% \\ C:\\new # not a comment\nline 2 🌅 ✓ 'q' {x} [y]"
	for _, tt := range []struct {
		name  string
		edit  Edit
		want  int
		check func(*storyboard.Storyboard) bool
		field string // a problem expected at this field of the edited slide
	}{
		{"caption", Edit{Op: "text", Slide: 0, Key: "caption", Value: hard}, 200,
			func(sb *storyboard.Storyboard) bool { return sb.Slides[0].Caption == hard }, ""},
		{"caption added", Edit{Op: "text", Slide: 2, Key: "caption", Value: hard}, 200,
			func(sb *storyboard.Storyboard) bool { return sb.Slides[2].Caption == hard }, ""},
		{"caption removed", Edit{Op: "text", Slide: 0, Key: "caption", Value: ""}, 200,
			func(sb *storyboard.Storyboard) bool { return sb.Slides[0].Caption == "" }, ""},
		{"title", Edit{Op: "text", Slide: 3, Key: "title", Value: hard}, 200,
			func(sb *storyboard.Storyboard) bool { return sb.Slides[3].Title.Text == hard }, ""},
		{"subtitle", Edit{Op: "text", Slide: 3, Key: "subtitle", Value: hard}, 200,
			func(sb *storyboard.Storyboard) bool { return sb.Slides[3].Title.Subtitle == hard }, ""},
		{"background", Edit{Op: "text", Slide: 3, Key: "background", Value: "#ffe08a"}, 200,
			func(sb *storyboard.Storyboard) bool {
				c := sb.Slides[3].Title.Background
				return c != nil && c.R == 0xff && c.B == 0x8a
			}, ""},
		{"background removed", Edit{Op: "text", Slide: 3, Key: "background", Value: ""}, 200,
			func(sb *storyboard.Storyboard) bool { return sb.Slides[3].Title.Background == nil }, ""},
		{"bad background is a problem", Edit{Op: "text", Slide: 3, Key: "background", Value: "#12"}, 200, nil, "background"},
		{"title slide added", Edit{Op: "title", To: 1, Title: hard, Subtitle: "sub", Seconds: 2.5}, 200,
			func(sb *storyboard.Storyboard) bool {
				t := sb.Slides[1].Title
				return len(sb.Slides) == 5 && t != nil && t.Text == hard && t.Subtitle == "sub" && *sb.Slides[1].Setting.Duration == 2500*time.Millisecond
			}, ""},
		{"title slide added last", Edit{Op: "title", To: 4, Title: "The end"}, 200,
			func(sb *storyboard.Storyboard) bool {
				return len(sb.Slides) == 5 && sb.Slides[4].Title.Text == "The end"
			}, ""},
		{"title slide without a title", Edit{Op: "title", To: 1}, 422, nil, ""},
		{"title removed", Edit{Op: "text", Slide: 3, Key: "title", Value: ""}, 422, nil, ""},
		{"subtitle of a photo", Edit{Op: "text", Slide: 0, Key: "subtitle", Value: "x"}, 422, nil, ""},
		{"unknown text", Edit{Op: "text", Slide: 0, Key: "photo", Value: "x.jpg"}, 422, nil, ""},
		{"windows of a title slide", Edit{Op: "keyframes", Slide: 3, Keyframes: []Keyframe{{At: 0, Win: Win{W: 1, H: 1}, Ease: "linear"}}}, 422, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := captioned(t)
			h := s.Handler(addr)
			before := string(s.draft)
			w := post(t, h, s, "/api/edit", tt.edit)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
			if w.Code != 200 {
				return
			}
			st := state(t, w)
			if tt.field != "" {
				sb, err := storyboard.Parse(s.path, s.draft)
				var want []string
				if se, ok := err.(*storyboard.Error); ok && sb != nil {
					for _, p := range se.Problems {
						want = append(want, p.Msg)
					}
				}
				if len(st.Problems) != 1 || st.Problems[0].Field != tt.field || st.Problems[0].Slide != tt.edit.Slide || len(want) != 1 || st.Problems[0].Msg != want[0] {
					t.Errorf("problems %+v, want one at %s with validate's message %q", st.Problems, tt.field, want)
				}
				return
			}
			if !st.Valid {
				t.Fatalf("the edit made the storyboard invalid: %+v\n%s", st.Problems, s.draft)
			}
			sb, err := storyboard.Parse(s.path, s.draft)
			if err != nil || !tt.check(sb) {
				t.Errorf("the draft does not say what was sent (%v):\n%s", err, s.draft)
			}
			for _, line := range strings.Split(before, "\n") {
				if i := strings.Index(line, "# "); i >= 0 && !strings.Contains(string(s.draft), line[i:]) && !strings.Contains(line, "caption:") {
					t.Errorf("comment lost: %s", line[i:])
				}
			}
		})
	}
}

// TestBeatSyncState opens examples/music.yaml (music_fit music, sync
// beats): the slides the page shows have the durations the planner
// synced, and the moved cuts.
func TestBeatSyncState(t *testing.T) {
	testenv.NeedFFmpeg(t)
	s, h, _ := exampleFrom(t, filepath.Join("..", "..", "examples", "music.yaml"))
	st := state(t, do(t, h, s, request{path: "/api/state"}))
	if !st.Valid {
		t.Fatalf("problems: %+v", st.Problems)
	}
	if st.Music.Sync != "beats" || st.Music.Fit != "music" || len(st.Music.Tracks) != 2 || len(st.Music.Cuts) != len(st.Slides)-1 {
		t.Fatalf("music: %+v", st.Music)
	}
	moved := 0
	for i, sl := range st.Slides {
		if want := s.plan.Slides[i].Duration.Seconds(); sl.Duration != want {
			t.Errorf("slide %d: %gs, the plan says %gs", i+1, sl.Duration, want)
		}
		if sl.Planned != 0 {
			moved++
		}
	}
	for _, c := range st.Music.Cuts {
		if c.Moved && c.Planned == c.Synced {
			t.Errorf("cut %+v moved nowhere", c)
		}
	}
	if moved == 0 {
		t.Errorf("no slide's duration was synced: %+v", st.Music.Cuts)
	}
}

// TestCaptionFrameCost measures preview frames of slide 1 at 640x360
// through the handler, in CPU time, with its caption and after the
// caption is removed; it asserts nothing about time.
func TestCaptionFrameCost(t *testing.T) {
	s, _ := captioned(t)
	h := s.Handler(addr)
	measure := func(what string) {
		do(t, h, s, request{path: "/api/frame?slide=0&t=1&w=640"}) // decode and draw the caption once
		var r0, r1 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
		start := time.Now()
		const n = 90
		for i := range n {
			if w := do(t, h, s, request{path: "/api/frame?slide=0&w=640&t=" + strconv.FormatFloat(0.5+float64(i)/30, 'f', 4, 64)}); w.Code != 200 {
				t.Fatalf("frame: %d %s", w.Code, w.Body)
			}
		}
		wall := time.Since(start)
		syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
		cpu := time.Duration(r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano())
		t.Logf("preview frame at 640x360, %s: %.1f ms CPU, %.1f ms wall a frame (%d frames)", what, float64(cpu.Microseconds())/1000/n, float64(wall.Microseconds())/1000/n, n)
	}
	measure("with a caption")
	if w := post(t, h, s, "/api/edit", Edit{Op: "text", Slide: 0, Key: "caption"}); w.Code != 200 {
		t.Fatalf("edit: %d %s", w.Code, w.Body)
	}
	measure("without")
}

// TestExamplesOpen opens every example storyboard in the studio: each is
// valid there as for validate, and every slide's thumbnail and a frame
// are drawn, title slides on a photo included.
func TestExamplesOpen(t *testing.T) {
	testenv.NeedFFmpeg(t)
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			s, h, _ := exampleFrom(t, file)
			st := state(t, do(t, h, s, request{path: "/api/state"}))
			if !st.Valid {
				t.Fatalf("problems: %+v", st.Problems)
			}
			for i, sl := range st.Slides {
				for _, path := range []string{"/api/photo?w=160&h=90&slide=", "/api/frame?w=320&t=" + strconv.FormatFloat(sl.Duration/2, 'f', 4, 64) + "&slide="} {
					if w := do(t, h, s, request{path: path + strconv.Itoa(i)}); w.Code != 200 {
						t.Errorf("%s%d: %d %s", path, i, w.Code, w.Body)
					}
				}
			}
		})
	}
}
