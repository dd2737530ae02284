package main

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/testenv"
)

// TestMain keeps the tests' chunk cache out of the user's: every run of
// the tests starts with an empty one.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kenburns-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// renderCounting renders with JSON progress and returns how many chunks
// were taken from the cache, and how many there are.
func renderCounting(t *testing.T, args ...string) (cached, chunks int) {
	t.Helper()
	code, _, stderr := kenburns(t, append([]string{"render", "--progress", "json", "--x264-preset", "ultrafast", "-y"}, args...)...)
	if code != exitOK {
		t.Fatalf("render %v: exit %d: %s", args, code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var sum struct {
		Phase          string
		Cached, Chunks int
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil || sum.Phase != "summary" {
		t.Fatalf("no summary line: %v\n%s", err, stderr)
	}
	return sum.Cached, sum.Chunks
}

func framemd5(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-f", "framemd5", "-").Output()
	if err != nil {
		t.Fatalf("framemd5 %s: %v", path, err)
	}
	return string(out)
}

// writeJPEG writes a w x h JPEG of a pattern that depends on seed.
func writeJPEG(t *testing.T, path string, w, h, seed int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x*seed + y), uint8(y * 3 * seed), uint8((x + y) * seed), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
}

// TestChunkCache renders a storyboard again after each kind of change and
// checks which chunks are taken from the cache, and that the video is
// always the one a render without the cache makes: nothing stale is used.
func TestChunkCache(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	for i := 1; i <= 4; i++ {
		writeJPEG(t, filepath.Join(dir, fmt.Sprintf("p%d.jpg", i)), 320, 240, i)
	}
	sb := filepath.Join(dir, "trip.yaml")
	if code, _, errOut := kenburns(t, "init", dir, "-o", sb, "--size", "160x90", "--fps", "10", "--duration", "1", "--transition-duration", "0.3"); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(dir, "out.mp4")
	fresh := filepath.Join(dir, "fresh.mp4")
	same := func(t *testing.T, extra ...string) {
		t.Helper()
		renderCounting(t, append([]string{sb, "-o", fresh, "--no-cache"}, extra...)...)
		if framemd5(t, out) != framemd5(t, fresh) {
			t.Error("the video made with the cache differs from one made without it")
		}
	}
	tone := sineMusic(t, 440)
	steps := []struct {
		name       string
		change     func(t *testing.T)
		extra      []string
		wantCached int
	}{
		{"cold", func(*testing.T) {}, nil, 0},
		{"unchanged", func(*testing.T) {}, nil, 4},
		{"one slide's motion edited", func(t *testing.T) {
			b, _ := os.ReadFile(sb)
			// Slide 3's second keyframe zooms elsewhere.
			parts := strings.SplitN(string(b), "  - photo: p3.jpg\n", 2)
			if len(parts) != 2 {
				t.Fatalf("no slide p3.jpg in:\n%s", b)
			}
			lines := strings.Split(parts[1], "\n")
			edited := false
			for i, l := range lines {
				if strings.Contains(l, "- {at: 1s") {
					lines[i], edited = "      - {at: 1s, zoom: 1.4, center: [0.4, 0.45]}", true
					break
				}
			}
			if !edited {
				t.Fatalf("no end keyframe in slide 3:\n%s", parts[1])
			}
			os.WriteFile(sb, []byte(parts[0]+"  - photo: p3.jpg\n"+strings.Join(lines, "\n")), 0o644)
		}, nil, 2},
		{"a photo's bytes changed under the same name", func(t *testing.T) {
			writeJPEG(t, filepath.Join(dir, "p2.jpg"), 320, 240, 9)
		}, nil, 2},
		// Music settings change the mux, never the video's chunks.
		{"music added, set softer", func(*testing.T) {}, []string{"--audio", tone, "--audio-volume", "-6dB", "--audio-fade", "1s"}, 4},
		{"an encoder setting changed", func(*testing.T) {}, []string{"--crf", "30"}, 0},
		{"damaged cache entries", func(t *testing.T) {
			entries, _ := filepath.Glob(filepath.Join(cacheDir, "entries", "*", "*.mp4"))
			if len(entries) == 0 {
				t.Fatal("no cache entries to damage")
			}
			for _, e := range entries {
				b, _ := os.ReadFile(e)
				os.Remove(e) // in place of the entry, not through its links
				os.WriteFile(e, b[:len(b)/2], 0o644)
			}
		}, []string{"--crf", "30"}, 0},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.change(t)
			cached, chunks := renderCounting(t, append([]string{sb, "-o", out, "--cache", cacheDir}, st.extra...)...)
			if chunks != 4 || cached != st.wantCached {
				t.Errorf("%d of %d chunks from the cache, want %d", cached, chunks, st.wantCached)
			}
			same(t, st.extra...)
		})
	}
}

// TestCacheCommand: info counts what render stored; clean empties it.
func TestCacheCommand(t *testing.T) {
	testenv.NeedFFmpeg(t)
	cacheDir := t.TempDir()
	out := filepath.Join(t.TempDir(), "out.mp4")
	renderCounting(t, "../../examples/photos", "-o", out, "--size", "160x90", "--fps", "10", "--duration", "1", "--transition-duration", "0.3", "--cache", cacheDir)
	code, info, errOut := kenburns(t, "cache", "info", "--cache", cacheDir)
	if code != exitOK || !strings.Contains(info, ": 5 chunks,") {
		t.Errorf("cache info: exit %d: %s%s", code, info, errOut)
	}
	if code, _, errOut := kenburns(t, "cache", "clean", "--cache", cacheDir); code != exitOK {
		t.Errorf("cache clean: exit %d: %s", code, errOut)
	}
	if _, info, _ := kenburns(t, "cache", "info", "--cache", cacheDir); !strings.Contains(info, ": 0 chunks,") {
		t.Errorf("after clean: %s", info)
	}
	for _, args := range [][]string{{"cache"}, {"cache", "wipe"}, {"render", "../../examples/photos", "-o", out, "--cache", cacheDir, "--no-cache"}, {"render", "../../examples/photos", "--cache-max", "lots", "-o", out}} {
		if code, _, _ := kenburns(t, args...); code != exitInvalid {
			t.Errorf("%v: exit %d, want %d", args, code, exitInvalid)
		}
	}
}

// TestNoCacheKeepsNothing: --no-cache encodes every chunk and leaves
// nothing in the user's cache, interest maps included.
func TestNoCacheKeepsNothing(t *testing.T) {
	testenv.NeedFFmpeg(t)
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	out := filepath.Join(t.TempDir(), "out.mp4")
	for i := 0; i < 2; i++ {
		cached, chunks := renderCounting(t, "../../examples/photos", "-o", out, "--size", "160x90", "--fps", "10",
			"--duration", "1", "--transition-duration", "0.3", "--no-cache")
		if cached != 0 || chunks != 5 {
			t.Errorf("render %d: %d of %d chunks from a cache", i+1, cached, chunks)
		}
	}
	var left []string
	filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("--no-cache left files in the cache: %v", left)
	}
}
