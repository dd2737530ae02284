package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	batchv1 "k8s.io/api/batch/v1"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"github.com/kenburns/kenburns/internal/batch"
	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/setting"
)

// kubeJobs decodes every document of a --kubernetes output strictly into
// a batchv1.Job, as the API server does with strict field validation.
func kubeJobs(t *testing.T, stdout string) map[string]*batchv1.Job {
	t.Helper()
	jobs := map[string]*batchv1.Job{}
	for _, doc := range strings.Split(stdout, "\n---\n") {
		j, err := yaml.YAMLToJSON([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		var job batchv1.Job
		strict, err := kjson.UnmarshalStrict(j, &job, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
		if err != nil || len(strict) > 0 {
			t.Fatalf("decode: %v %v\n%s", err, strict, doc)
		}
		jobs[job.Name] = &job
	}
	return jobs
}

// TestBatchKubernetesLong: a job with shards: N becomes an Indexed Job of
// N pods each rendering a shard of its chunks into the cache, with the
// job's settings, and a suspended join Job with the same flags; the batch
// Job has only the other jobs and skips the long one.
func TestBatchKubernetesLong(t *testing.T) {
	dir := t.TempDir()
	m := writeFile(t, dir, "m.yaml", `defaults: {size: 320x180, fps: 10}
jobs:
  - {id: a, input: a, output: out/a.mp4}
  - id: long
    input: [long/1.jpg, long/more]
    output: out/long.webm
    shards: 5
    duration: 2s
    audio: music/x.mp3
    ffmpeg-arg: [-tune, film]
  - {id: b, input: b, output: out/b.mp4}
`)
	code, stdout, stderr := kenburns(t, "batch", "--kubernetes", "--image", "img:1", m)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	jobs := kubeJobs(t, stdout)
	if len(jobs) != 3 {
		t.Fatalf("%d Jobs, want the batch, chunks and join Jobs", len(jobs))
	}
	bj, chunks, join := jobs["kenburns-batch"], jobs["kenburns-long-chunks"], jobs["kenburns-long-join"]
	if bj == nil || chunks == nil || join == nil {
		t.Fatalf("Jobs %v", slices.Collect(func(yield func(string) bool) {
			for n := range jobs {
				yield(n)
			}
		}))
	}
	// The batch Job: one pod for each of the two other jobs, which skip
	// the long video.
	if *bj.Spec.Completions != 2 {
		t.Errorf("batch Job: %d completions, want 2 (the long video has Jobs of its own)", *bj.Spec.Completions)
	}
	if args := bj.Spec.Template.Spec.Containers[0].Args; !slices.Contains(args, "--skip-sharded") {
		t.Errorf("batch Job args %q lack --skip-sharded", args)
	}
	settings := []string{"--duration=2s", "--fps=10", "--size=320x180", "--audio=/in/music/x.mp3", "--ffmpeg-arg=-tune", "--ffmpeg-arg=film"}
	for _, tt := range []struct {
		job  *batchv1.Job
		want []string
	}{
		{chunks, []string{"render", "/in/long/1.jpg", "/in/long/more", "--shard", "$(JOB_COMPLETION_INDEX)/$(KENBURNS_SHARDS)", "--output", "/out/out/long.webm", "--cache", "/cache"}},
		{join, []string{"render", "/in/long/1.jpg", "/in/long/more", "--overwrite", "--output", "/out/out/long.webm", "--cache", "/cache"}},
	} {
		args := tt.job.Spec.Template.Spec.Containers[0].Args
		if len(args) < len(tt.want) || !slices.Equal(args[:len(tt.want)], tt.want) {
			t.Errorf("%s: args %q, want them to start %q", tt.job.Name, args, tt.want)
		}
		for _, s := range settings {
			if !slices.Contains(args, s) {
				t.Errorf("%s: args %q lack the job's setting %s", tt.job.Name, args, s)
			}
		}
		if strings.Contains(strings.Join(args, " "), "shards") {
			t.Errorf("%s: args %q pass the shards key on", tt.job.Name, args)
		}
	}
	if *chunks.Spec.Completions != 5 || *chunks.Spec.CompletionMode != batchv1.IndexedCompletion {
		t.Errorf("chunks Job: %d completions, want 5 indexed", *chunks.Spec.Completions)
	}
	if join.Spec.Suspend == nil || !*join.Spec.Suspend {
		t.Error("the join Job is not suspended")
	}

	// Only long videos: no batch Job at all.
	only := writeFile(t, dir, "only.yaml", "jobs:\n  - {id: long, input: long.yaml, output: long.mp4, shards: 2}\n")
	code, stdout, stderr = kenburns(t, "batch", "--kubernetes", "--image", "img:1", only)
	if jobs := kubeJobs(t, stdout); code != 0 || len(jobs) != 2 || jobs["kenburns-batch"] != nil {
		t.Errorf("only a long video: exit %d, %d Jobs\n%s", code, len(jobs), stderr)
	}
}

// TestBatchKubernetesLongRefused: a long video whose files the pods could
// not see, or whose id cannot name a Job, is refused with its place.
func TestBatchKubernetesLongRefused(t *testing.T) {
	for _, tt := range []struct{ name, job, want string }{
		{"absolute output", "{id: long, input: l.yaml, output: /tmp/long.mp4, shards: 2}", `m.yaml:2:5: job "long": output /tmp/long.mp4`},
		{"font outside", "{id: long, input: l.yaml, output: long.mp4, shards: 2, font: ../f.ttf}", `m.yaml:2:5: job "long": `},
		{"id", "{id: Long_Video, input: l.yaml, output: long.mp4, shards: 2}", `m.yaml:2:5: job "Long_Video" has shards, so its id names its Jobs: name "Long_Video": want a short DNS label`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m := writeFile(t, dir, "m.yaml", "jobs:\n  - "+tt.job+"\n")
			code, _, stderr := kenburns(t, "batch", "--kubernetes", "--image", "img:1", m)
			if code != exitInvalid || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s", code, exitInvalid, tt.want, stderr)
			}
		})
	}
}

// TestBatchSkipSharded: with --skip-sharded (as the batch Job's pods run)
// a batch leaves the long videos out, renders nothing of them, and shards
// the other jobs among themselves.
func TestBatchSkipSharded(t *testing.T) {
	dir := t.TempDir()
	// Inputs that do not exist: every job that runs fails at once as
	// invalid input, which is all this test needs to see which ran.
	m := writeFile(t, dir, "m.yaml", `jobs:
  - {id: a, input: none-a, output: a.mp4}
  - {id: long, input: none-long, output: long.mp4, shards: 3}
  - {id: b, input: none-b, output: b.mp4}
`)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "a long b"},
		{[]string{"--skip-sharded"}, "a b"},
		{[]string{"--skip-sharded", "--shard", "1/2"}, "b"},
		{[]string{"--shard", "1/2"}, "long"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append([]string{"batch", "--progress", "json", "--cache", t.TempDir()}, tt.args...)
			code, _, stderr := kenburns(t, append(args, m)...)
			var queued []string
			for _, e := range batchEvents(t, stderr) {
				if e.Event.Event == batch.Queued {
					queued = append(queued, e.ID)
				}
			}
			if strings.Join(queued, " ") != tt.want {
				t.Errorf("queued %v, want %s", queued, tt.want)
			}
			if code != exitFailure {
				t.Errorf("exit %d, want %d (jobs failed)\n%s", code, exitFailure, stderr)
			}
		})
	}
}

