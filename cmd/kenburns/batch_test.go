package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/batch"
	"github.com/kenburns/kenburns/internal/testenv"
)

// batchEvent is a JSON line of batch --progress json.
type batchEvent struct {
	batch.Event
	Jobs, Done, Skipped, Failed int
}

func batchEvents(t *testing.T, stderr string) []batchEvent {
	t.Helper()
	var evs []batchEvent
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "{") {
			continue
		}
		var e batchEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		evs = append(evs, e)
	}
	return evs
}

// writeFile writes text to dir/name, making folders.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// batchFixture writes a manifest of six jobs beside generated photos: two
// folders, two storyboards, a folder with a photo that cannot be read and
// a job with an invalid override.
func batchFixture(t *testing.T) (dir, manifest string) {
	dir = t.TempDir()
	for i, f := range []string{"a/1.jpg", "a/2.jpg", "b/1.jpg", "b/2.jpg", "b/3.jpg", "bad/1.jpg"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		writeJPEG(t, filepath.Join(dir, f), 160, 120, i+1)
	}
	writeFile(t, dir, "bad/2.jpg", "this is not a photo")
	writeFile(t, dir, "s1.yaml", "slides: [a/1.jpg, b/2.jpg]\n")
	writeFile(t, dir, "s2.yaml", "output: {fps: 8}\nslides: [b/3.jpg, a/2.jpg, b/1.jpg]\n")
	manifest = writeFile(t, dir, "videos.yaml", `defaults:
  size: 160x90
  fps: 10
  duration: 1
  transition-duration: 0.3
jobs:
  - {id: folder-a, input: a, output: out/a.mp4}
  - {id: folder-b, input: b, output: out/b.webm, duration: 0.8}
  - {id: story-1, input: s1.yaml, output: out/s1.mp4}
  - {id: story-2, input: s2.yaml, output: out/s2.mp4, size: 128x72}
  - {id: unreadable, input: bad, output: out/bad.mp4}
  - id: bad-override
    input: [a/1.jpg, a/2.jpg]
    output: out/override.mp4
    fps: 1000
`)
	os.MkdirAll(filepath.Join(dir, "out"), 0o755)
	return dir, manifest
}

// TestBatch runs the six-job manifest: four videos, two failures reported
// with their reason, exit 1, a JSON line for every job; a second run
// renders nothing.
func TestBatch(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir, manifest := batchFixture(t)
	cache := t.TempDir()
	code, _, stderr := kenburns(t, "batch", "--progress", "json", "--cache", cache, "--report", filepath.Join(dir, "report.json"), manifest)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d\n%s", code, exitFailure, stderr)
	}
	want := map[string]struct {
		w, h, frames int
	}{
		"a.mp4":  {160, 90, 17}, // 2 × 1 s − 0.3 s at 10 fps
		"b.webm": {160, 90, 18}, // 3 × 0.8 s − 2 × 0.3 s
		"s1.mp4": {160, 90, 17}, // the manifest's fps wins over none
		"s2.mp4": {128, 72, 24}, // 3 × 1 s − 2 × 0.3 s at the manifest's 10 fps
	}
	for name, w := range want {
		p := probe(t, filepath.Join(dir, "out", name))
		if p.Width != w.w || p.Height != w.h || p.Frames != w.frames {
			t.Errorf("%s: %dx%d, %d frames; want %dx%d, %d", name, p.Width, p.Height, p.Frames, w.w, w.h, w.frames)
		}
		if _, err := os.Stat(filepath.Join(dir, "out", name+batch.RecordSuffix)); err != nil {
			t.Errorf("no record beside %s: %v", name, err)
		}
	}
	for _, name := range []string{"bad.mp4", "override.mp4"} {
		if _, err := os.Stat(filepath.Join(dir, "out", name)); err == nil {
			t.Errorf("%s was written by a failing job", name)
		}
	}
	assertNoPartials(t, filepath.Join(dir, "out"))

	evs := batchEvents(t, stderr)
	last := map[string]batchEvent{}
	queued := map[string]bool{}
	for _, e := range evs {
		switch e.Event.Event {
		case batch.Queued:
			queued[e.ID] = true
		case batch.Done, batch.Failed, batch.Skipped:
			last[e.ID] = e
		}
	}
	for _, id := range []string{"folder-a", "folder-b", "story-1", "story-2"} {
		if !queued[id] || last[id].Event.Event != batch.Done {
			t.Errorf("job %s: queued %v, last event %+v", id, queued[id], last[id])
		}
	}
	for id, reason := range map[string]string{
		"unreadable":   "bad/2.jpg",
		"bad-override": "videos.yaml:15:10: job \"bad-override\": fps: fps \"1000\": want 1 to 240",
	} {
		e := last[id]
		if e.Event.Event != batch.Failed || e.Exit != exitInvalid || e.Attempt != 1 || !strings.Contains(e.Reason, reason) {
			t.Errorf("job %s: %+v, want failed (exit 2, one attempt) with %q", id, e.Event, reason)
		}
	}
	if s := evs[len(evs)-1]; s.Event.Event != "summary" || s.Jobs != 6 || s.Done != 4 || s.Failed != 2 {
		t.Errorf("summary: %+v", s)
	}
	var report batch.Summary
	if b, err := os.ReadFile(filepath.Join(dir, "report.json")); err != nil || json.Unmarshal(b, &report) != nil || report.Done != 4 || len(report.PerJob) != 6 {
		t.Errorf("report: %v %+v", err, report)
	}

	// Again: every video is up to date, and says so.
	before := hashTree(t, filepath.Join(dir, "out"))
	code, _, stderr = kenburns(t, "batch", "--progress", "json", "--cache", cache, manifest)
	if code != exitFailure {
		t.Errorf("second run: exit %d, want %d (the two failures again)", code, exitFailure)
	}
	for _, e := range batchEvents(t, stderr) {
		if e.Event.Event == batch.Started || e.Event.Event == batch.Done {
			t.Errorf("second run rendered: %+v", e.Event)
		}
		if e.Event.Event == "summary" && (e.Skipped != 4 || e.Failed != 2) {
			t.Errorf("second run: %+v", e)
		}
	}
	if hashTree(t, filepath.Join(dir, "out")) != before {
		t.Error("the second run changed the outputs")
	}
}

