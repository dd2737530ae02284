package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/kenburns/kenburns/internal/batch"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/testenv"
)

// shardManifest writes six jobs over generated photos, writing to folder
// out, and returns the manifest's path.
func shardManifest(t *testing.T, dir, out string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("defaults: {size: 320x180, fps: 10, duration: 1.5, transition-duration: 0.4}\njobs:\n")
	for i := range 6 {
		fmt.Fprintf(&b, "  - {id: v%d, input: p%d, output: %s/v%d.mp4}\n", i, i, out, i)
	}
	return writeFile(t, dir, "m-"+out+".yaml", b.String())
}

// startShard starts the binary on one shard, as a pod of an Indexed Job
// would: the shard from the environment, in its own process group so
// that it can be killed with its ffmpeg processes.
func startShard(t *testing.T, bin, manifest, cache string, i int) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(bin, "batch", "--progress", "json", "--jobs", "1", "--processes", "1", "--cache", cache, manifest)
	cmd.Env = append(os.Environ(), setting.ShardIndexEnv+"="+fmt.Sprint(i), setting.ShardCountEnv+"=3")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(stderr)
}

// TestBatchShards runs a manifest as three shards at once, from the
// environment an Indexed Job sets, into one folder; shard 1 is killed
// outright half way (its process group, as a pod's eviction would) and
// started again. Every video is then complete and frame for frame the one
// a single process makes.
func TestBatchShards(t *testing.T) {
	testenv.NeedFFmpeg(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	for i := range 6 {
		os.MkdirAll(filepath.Join(dir, fmt.Sprintf("p%d", i)), 0o755)
		for k := range 3 {
			writeJPEG(t, filepath.Join(dir, fmt.Sprintf("p%d/%d.jpg", i, k)), 480, 320, 3*i+k+1)
		}
	}
	sharded := shardManifest(t, dir, "out")
	single := shardManifest(t, dir, "ref")
	cache := t.TempDir()

	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd, sc := startShard(t, bin, sharded, cache, i)
			killed := false
			for sc.Scan() {
				// Shard 1 has jobs 1 and 4: kill it once job 4 encodes.
				var e batch.Event
				if i == 1 && json.Unmarshal(sc.Bytes(), &e) == nil && e.ID == "v4" && e.Event == batch.Progress && e.Phase == "encode" {
					syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
					killed = true
					break
				}
			}
			err := cmd.Wait()
			if i == 1 {
				if !killed {
					t.Errorf("shard 1 ended (%v) before it could be killed", err)
				}
				return
			}
			if err != nil {
				t.Errorf("shard %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "v4.mp4")); err == nil {
		t.Fatal("v4.mp4 finished before the kill; the test proves nothing")
	}
	// The restarted shard finds v1 done and renders v4.
	code, _, stderr := runBinary(t, bin, []string{setting.ShardIndexEnv + "=1", setting.ShardCountEnv + "=3"}, "batch", "--progress", "json", "--cache", cache, sharded)
	if code != 0 {
		t.Fatalf("restarted shard: exit %d\n%s", code, stderr)
	}
	var skipped, done []string
	for _, e := range batchEvents(t, stderr) {
		switch e.Event.Event {
		case batch.Skipped:
			skipped = append(skipped, e.ID)
		case batch.Done:
			done = append(done, e.ID)
		}
	}
	if strings.Join(skipped, ",") != "v1" || strings.Join(done, ",") != "v4" {
		t.Errorf("restarted shard skipped %v and rendered %v, want v1 and v4", skipped, done)
	}

	if code, _, stderr := runBinary(t, bin, nil, "batch", "--progress", "none", "--cache", t.TempDir(), single); code != 0 {
		t.Fatalf("single process: exit %d\n%s", code, stderr)
	}
	for i := range 6 {
		name := fmt.Sprintf("v%d.mp4", i)
		got, want := framemd5(t, filepath.Join(dir, "out", name)), framemd5(t, filepath.Join(dir, "ref", name))
		if got != want || len(strings.Split(want, "\n")) < 30 {
			t.Errorf("%s: the sharded video differs from the single process's", name)
		}
	}
	assertNoPartials(t, filepath.Join(dir, "out"))
}

// runBinary runs the built binary with extra environment variables.
func runBinary(t *testing.T, bin string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}
