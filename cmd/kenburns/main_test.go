package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

// tiny are render flags that keep test renders fast.
var tiny = []string{"--size", "160x90", "--fps", "10", "--duration", "1", "--transition-duration", "0.3", "--progress", "none"}

// kenburns runs the command in-process and returns its exit code, stdout
// and stderr.
func kenburns(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

type probeInfo struct {
	Width, Height, Frames int
	Duration              float64
	HasAudio              bool
	AudioDuration         float64
}

func probe(t *testing.T, path string) probeInfo {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-count_packets", "-show_entries",
		"stream=codec_type,width,height,nb_read_packets,duration:format=duration", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p struct {
		Streams []struct {
			CodecType string `json:"codec_type"`
			Width     int
			Height    int
			Packets   string `json:"nb_read_packets"`
			Duration  string
		}
		Format struct{ Duration string }
	}
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	var info probeInfo
	info.Duration, _ = strconv.ParseFloat(p.Format.Duration, 64)
	for _, s := range p.Streams {
		switch s.CodecType {
		case "video":
			info.Width, info.Height = s.Width, s.Height
			info.Frames, _ = strconv.Atoi(s.Packets)
		case "audio":
			info.HasAudio = true
			info.AudioDuration, _ = strconv.ParseFloat(s.Duration, 64)
		}
	}
	return info
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.mp4")
	os.WriteFile(existing, []byte("precious"), 0o644)
	photos := filepath.Join("..", "..", "examples", "photos")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no inputs", []string{"render"}, "at least one photo"},
		{"unknown flag", []string{"render", "--frobnicate", photos}, "unknown flag"},
		{"bad size", []string{"render", "--size", "big", photos}, "invalid size"},
		{"odd size", []string{"render", "--size", "641x360", photos}, "even"},
		{"bad duration", []string{"render", "--duration", "soon", photos}, "not a length of time"},
		{"absurd duration", []string{"render", "--duration", "1e12", photos}, "too long"},
		{"negative duration", []string{"render", "--transition-duration", "-1s", photos}, "negative"},
		{"bad transition", []string{"render", "--transition", "wipleft", "--dry-run", photos}, `did you mean "wipeleft"`},
		{"bad progress", []string{"render", "--progress", "loud", photos}, "--progress"},
		{"missing photo", []string{"render", filepath.Join(dir, "nope.jpg"), "-o", filepath.Join(dir, "o.mp4")}, "nope.jpg: no such file"},
		{"empty folder", []string{"render", t.TempDir(), "-o", filepath.Join(dir, "o.mp4")}, "no photos found"},
		{"output exists", []string{"render", photos, "-o", existing}, "already exists: pass -y"},
		{"unknown codec", []string{"render", "--codec", "h266", photos}, `unknown codec "h266"`},
		{"codec not in container", []string{"render", "--codec", "h264", photos, "-o", filepath.Join(dir, "o.webm")}, "a .webm output holds vp9 or av1"},
		{"unknown quality", []string{"render", "--quality", "best", photos}, `unknown quality "best"`},
		{"output not mp4", []string{"render", photos, "-o", filepath.Join(dir, "photo.jpg"), "-y"}, "name the output with one of these extensions"},
		{"output folder missing", []string{"render", photos, "-o", filepath.Join(dir, "nope", "out.mp4")}, "does not exist"},
		{"output is a folder", []string{"render", photos, "-o", mkdir(t, filepath.Join(dir, "folder.mp4")), "-y"}, "is a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := kenburns(t, tt.args...)
			if code != exitInvalid {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitInvalid, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr does not mention %q:\n%s", tt.want, stderr)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "precious" {
		t.Errorf("existing output was modified: %q", b)
	}
}

func mkdir(t *testing.T, path string) string {
	t.Helper()
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestVersion(t *testing.T) {
	if code, out, _ := kenburns(t, "--version"); code != 0 || !strings.HasPrefix(out, "kenburns version ") {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestHelpDocumentsExitCodes(t *testing.T) {
	code, out, _ := kenburns(t, "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"EXIT STATUS", "130", "invalid input"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestDryRunGolden(t *testing.T) {
	// A dry run reads photo headers only: no ffmpeg needed.
	code, out, stderr := kenburns(t, "render", "--dry-run", "-o", "example.mp4", filepath.Join("..", "..", "examples", "photos"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	goldenFile(t, "dry-run.golden", out)
}

// TestRenderFolder renders the example folder and checks the video with
// ffprobe: size, exact frame count and duration.
func TestRenderFolder(t *testing.T) {
	testenv.NeedFFmpeg(t)
	out := filepath.Join(t.TempDir(), "out.mp4")
	args := append([]string{"render", filepath.Join("..", "..", "examples", "photos"), "-o", out}, tiny...)
	code, _, stderr := kenburns(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p := probe(t, out)
	// 5 photos x 10 frames - 4 transitions x 3 frames.
	if p.Width != 160 || p.Height != 90 || p.Frames != 38 {
		t.Errorf("got %dx%d with %d frames, want 160x90 with 38", p.Width, p.Height, p.Frames)
	}
	if p.Duration < 3.75 || p.Duration > 3.85 {
		t.Errorf("duration %.3f s, want 3.8", p.Duration)
	}
}

// TestBadInputs runs every bad input of the corpus, and others made here,
// through render: exit code 2, one message naming the file, nothing written.
func TestBadInputs(t *testing.T) {
	testenv.NeedFFmpeg(t)
	bad := testenv.Corpus(t, "bad")
	made := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(made, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]string{}
	entries, err := os.ReadDir(bad)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		cases["corpus "+e.Name()] = filepath.Join(bad, e.Name())
	}
	cases["heic"] = write("phone.heic", append([]byte{0, 0, 0, 0x18}, []byte("ftypheic\x00\x00\x00\x00mif1heic")...))
	cases["heic named jpg"] = write("phone.jpg", append([]byte{0, 0, 0, 0x18}, []byte("ftypheic\x00\x00\x00\x00mif1heic")...))
	cases["svg"] = write("drawing.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`))
	cases["png header only"] = write("header.png", []byte("\x89PNG\r\n\x1a\n"))
	cases["gif zero size"] = write("zero.gif", []byte("GIF89a\x00\x00\x00\x00\x00\x00\x00;"))
	cases["broken storyboard"] = write("broken.yaml", []byte("slides: [photos/a.jpg\n"))
	if os.Geteuid() != 0 { // root reads anything: the case cannot happen
		cases["unreadable"] = write("secret.jpg", []byte{0xff, 0xd8, 0xff})
		os.Chmod(cases["unreadable"], 0)
	}
	// The corpus's symlink-loop.jpg arrives as a real loop or as a plain
	// file holding its own name: make both, whichever one arrived.
	cases["symlink loop"] = filepath.Join(made, "loop.jpg")
	if err := os.Symlink("loop.jpg", cases["symlink loop"]); err != nil {
		t.Fatal(err) // else the case would pass as a missing file
	}
	cases["symlink loop, link lost"] = write("lost-loop.jpg", []byte("lost-loop.jpg"))
	cases["dangling link"] = filepath.Join(made, "dangling.jpg")
	os.Symlink(filepath.Join(made, "gone.jpg"), cases["dangling link"])

	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.mp4")
			args := append([]string{"render", path, "-o", out}, tiny...)
			code, stdout, stderr := kenburns(t, args...)
			if code != exitInvalid {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitInvalid, stderr)
			}
			if !strings.Contains(stderr, filepath.Base(path)) {
				t.Errorf("message does not name %s:\n%s", filepath.Base(path), stderr)
			}
			first, _, _ := strings.Cut(stderr, "\n")
			if !strings.Contains(first, filepath.Base(path)) {
				t.Errorf("first line does not name the file: %q", first)
			}
			// A storyboard problem quotes the source line under its
			// file:line:col message; everything else is one line.
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 0 && !slideshow.IsStoryboard(path) {
				t.Errorf("want one line, got %d:\n%s", n+1, stderr)
			}
			if strings.Contains(stderr+stdout, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("crash:\n%s", stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output exists after a failed render")
			}
			assertNoPartials(t, filepath.Dir(out))
		})
	}
}

func assertNoPartials(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".partial") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestSkipBad renders a folder with a bad photo in it: without --skip-bad
// nothing is rendered; with it the rest is rendered and the bad one named.
func TestSkipBad(t *testing.T) {
	testenv.NeedFFmpeg(t)
	bad := testenv.Corpus(t, "bad")
	dir := t.TempDir()
	for _, name := range []string{"01-mandelbrot.jpg", "02-gradients.jpg"} {
		copyFile(t, filepath.Join("..", "..", "examples", "photos", name), filepath.Join(dir, name))
	}
	copyFile(t, filepath.Join(bad, "truncated-30pct.jpg"), filepath.Join(dir, "03-truncated.jpg"))
	copyFile(t, filepath.Join(bad, "text-file.jpg"), filepath.Join(dir, "04-text.jpg"))
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("sidecar"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte{0, 0, 0, 1}, 0o644)
	out := filepath.Join(t.TempDir(), "out.mp4")

	code, _, stderr := kenburns(t, append([]string{"render", dir, "-o", out}, tiny...)...)
	if code != exitInvalid || !strings.Contains(stderr, "04-text.jpg") {
		t.Fatalf("without --skip-bad: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("output written despite bad photos")
	}
	code, _, stderr = kenburns(t, append([]string{"render", dir, "-o", out, "--skip-bad"}, tiny...)...)
	if code != 0 {
		t.Fatalf("with --skip-bad: exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"03-truncated.jpg", "04-text.jpg", "warning", "ignored 1 file"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if p := probe(t, out); p.Frames != 17 {
		t.Errorf("%d frames, want 17 (two photos)", p.Frames)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSourcesUntouched hashes the whole corpus before and after a render
// of all of it with music.
func TestSourcesUntouched(t *testing.T) {
	testenv.NeedFFmpeg(t)
	photos := testenv.Corpus(t, "photos")
	audio := testenv.Corpus(t, "audio")
	before := hashTree(t, filepath.Dir(photos))
	out := filepath.Join(t.TempDir(), "corpus.mp4")
	args := append([]string{"render", photos, "-o", out, "--audio", filepath.Join(audio, "music-asc-frontiers-30s.mp3"),
		"--audio", filepath.Join(audio, "music-neverball-inter-27s.ogg")}, tiny...)
	code, _, stderr := kenburns(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if after := hashTree(t, filepath.Dir(photos)); after != before {
		t.Error("the corpus changed during a render")
	}
	p := probe(t, out)
	if want := 21*10 - 20*3; p.Frames != want || !p.HasAudio {
		t.Errorf("%d frames (audio %v), want %d with audio", p.Frames, p.HasAudio, want)
	}
	// The two pieces (MP3 then Ogg) outlast the 15 s video: they are cut,
	// not the video.
	if d := p.AudioDuration - 15; d < -0.05 || d > 0.05 {
		t.Errorf("music lasts %.3f s, want the video's 15 s", p.AudioDuration)
	}
}

func hashTree(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 || d.IsDir() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		st, _ := f.Stat()
		fmt.Fprintf(h, "%s %v %v\n", path, st.Mode(), st.ModTime().UnixNano())
		io.Copy(h, f)
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestProgressJSON checks the JSON lines a batch script reads.
func TestProgressJSON(t *testing.T) {
	testenv.NeedFFmpeg(t)
	out := filepath.Join(t.TempDir(), "out.mp4")
	args := append([]string{"render", filepath.Join("..", "..", "examples", "photos"), "-o", out}, tiny...)
	// --no-cache: every phase must show, whatever earlier tests cached.
	args = append(args, "--progress", "json", "--no-cache")
	code, _, stderr := kenburns(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var last map[string]any
	phases := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		phases[m["phase"].(string)] = true
		last = m
	}
	for _, p := range []string{"prepare", "encode", "mux", "done", "summary"} {
		if !phases[p] {
			t.Errorf("no %q line", p)
		}
	}
	if last["phase"] != "summary" || last["ok"] != true || last["frames"].(float64) != 38 || last["output"] != out {
		t.Errorf("bad summary: %v", last)
	}
	for _, k := range []string{"wall", "duration"} {
		if _, ok := last[k]; !ok {
			t.Errorf("summary lacks %q: %v", k, last)
		}
	}
}

// TestFFmpegFailure runs a fake ffmpeg that fails: exit code 1, and the
// message names the slide and quotes ffmpeg's last words.
func TestFFmpegFailure(t *testing.T) {
	bin := t.TempDir()
	// The fake lists the filters and encoders kenburns checks for, then
	// fails to encode.
	script := "#!/bin/sh\ncase \"$*\" in *-filters*) echo ' .S. xfade  VV->V  Cross fade'; exit 0;;\n" +
		"*-encoders*) printf ' ------\\n V....D libx264 H.264\\n'; exit 0;; esac\n" +
		"echo 'first line' >&2\necho 'Error: simulated encoder failure' >&2\nexit 1\n"
	for _, name := range []string{"ffmpeg", "ffprobe"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	out := filepath.Join(t.TempDir(), "out.mp4")
	code, _, stderr := kenburns(t, append([]string{"render", filepath.Join("..", "..", "examples", "photos"), "-o", out}, tiny...)...)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	for _, want := range []string{"slide ", "photos/0", "simulated encoder failure"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written despite the failure")
	}
	assertNoPartials(t, filepath.Dir(out))
}

func TestMissingFFmpeg(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "out.mp4")
	code, _, stderr := kenburns(t, "render", filepath.Join("..", "..", "examples", "photos"), "-o", out)
	if code != exitFailure || !strings.Contains(stderr, "apt-get install ffmpeg") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestInterrupt sends SIGINT to a real kenburns process mid-render: exit
// code 130, no temporary files anywhere, the old output intact.
func TestInterrupt(t *testing.T) {
	testenv.NeedFFmpeg(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			bin := buildBinary(t)
			dir := t.TempDir()
			tmp := t.TempDir()
			out := filepath.Join(dir, "out.mp4")
			os.WriteFile(out, []byte("the previous video"), 0o644)
			cmd := exec.Command(bin, "render", filepath.Join("..", "..", "examples", "photos"), "-o", out, "-y",
				"--size", "640x360", "--duration", "6", "--progress", "json", "--jobs", "1")
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if strings.Contains(sc.Text(), `"phase":"encode"`) && strings.Contains(sc.Text(), `"slide":2`) {
					break
				}
			}
			cmd.Process.Signal(sig)
			io.Copy(io.Discard, stderr)
			err = cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
				t.Errorf("exit code %d (%v), want %d", code, err, exitInterrupted)
			}
			if b, _ := os.ReadFile(out); string(b) != "the previous video" {
				t.Error("the previous output was changed")
			}
			assertNoPartials(t, dir)
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("work files left in TMPDIR: %v", left)
			}
		})
	}
}

var buildOnce struct {
	sync.Once
	path string
	err  error
}

// buildBinary builds kenburns once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kenburns-test-bin-")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.path = filepath.Join(dir, "kenburns")
		out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput()
		if err != nil {
			buildOnce.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.path
}

// TestConcurrentRenders runs two renders into the same directory at once,
// one pair to different files and one to the same file: all succeed and
// every file left is a complete video.
func TestConcurrentRenders(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	outs := []string{filepath.Join(dir, "a.mp4"), filepath.Join(dir, "b.mp4"), filepath.Join(dir, "same.mp4"), filepath.Join(dir, "same.mp4")}
	var wg sync.WaitGroup
	codes := make([]int, len(outs))
	errs := make([]string, len(outs))
	for i, out := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append([]string{"render", filepath.Join("..", "..", "examples", "photos"), "-o", out, "-y", "--jobs", "1"}, tiny...)
			codes[i], _, errs[i] = kenburns(t, args...)
		}()
	}
	wg.Wait()
	for i := range outs {
		if codes[i] != 0 {
			t.Errorf("render %d: exit %d: %s", i, codes[i], errs[i])
		}
	}
	for _, out := range outs[:3] {
		if p := probe(t, out); p.Frames != 38 {
			t.Errorf("%s: %d frames, want 38", out, p.Frames)
		}
	}
	assertNoPartials(t, dir)
	_ = time.Second
}

// TestMusicLoops renders a video longer than its one piece of music: with
// --music-fit loop the music repeats to the end, where it is cut with the
// video; by default it is followed by silence, with a warning.
func TestMusicLoops(t *testing.T) {
	testenv.NeedFFmpeg(t)
	audio := testenv.Corpus(t, "audio/music-neverball-inter-27s.ogg")
	out := filepath.Join(t.TempDir(), "long.mp4")
	args := []string{"render", filepath.Join("..", "..", "examples", "photos"), "-o", out, "--audio", audio,
		"--size", "160x90", "--fps", "10", "--duration", "8", "--transition-duration", "0.3", "--progress", "none"}
	if code, _, stderr := kenburns(t, append(args, "--music-fit", "loop")...); code != 0 || strings.Contains(stderr, "warning") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p := probe(t, out)
	// 5 x 80 frames - 4 x 3 = 388 frames = 38.8 s.
	if p.Frames != 388 || p.AudioDuration < 38.7 || p.AudioDuration > 38.9 {
		t.Errorf("%d frames, music %.2f s; want 388 frames and 38.8 s of music", p.Frames, p.AudioDuration)
	}
	s := samples(t, out)
	if late := rms(s[33*48000 : 34*48000]); late < 0.01 {
		t.Errorf("the music is silent at 33 s (RMS %.4f): it did not repeat", late)
	}
	code, _, stderr := kenburns(t, append(args, "-y")...)
	if code != 0 || !strings.Contains(stderr, "kenburns: warning: the music (26.6") || !strings.Contains(stderr, "is shorter than the video (38.8s)") {
		t.Errorf("no warning of music shorter than the video: exit %d: %s", code, stderr)
	}
	if late := rms(samples(t, out)[33*48000 : 34*48000]); late > 1e-4 {
		t.Errorf("the music plays at 33 s (RMS %.4f), after its end", late)
	}
}

// TestTinyPhotos renders photos smaller than the resampling filter (a
// regression: a 1x1 PNG used to crash the renderer).
func TestTinyPhotos(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	for i, size := range [][2]int{{1, 1}, {3, 700}, {700, 3}, {8, 8}} {
		img := image.NewNRGBA(image.Rect(0, 0, size[0], size[1]))
		for p := range img.Pix {
			img.Pix[p] = byte(60 * (i + 1))
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("tiny%d.png", i)), b.Bytes(), 0o644)
	}
	out := filepath.Join(t.TempDir(), "tiny.mp4")
	if code, _, stderr := kenburns(t, append([]string{"render", dir, "-o", out}, tiny...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if p := probe(t, out); p.Frames != 4*10-3*3 {
		t.Errorf("%d frames, want 31", p.Frames)
	}
}

// TestRenderMatrix renders the example photos with each engine, fit and
// kind of transition: every combination gives a complete video of the
// planned length.
func TestRenderMatrix(t *testing.T) {
	testenv.NeedFFmpeg(t)
	photos := filepath.Join("..", "..", "examples", "photos")
	tests := []struct {
		engine, fit, transition string
		frames                  int
	}{
		{"smooth", "pad", "wipeleft", 38},
		{"smooth", "blur", "none", 50},
		{"zoompan", "crop", "fade", 38},
		{"zoompan", "pad", "dissolve", 38},
		{"zoompan", "blur", "none", 50},
	}
	// The same photo three times: ffmpeg-go merges identical inputs, so
	// each slide must have inputs of its own (shared/notes, pitfall 7).
	t.Run("repeated-photo", func(t *testing.T) {
		one := filepath.Join(photos, "02-gradients.jpg")
		for _, engine := range []string{"smooth", "zoompan"} {
			out := filepath.Join(t.TempDir(), "out.mp4")
			args := append([]string{"render", one, one, one, "-o", out, "--engine", engine}, tiny...)
			if code, _, stderr := kenburns(t, args...); code != 0 {
				t.Fatalf("%s: exit %d: %s", engine, code, stderr)
			}
			if p := probe(t, out); p.Frames != 3*10-2*3 {
				t.Errorf("%s: %d frames, want 24", engine, p.Frames)
			}
		}
	})
	for _, tt := range tests {
		t.Run(tt.engine+"-"+tt.fit+"-"+tt.transition, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.mp4")
			args := append([]string{"render", photos, "-o", out, "--engine", tt.engine, "--fit", tt.fit, "--transition", tt.transition}, tiny...)
			if code, _, stderr := kenburns(t, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if p := probe(t, out); p.Frames != tt.frames || p.Width != 160 || p.Height != 90 {
				t.Errorf("%dx%d, %d frames; want 160x90, %d", p.Width, p.Height, p.Frames, tt.frames)
			}
		})
	}
}

// TestProgressPlain checks the lines a log file gets when stderr is not a
// terminal (the default, auto).
func TestProgressPlain(t *testing.T) {
	testenv.NeedFFmpeg(t)
	out := filepath.Join(t.TempDir(), "out.mp4")
	args := []string{"render", filepath.Join("..", "..", "examples", "photos"), "-o", out,
		"--size", "160x90", "--fps", "10", "--duration", "1", "--transition-duration", "0.3", "--no-cache"}
	code, _, stderr := kenburns(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"prepare: reading photo", "of 5\n", "encode: frame", "of 38", "mux: joining", "wrote " + out + ": 5 slides, 38 frames"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("progress lacks %q:\n%s", want, stderr)
		}
	}
}

// TestCrossfadeFrameExact renders black, white, black with fades whose
// offsets are not whole numbers of seconds (89 frames at 30 fps) and checks
// that each fade is an even ramp of exactly the planned frames, with no
// jump where one chunk ends and the next begins.
func TestCrossfadeFrameExact(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := grayPhotos(t, 0, 255, 0)
	out := filepath.Join(t.TempDir(), "fades.mp4")
	args := []string{"render", dir, "-o", out, "--size", "64x36", "--fps", "30", "--duration", "3.6667",
		"--transition-duration", "0.7", "--crf", "0", "--progress", "none"}
	if code, _, stderr := kenburns(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cmd := exec.Command("ffmpeg", "-v", "error", "-i", out, "-vf", "scale=1:1,format=gray", "-f", "rawvideo", "-")
	luma, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	// 3 x 110 frames - 2 x 21.
	if len(luma) != 288 {
		t.Fatalf("%d frames, want 288", len(luma))
	}
	ramp := func(from, to int, up bool) {
		t.Helper()
		step := 255.0 / 21
		for n := from; n <= to; n++ {
			want := float64(n-from) * step
			if !up {
				want = 255 - want
			}
			if d := float64(luma[n]) - want; d > 4 || d < -4 {
				t.Errorf("frame %d: %d, want %.0f (fade frames %d-%d)", n, luma[n], want, from, to)
			}
		}
	}
	ramp(89, 110, true)   // chunk 1 ends at 109, chunk 2 starts at full white
	ramp(178, 199, false) // chunk 2 ends at 198, chunk 3 starts at black
	for _, n := range []int{0, 88, 288 - 1} {
		if luma[n] > 2 {
			t.Errorf("frame %d: %d, want black", n, luma[n])
		}
	}
	for n := 111; n < 178; n++ {
		if luma[n] < 253 {
			t.Fatalf("frame %d: %d, want white", n, luma[n])
		}
	}
}

// TestManyKeyframesZoompan renders a slide with 600 keyframes with the
// zoompan engine. Its expressions are longer than one argument may be
// (they go to a -filter_complex_script file) and deeper than ffmpeg's
// expression parser accepts as a chain (they are summed as a tree).
func TestManyKeyframesZoompan(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	copyFile(t, filepath.Join("..", "..", "examples", "photos", "01-mandelbrot.jpg"), filepath.Join(dir, "m.jpg"))
	var b strings.Builder
	b.WriteString("output: {size: 160x90, fps: 10}\nengine: zoompan\nslides:\n  - photo: m.jpg\n    duration: 61s\n    motion:\n")
	for n := 0; n < 600; n++ {
		fmt.Fprintf(&b, "      - {at: %.1fs, zoom: %.1f, center: [%.2f, 0.5]}\n", float64(n)/10, 1.5+float64(n%7)/10, 0.45+float64(n%3)/20)
	}
	sb := filepath.Join(dir, "long.yaml")
	os.WriteFile(sb, []byte(b.String()), 0o644)
	code, dry, stderr := kenburns(t, "render", sb, "--dry-run")
	if code != 0 || !strings.Contains(dry, "-filter_complex_script") {
		t.Fatalf("dry run: exit %d, script used: %v: %s", code, strings.Contains(dry, "-filter_complex_script"), stderr)
	}
	out := filepath.Join(dir, "long.mp4")
	if code, _, stderr := kenburns(t, "render", sb, "-o", out, "--progress", "none"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if p := probe(t, out); p.Frames != 610 {
		t.Errorf("%d frames, want 610", p.Frames)
	}
}

// TestHardwareEncoderExit asks for NVENC where there is no NVIDIA device:
// exit code 2 before any work, with a line naming the codec.
func TestHardwareEncoderExit(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed")
	}
	if exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "color=s=64x64", "-frames:v", "1", "-c:v", "h264_nvenc", "-f", "null", "-").Run() == nil {
		t.Skip("NVENC works on this machine")
	}
	out := filepath.Join(t.TempDir(), "out.mp4")
	code, _, stderr := kenburns(t, append([]string{"render", filepath.Join("..", "..", "examples", "photos"), "-o", out, "--codec", "h264_nvenc", "--progress", "json"}, tiny...)...)
	if code != exitInvalid {
		t.Errorf("exit %d, want %d:\n%s", code, exitInvalid, stderr)
	}
	for _, want := range []string{"codec h264_nvenc", "cannot encode with it on this machine", "use a software codec instead: h264"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, `"phase":"prepare"`) {
		t.Errorf("work started:\n%s", stderr)
	}
}