// TestBatchInvalidManifest: every problem of the manifest, exit 2, and
// nothing rendered.
func TestBatchInvalidManifest(t *testing.T) {
	dir := t.TempDir()
	m := writeFile(t, dir, "m.yaml", "defaults: {fsp: 10}\njobs:\n  - {id: a, input: x, output: out/a.mp4}\n  - {id: b, output: out/b.mp4, zoom: [1]}\n")
	code, _, stderr := kenburns(t, "batch", "--cache", t.TempDir(), m)
	if code != exitInvalid {
		t.Errorf("exit %d, want %d", code, exitInvalid)
	}
	for _, w := range []string{"m.yaml:1:12: unknown key \"fsp\"", "m.yaml:4:5: job 2 has no input", "m.yaml:4:38: job \"b\": zoom must be a single value", "3 problems; nothing was rendered"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a job ran")
	}
}

// TestBatchRetries: a render failure (exit 1) is tried --retries times
// more, and the batch exits 1; an existing file that no batch wrote is
// not replaced without --force.
func TestBatchRetries(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "p"), 0o755)
	for i := range 2 {
		writeJPEG(t, filepath.Join(dir, "p", strings.Repeat("x", i+1)+".jpg"), 64, 48, i+1)
	}
	writeFile(t, dir, "out/mine.mp4", "not from a batch")
	m := writeFile(t, dir, "m.yaml", `defaults: {size: 64x36, fps: 5, duration: 1, transition-duration: 0.2}
jobs:
  - {id: broken, input: p, output: out/broken.mp4, ffmpeg-arg: [-no-such-option, "1"]}
  - {id: mine, input: p, output: out/mine.mp4}
`)
	code, _, stderr := kenburns(t, "batch", "--progress", "json", "--retries", "2", "--cache", t.TempDir(), m)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	var retries int
	for _, e := range batchEvents(t, stderr) {
		switch {
		case e.Event.Event == batch.Retry && e.ID == "broken":
			retries++
		case e.Event.Event == batch.Failed && e.ID == "broken":
			if e.Attempt != 3 || e.Exit != exitFailure {
				t.Errorf("broken: %+v", e.Event)
			}
		case e.Event.Event == batch.Failed && e.ID == "mine":
			if e.Exit != exitInvalid || !strings.Contains(e.Reason, "--force") {
				t.Errorf("mine: %+v", e.Event)
			}
		}
	}
	if retries != 2 {
		t.Errorf("%d retries, want 2", retries)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "out/mine.mp4")); string(b) != "not from a batch" {
		t.Error("a file no batch wrote was replaced")
	}
	assertNoPartials(t, filepath.Join(dir, "out"))
}

