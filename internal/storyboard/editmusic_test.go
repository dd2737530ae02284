package storyboard

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/golden"
)

// TestMusicEdits checks the edits of the music settings and tracks against
// golden files: only the value edited changes, and the comments around
// music: stay.
func TestMusicEdits(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		edit     func([]byte) ([]byte, error)
	}{
		{"music-fit-replace", "music.yaml", func(b []byte) ([]byte, error) { return SetTopKey(b, "music_fit", "music") }},
		{"music-fit-remove", "music.yaml", func(b []byte) ([]byte, error) { return SetTopKey(b, "music_fit", "") }},
		{"music-sync-add", "music.yaml", func(b []byte) ([]byte, error) { return SetTopKey(b, "sync", "beats") }},
		{"music-sync-min-add", "nomusic.yaml", func(b []byte) ([]byte, error) { return SetTopKey(b, "sync_min", "2s") }},
		{"music-track-flow-add", "music.yaml", func(b []byte) ([]byte, error) { return SetMusicKey(b, 0, "volume", "0.5") }},
		{"music-track-flow-replace", "music.yaml", func(b []byte) ([]byte, error) { return SetMusicKey(b, 0, "fade_in", "2.5s") }},
		{"music-track-block-replace", "music.yaml", func(b []byte) ([]byte, error) { return SetMusicKey(b, 1, "start", "3s") }},
		{"music-track-block-remove", "music.yaml", func(b []byte) ([]byte, error) { return SetMusicKey(b, 1, "start", "") }},
		{"music-track-block-add", "music.yaml", func(b []byte) ([]byte, error) { return SetMusicKey(b, 1, "fade_out", "1s") }},
		{"music-track-path", "music.yaml", func(b []byte) ([]byte, error) { return SetMusicKey(b, 2, "end", "10s") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "edit", tt.in))
			if err != nil {
				t.Fatal(err)
			}
			out, err := tt.edit(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "edit", tt.name+".golden"), string(out))
		})
	}
}

// TestMusicEditRefused checks that a music list the edits do not rewrite
// is refused, and a track out of range named.
func TestMusicEditRefused(t *testing.T) {
	for _, tt := range []struct{ name, src string }{
		{"flow music", "music: [a.ogg]\nslides:\n  - a.jpg\n"},
		{"no music", "slides:\n  - a.jpg\n"},
		{"no track 2", "music:\n  - a.ogg\nslides:\n  - a.jpg\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := SetMusicKey([]byte(tt.src), 1, "volume", "0.5"); err == nil {
				t.Fatal("edit accepted")
			}
		})
	}
}

// TestFieldAt checks that positions in the settings find their key, and
// inside music: the track and its key.
func TestFieldAt(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "edit", "music.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		line, col int
		want      TopField
	}{
		{13, 12, TopField{Key: "music_fit", Track: -1}},
		{6, 38, TopField{Key: "music", Track: 0, Sub: "fade_in"}},
		{10, 13, TopField{Key: "music", Track: 1, Sub: "volume"}},
		{11, 5, TopField{Key: "music", Track: 2}},
		{17, 5, TopField{Key: "slides", Track: -1}},
		{1, 1, TopField{Track: -1}},
	} {
		if got := FieldAt(src, tt.line, tt.col); got != tt.want {
			t.Errorf("%d:%d: got %+v, want %+v", tt.line, tt.col, got, tt.want)
		}
	}
}