// TestKubernetesExample: examples/kubernetes/jobs.yaml is exactly what
// the command its README shows prints for examples/kubernetes/manifest.yaml
// (go test ./cmd/kenburns -run TestKubernetesExample -update rewrites it),
// so that the example cannot drift from the code.
func TestKubernetesExample(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "examples", "kubernetes"))
	code, stdout, stderr := kenburns(t, "batch", "manifest.yaml", "--kubernetes", "--image", "registry.example.com/kenburns:latest", "--kube-shards", "4", "--kube-parallelism", "2")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	golden.Check(t, "jobs.yaml", stdout)
	jobs := kubeJobs(t, stdout)
	for name, completions := range map[string]int32{"kenburns-batch": 4, "kenburns-trip-chunks": 3, "kenburns-trip-join": 0} {
		j := jobs[name]
		switch {
		case j == nil:
			t.Errorf("no Job %s", name)
		case completions == 0 && j.Spec.Completions != nil:
			t.Errorf("%s: %d completions, want none (one pod)", name, *j.Spec.Completions)
		case completions > 0 && (j.Spec.Completions == nil || *j.Spec.Completions != completions):
			t.Errorf("%s: completions %v, want %d", name, j.Spec.Completions, completions)
		}
	}
}

// TestBatchSchemaShards: the manifest schema knows the shards key with
// the code's bounds, and accepts the Kubernetes example's manifest.
func TestBatchSchemaShards(t *testing.T) {
	whole, err := jsonschema.NewCompiler().Compile(batchSchema)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../examples/kubernetes/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	js, err := yaml.YAMLToJSON(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := whole.Validate(jsonValue(t, js)); err != nil {
		t.Errorf("the schema rejects examples/kubernetes/manifest.yaml: %v", err)
	}
	for _, shards := range []string{"2", strconv.Itoa(setting.MaxShards), "1", strconv.Itoa(setting.MaxShards + 1), `"3"`, "2.5"} {
		doc := `{"jobs": [{"id": "x", "input": "a", "output": "x.mp4", "shards": ` + shards + `}]}`
		_, perr := batch.Parse("m.jsonl", []byte(strings.TrimPrefix(strings.TrimSuffix(doc, "]}"), `{"jobs": [`)), jobSettings())
		serr := whole.Validate(jsonValue(t, []byte(doc)))
		if (perr == nil) != (serr == nil) {
			t.Errorf("shards %s: the code says %v, the schema %v", shards, perr, serr)
		}
	}
}
