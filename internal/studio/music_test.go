package studio

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

// musicVideo is examples/music.yaml with music_fit: video and a comment
// on it, in a fresh folder with the examples' photos and music.
func musicVideo(t *testing.T) (*Server, string, string) {
	t.Helper()
	testenv.NeedFFmpeg(t)
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "music.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), "music_fit: music\n", "music_fit: video   # the photos' own length\n", 1)
	file := filepath.Join(t.TempDir(), "music.yaml")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, _, path := exampleFrom(t, file)
	return s, path, text
}

// TestMusicFitEdit sets music_fit to music from the page: the slides'
// durations become those the planner makes of the edited storyboard, and
// the saved file says music_fit: music with its comments kept.
func TestMusicFitEdit(t *testing.T) {
	s, path, text := musicVideo(t)
	h := s.Handler(addr)
	before := state(t, do(t, h, s, request{path: "/api/state"}))
	if !before.Valid || before.Music.Fit != "video" {
		t.Fatalf("before: valid %v fit %q %+v", before.Valid, before.Music.Fit, before.Problems)
	}
	w := post(t, h, s, "/api/edit", Edit{Op: "music", Key: "music_fit", Value: "music"})
	st := state(t, w)
	if w.Code != 200 || !st.Valid || st.Music.Fit != "music" {
		t.Fatalf("edit: %d valid %v fit %q %+v", w.Code, st.Valid, st.Music.Fit, st.Problems)
	}
	sb, err := storyboard.Parse(path, s.draft)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := slideshow.Build(context.Background(), sb, slideshow.StoryboardOptions(sb, s.base))
	if err != nil {
		t.Fatal(err)
	}
	changed := false
	for i, sl := range st.Slides {
		if want := plan.Slides[i].Duration.Seconds(); sl.Duration != want {
			t.Errorf("slide %d: %gs, the planner says %gs", i+1, sl.Duration, want)
		}
		changed = changed || sl.Duration != before.Slides[i].Duration
	}
	if !changed {
		t.Errorf("music_fit: music changed no slide's duration: %+v", st.Slides)
	}
	if w := post(t, h, s, "/api/save", map[string]bool{"force": false}); w.Code != 200 {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	after, _ := os.ReadFile(path)
	want := strings.Replace(text, "music_fit: video   #", "music_fit: music   #", 1)
	if string(after) != want {
		t.Errorf("saved file:\n%s\nwant:\n%s", after, want)
	}
}

// TestMusicEdits runs each music edit through the handler: what the
// draft then says, or the problem at the field for a value validate
// refuses.
func TestMusicEdits(t *testing.T) {
	for _, tt := range []struct {
		name   string
		edit   Edit
		want   int
		inFile string
		field  string // the field a problem shows at; "" = none
		track  int
	}{
		{"sync none", Edit{Op: "music", Key: "sync", Value: "none"}, 200, "\nsync: none\n", "", -1},
		{"sync_min", Edit{Op: "music", Key: "sync_min", Value: "2", Seconds: 2}, 200, "\nsync: beats\nsync_min: 2s\n", "", -1},
		{"music_fit removed", Edit{Op: "music", Key: "music_fit"}, 200, "}\nsync: beats\n", "", -1},
		{"track fade_in", Edit{Op: "track", Track: 1, Key: "fade_in", Value: "2", Seconds: 2}, 200, "fade_out: 1.5s, fade_in: 2s}", "", -1},
		{"track volume", Edit{Op: "track", Track: 0, Key: "volume", Value: "-6"}, 200, "crossfade: 1s, volume: -6dB}", "", -1},
		{"unknown music_fit is a problem", Edit{Op: "music", Key: "music_fit", Value: "musik"}, 200, "music_fit: musik", "music_fit", -1},
		{"sync_min too long is a problem", Edit{Op: "music", Key: "sync_min", Value: "7200", Seconds: 7200}, 200, "sync_min: 7200s", "sync_min", -1},
		{"track start past its end is a problem", Edit{Op: "track", Track: 1, Key: "start", Value: "1000", Seconds: 1000}, 200, "start: 1000s", "start", 1},
		{"volume not a number", Edit{Op: "track", Track: 0, Key: "volume", Value: "loud}"}, 422, "", "", -1},
		{"music_fit not a name", Edit{Op: "music", Key: "music_fit", Value: "a: b"}, 422, "", "", -1},
		{"unknown setting", Edit{Op: "music", Key: "music"}, 422, "", "", -1},
		{"no such track", Edit{Op: "track", Track: 2, Key: "volume", Value: "-3"}, 422, "", "", -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, h, _ := exampleFrom(t, filepath.Join("..", "..", "examples", "music.yaml"))
			testenv.NeedFFmpeg(t)
			w := post(t, h, s, "/api/edit", tt.edit)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
			if tt.inFile != "" && !strings.Contains(string(s.draft), tt.inFile) {
				t.Errorf("draft lacks %q:\n%s", tt.inFile, s.draft)
			}
			if w.Code != 200 {
				return
			}
			st := state(t, w)
			if tt.field == "" {
				if !st.Valid {
					t.Errorf("the edit made the storyboard invalid: %+v", st.Problems)
				}
				return
			}
			if st.Valid || len(st.Problems) != 1 {
				t.Fatalf("problems: %+v", st.Problems)
			}
			p := st.Problems[0]
			if p.Slide != -1 || p.Field != tt.field || p.Track != tt.track || !strings.HasPrefix(p.Text, s.path+":") {
				t.Errorf("problem: %+v", p)
			}
		})
	}
}
