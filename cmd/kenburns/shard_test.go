package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kenburns/kenburns/internal/testenv"
)

// shardSummary is the JSON summary of render --shard.
type shardSummary struct {
	Phase          string
	OK             bool
	Shard          string
	Chunks, Cached int
}

func lastSummary(t *testing.T, stderr string) shardSummary {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var s shardSummary
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &s); err != nil || s.Phase != "summary" {
		t.Fatalf("no summary line: %v\n%s", err, stderr)
	}
	return s
}

// TestChunkShards renders one storyboard as three shards at once into one
// cache folder, then joins them with a plain render: the join encodes
// nothing, and its video is frame for frame the one a plain render with
// its own empty cache makes. A shard run again after losing a chunk
// encodes only that chunk.
func TestChunkShards(t *testing.T) {
	testenv.NeedFFmpeg(t)
	dir := t.TempDir()
	const photos = 7 // 7 chunks: shards of 3, 2 and 2
	for i := 1; i <= photos; i++ {
		writeJPEG(t, filepath.Join(dir, fmt.Sprintf("p%d.jpg", i)), 320, 240, i)
	}
	sb := filepath.Join(dir, "trip.yaml")
	if code, _, errOut := kenburns(t, "init", dir, "-o", sb, "--size", "160x90", "--fps", "10", "--duration", "1", "--transition-duration", "0.3"); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	shared := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(dir, "out.mp4")
	shard := func(i int) (int, string) {
		code, _, stderr := kenburns(t, "render", sb, "-o", out, "--cache", shared, "--shard", fmt.Sprintf("%d/3", i),
			"--progress", "json", "--x264-preset", "ultrafast", "--jobs", "1")
		return code, stderr
	}

	// The three shards at once, as pods of an Indexed Job would run.
	var wg sync.WaitGroup
	codes, logs := make([]int, 3), make([]string, 3)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], logs[i] = shard(i)
		}()
	}
	wg.Wait()
	want := []int{3, 2, 2}
	for i := range 3 {
		if codes[i] != exitOK {
			t.Fatalf("shard %d/3: exit %d: %s", i, codes[i], logs[i])
		}
		s := lastSummary(t, logs[i])
		if !s.OK || s.Shard != fmt.Sprintf("%d/3", i) || s.Chunks != want[i] || s.Cached != 0 {
			t.Errorf("shard %d/3: summary %+v, want %d chunks, all encoded", i, s, want[i])
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a shard wrote %s (%v): shards write no video", out, err)
	}
	if _, out, _ := kenburns(t, "cache", "info", "--cache", shared); !strings.Contains(out, fmt.Sprintf(": %d chunks", photos)) {
		t.Fatalf("cache info after the shards: %s, want %d chunks", out, photos)
	}

	// A shard killed before it stored a chunk: lose one entry, and run
	// every shard again. Only that chunk is encoded.
	entries, _ := filepath.Glob(filepath.Join(shared, "entries", "*", "*"))
	if len(entries) != photos {
		t.Fatalf("%d cache entries, want %d", len(entries), photos)
	}
	os.Remove(entries[0])
	encoded := 0
	for i := range 3 {
		code, stderr := shard(i)
		if code != exitOK {
			t.Fatalf("shard %d/3 again: exit %d: %s", i, code, stderr)
		}
		s := lastSummary(t, stderr)
		encoded += s.Chunks - s.Cached
	}
	if encoded != 1 {
		t.Errorf("the shards run again encoded %d chunks, want the 1 lost", encoded)
	}

	// The join: every chunk from the cache.
	cached, chunks := renderCounting(t, sb, "-o", out, "--cache", shared)
	if chunks != photos || cached != chunks {
		t.Errorf("the join took %d of %d chunks from the cache, want all %d", cached, chunks, photos)
	}
	plain := filepath.Join(dir, "plain.mp4")
	if cached, _ := renderCounting(t, sb, "-o", plain, "--cache", filepath.Join(t.TempDir(), "empty")); cached != 0 {
		t.Fatalf("the plain render found %d chunks in an empty cache", cached)
	}
	if framemd5(t, out) != framemd5(t, plain) {
		t.Error("the joined shards differ from a plain render (framemd5)")
	}
	if p := probe(t, out); p.Frames != probe(t, plain).Frames || p.Width != 160 {
		t.Errorf("joined video %+v, want the plain one's frames at 160 wide", p)
	}
}

// TestShardUsage checks that --shard is refused, as a usage error, where
// its chunks could not reach the render that joins them.
func TestShardUsage(t *testing.T) {
	dir := t.TempDir()
	writeJPEG(t, filepath.Join(dir, "a.jpg"), 64, 48, 1)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no cache", []string{"--shard", "0/2"}, "--cache DIR"},
		{"no-cache", []string{"--shard", "0/2", "--no-cache"}, "--cache DIR"},
		{"index too big", []string{"--shard", "2/2", "--cache", dir}, "INDEX"},
		{"not I/N", []string{"--shard", "2", "--cache", dir}, "INDEX/COUNT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := kenburns(t, append([]string{"render", dir, "-o", filepath.Join(dir, "x.mp4")}, tt.args...)...)
			if code != exitInvalid || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, %q; want exit %d saying %q", code, stderr, exitInvalid, tt.want)
			}
		})
	}
}

// TestShardDryRun checks that a shard's dry run lists only its chunks.
func TestShardDryRun(t *testing.T) {
	dir := t.TempDir()
	for i := 1; i <= 5; i++ {
		writeJPEG(t, filepath.Join(dir, fmt.Sprintf("p%d.jpg", i)), 64, 48, i)
	}
	code, out, stderr := kenburns(t, "render", dir, "--dry-run", "--cache", t.TempDir(), "--shard", "1/2", "--size", "160x90")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(out, "\nffmpeg "); n != 2 || !strings.Contains(out, "# shard 1/2: chunks 4 to 5 of 5") {
		t.Errorf("dry run of shard 1/2 of 5 chunks: %d commands, want 2 and no join:\n%s", n, out)
	}
}