// TestBatchUpToDate: a job renders again when what decides its video
// changes (a setting, a photo's content), and only that job; --force
// renders every job.
func TestBatchUpToDate(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	for _, f := range []string{"a/1.jpg", "a/2.jpg", "b/1.jpg", "b/2.jpg"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		writeJPEG(t, filepath.Join(dir, f), 96, 64, len(f)+int(f[0]))
	}
	manifest := func(bDuration string) string {
		return writeFile(t, dir, "m.yaml", "defaults: {size: 64x36, fps: 5, transition-duration: 0.2}\njobs:\n"+
			"  - {id: a, input: a, output: out/a.mp4, duration: 1}\n  - {id: b, input: b, output: out/b.mp4, duration: "+bDuration+"}\n")
	}
	cache := t.TempDir()
	rendered := func(args ...string) string {
		t.Helper()
		code, _, stderr := kenburns(t, append([]string{"batch", "--progress", "json", "--cache", cache}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		var ids []string
		for _, e := range batchEvents(t, stderr) {
			if e.Event.Event == batch.Done {
				ids = append(ids, e.ID)
			}
		}
		return strings.Join(ids, ",")
	}
	m := manifest("1")
	if got := rendered(m); got != "a,b" && got != "b,a" {
		t.Fatalf("first run rendered %q", got)
	}
	if got := rendered(manifest("1.2")); got != "b" {
		t.Errorf("after b's duration changed: rendered %q, want b", got)
	}
	writeJPEG(t, filepath.Join(dir, "a/2.jpg"), 96, 64, 99)
	if got := rendered(manifest("1")); got != "a,b" && got != "b,a" {
		t.Errorf("after a's photo and b's duration changed back: rendered %q, want both", got)
	}
	if got := rendered(m); got != "" {
		t.Errorf("nothing changed: rendered %q", got)
	}
	if got := rendered("--force", m); got != "a,b" && got != "b,a" {
		t.Errorf("--force: rendered %q, want both", got)
	}
}

// TestBatchSkipBad: a job with skip-bad leaves out a photo whose header
// reads but whose pixels do not, as render --skip-bad does; without it
// the job fails as invalid input.
func TestBatchSkipBad(t *testing.T) {
	testenv.NeedFFmpeg(t)
	bad := testenv.Corpus(t, "bad")
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "p"), 0o755)
	for _, name := range []string{"01-mandelbrot.jpg", "02-gradients.jpg"} {
		copyFile(t, filepath.Join("..", "..", "examples", "photos", name), filepath.Join(dir, "p", name))
	}
	copyFile(t, filepath.Join(bad, "truncated-30pct.jpg"), filepath.Join(dir, "p", "03-truncated.jpg"))
	m := writeFile(t, dir, "m.yaml", `defaults: {size: 160x90, fps: 10, duration: 1, transition-duration: 0.3}
jobs:
  - {id: skips, input: p, output: out/skips.mp4, skip-bad: true}
  - {id: stops, input: p, output: out/stops.mp4}
`)
	code, _, stderr := kenburns(t, "batch", "--progress", "json", "--cache", t.TempDir(), m)
	if code != exitFailure {
		t.Errorf("exit %d, want %d\n%s", code, exitFailure, stderr)
	}
	for _, e := range batchEvents(t, stderr) {
		if e.ID == "stops" && e.Event.Event == batch.Failed && (e.Exit != exitInvalid || !strings.Contains(e.Reason, "03-truncated.jpg")) {
			t.Errorf("stops: %+v", e.Event)
		}
	}
	if p := probe(t, filepath.Join(dir, "out", "skips.mp4")); p.Frames != 17 {
		t.Errorf("skips.mp4: %d frames, want 17 (two photos)", p.Frames)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "stops.mp4")); err == nil {
		t.Error("stops.mp4 was written")
	}
}
