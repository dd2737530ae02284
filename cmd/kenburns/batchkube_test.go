package main

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
)

// TestBatchKubernetes: batch --kubernetes prints an Indexed Job of the
// manifest's jobs, with the shard count, the manifest and the outputs as
// the pods see them, decoded as strictly as the API server does; it
// renders nothing, and without an image it is a usage error.
func TestBatchKubernetes(t *testing.T) {
	dir, manifest := batchFixture(t)
	code, stdout, stderr := kenburns(t, "batch", "--kubernetes", "--image", "registry.example.com/kenburns:1", "--kube-parallelism", "2", manifest)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	j, err := yaml.YAMLToJSON([]byte(stdout))
	if err != nil {
		t.Fatal(err)
	}
	var job batchv1.Job
	strict, err := kjson.UnmarshalStrict(j, &job, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err != nil || len(strict) > 0 {
		t.Fatalf("decode: %v %v\n%s", err, errors.Join(strict...), stdout)
	}
	s := job.Spec
	if s.CompletionMode == nil || *s.CompletionMode != batchv1.IndexedCompletion || *s.Completions != 6 || *s.Parallelism != 2 {
		t.Errorf("spec: %+v", s)
	}
	c := s.Template.Spec.Containers[0]
	if c.Image != "registry.example.com/kenburns:1" {
		t.Errorf("image %s", c.Image)
	}
	args := strings.Join(append(append([]string{}, c.Command...), c.Args...), " ")
	for _, w := range []string{"batch /in/videos.yaml", "--output-dir /out", "--jobs 1", "--processes 2"} {
		if !strings.Contains(args, w) {
			t.Errorf("command %q lacks %q", args, w)
		}
	}
	if !slices.ContainsFunc(c.Env, func(e corev1.EnvVar) bool { return e.Name == setting.ShardCountEnv && e.Value == "6" }) {
		t.Errorf("env %+v lacks %s=6", c.Env, setting.ShardCountEnv)
	}
	if mem := c.Resources.Requests.Memory().Value(); mem < render.PeakMemoryMiB<<20 {
		t.Errorf("memory request %d, below the render peak", mem)
	}
	if _, err := filepath.Glob(filepath.Join(dir, "out", "*.mp4")); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "out", "*")); len(m) > 0 {
		t.Errorf("--kubernetes rendered: %v", m)
	}
	if code, _, stderr := kenburns(t, "batch", "--kubernetes", manifest); code != exitInvalid || !strings.Contains(stderr, "--image") {
		t.Errorf("without --image: exit %d, %s", code, stderr)
	}
}
