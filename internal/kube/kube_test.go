package kube

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
)

// example is the worked example of examples/kubernetes: claims.yaml is
// this test's golden file; jobs.yaml is the batch command's output for
// examples/kubernetes/manifest.yaml (cmd/kenburns, TestKubernetesExample),
// which has these Options and more batch arguments.
func example() Options {
	return Options{
		Image:       "registry.example.com/kenburns:latest",
		Manifest:    "/in/manifest.yaml",
		Entries:     12,
		Shards:      4,
		Parallelism: 2,
		Videos: []Video{{
			Name: "trip", Inputs: []string{"/in/trip/storyboard.yaml"}, Output: "/out/trip.mp4", Shards: 3,
		}},
	}
}

var exampleSizes = ClaimSizes{Inputs: "20Gi", Outputs: "20Gi"}

// documents splits a YAML stream into its documents.
func documents(s string) []string {
	return strings.Split(s, "\n---\n")
}

// decodeStrict decodes a YAML document into v as the API server does with
// strict field validation: a key must match a field's name exactly (case
// included, which encoding/json would forgive) and appear once.
func decodeStrict(doc string, v any) error {
	j, err := yaml.YAMLToJSON([]byte(doc))
	if err != nil {
		return err
	}
	strict, err := kjson.UnmarshalStrict(j, v, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err != nil {
		return err
	}
	return errors.Join(strict...)
}

// decodeJob decodes a document strictly into a Job: a field the API does
// not have, misspelt or misplaced, is an error.
func decodeJob(t *testing.T, doc string) *batchv1.Job {
	t.Helper()
	var j batchv1.Job
	if err := decodeStrict(doc, &j); err != nil {
		t.Fatalf("decode a Job strictly: %v\n%s", err, doc)
	}
	if j.APIVersion != "batch/v1" || j.Kind != "Job" {
		t.Fatalf("%s/%s, want batch/v1 Job", j.APIVersion, j.Kind)
	}
	return &j
}

func TestWriteGolden(t *testing.T) {
	var claims bytes.Buffer
	if err := WriteClaims(&claims, example(), exampleSizes); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("..", "..", "examples", "kubernetes", "claims.yaml"), claims.String())
}

// TestJobs decodes the Jobs strictly into the API's types and checks what
// makes them work: indexes, shards, retries, resources and volumes.
func TestJobs(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, example()); err != nil {
		t.Fatal(err)
	}
	docs := documents(buf.String())
	if len(docs) != 3 {
		t.Fatalf("%d documents, want the batch Job, the chunks Job and the join Job", len(docs))
	}
	tests := []struct {
		name        string
		completions int32
		parallelism int32
		suspend     bool
		args        []string // that must appear in order in the arguments
	}{
		{"kenburns-batch", 4, 2, false, []string{"batch", "/in/manifest.yaml", "--cache", "/cache"}},
		{"kenburns-trip-chunks", 3, 2, false, []string{"render", "/in/trip/storyboard.yaml", "--shard", "$(JOB_COMPLETION_INDEX)/$(KENBURNS_SHARDS)", "--output", "/out/trip.mp4", "--cache", "/cache"}},
		{"kenburns-trip-join", 0, 0, true, []string{"render", "/in/trip/storyboard.yaml", "--overwrite", "--output", "/out/trip.mp4", "--cache", "/cache"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := decodeJob(t, docs[i])
			if j.Name != tt.name {
				t.Errorf("name %q, want %q", j.Name, tt.name)
			}
			pod := j.Spec.Template.Spec
			if pod.RestartPolicy != corev1.RestartPolicyNever {
				t.Errorf("restartPolicy %q, want Never (backoffLimitPerIndex and podFailurePolicy need it)", pod.RestartPolicy)
			}
			if len(pod.Containers) != 1 {
				t.Fatalf("%d containers, want 1", len(pod.Containers))
			}
			c := pod.Containers[0]
			if !slices.Equal(c.Args[:len(tt.args)], tt.args) {
				t.Errorf("args %q, want them to start %q", c.Args, tt.args)
			}
			if mem := c.Resources.Requests.Memory().Value(); mem < render.PeakMemoryMiB<<20 {
				t.Errorf("memory request %d bytes, below the measured peak of %d MiB", mem, render.PeakMemoryMiB)
			}
			if lim := c.Resources.Limits.Memory().Value(); lim <= c.Resources.Requests.Memory().Value() {
				t.Errorf("memory limit %d, want it above the request", lim)
			}
			env := map[string]corev1.EnvVar{}
			for _, e := range c.Env {
				env[e.Name] = e
			}
			claims := map[string]corev1.PersistentVolumeClaimVolumeSource{}
			for _, v := range pod.Volumes {
				if v.PersistentVolumeClaim != nil {
					claims[v.Name] = *v.PersistentVolumeClaim
				}
			}
			if claims["inputs"].ClaimName != "kenburns-inputs" || !claims["inputs"].ReadOnly ||
				claims["outputs"].ClaimName != "kenburns-outputs" || claims["cache"].ClaimName != "kenburns-cache" {
				t.Errorf("claims %v, want kenburns-inputs (read-only), kenburns-outputs and kenburns-cache", claims)
			}
			// Rules the API server checks beyond the types: FailIndex
			// only with backoffLimitPerIndex, any pod failure policy only
			// with restartPolicy Never and podReplacementPolicy Failed.
			for _, r := range j.Spec.PodFailurePolicy.Rules {
				if r.Action == batchv1.PodFailurePolicyActionFailIndex && j.Spec.BackoffLimitPerIndex == nil {
					t.Error("FailIndex without backoffLimitPerIndex: the API server refuses it")
				}
			}
			if j.Spec.PodReplacementPolicy == nil || *j.Spec.PodReplacementPolicy != batchv1.Failed {
				t.Errorf("podReplacementPolicy %v, want Failed (a pod failure policy requires it)", j.Spec.PodReplacementPolicy)
			}
			if (j.Spec.Suspend != nil && *j.Spec.Suspend) != tt.suspend {
				t.Errorf("suspend %v, want %v", j.Spec.Suspend, tt.suspend)
			}
			if tt.completions == 0 {
				if j.Spec.CompletionMode != nil || env[setting.ShardCountEnv].Value != "" {
					t.Errorf("the join is indexed or told a shard count")
				}
				return
			}
			if j.Spec.CompletionMode == nil || *j.Spec.CompletionMode != batchv1.IndexedCompletion {
				t.Errorf("completionMode %v, want Indexed", j.Spec.CompletionMode)
			}
			if *j.Spec.Completions != tt.completions || *j.Spec.Parallelism != tt.parallelism {
				t.Errorf("completions %d, parallelism %d; want %d, %d", *j.Spec.Completions, *j.Spec.Parallelism, tt.completions, tt.parallelism)
			}
			if got := env[setting.ShardCountEnv].Value; got != strconv.Itoa(int(tt.completions)) {
				t.Errorf("%s=%q, want the completions, %d", setting.ShardCountEnv, got, tt.completions)
			}
			if env[setting.ShardIndexEnv].ValueFrom == nil {
				t.Errorf("%s not taken from the pod's completion index", setting.ShardIndexEnv)
			}
			if j.Spec.BackoffLimitPerIndex == nil || *j.Spec.BackoffLimitPerIndex != DefaultBackoffLimitPerIndex {
				t.Errorf("backoffLimitPerIndex %v, want %d", j.Spec.BackoffLimitPerIndex, DefaultBackoffLimitPerIndex)
			}
		})
	}
}

// TestStrictCatches checks that the strict decoding above refuses a
// misspelt field, so that the tests would see a typo in a manifest.
func TestStrictCatches(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, example()); err != nil {
		t.Fatal(err)
	}
	doc := documents(buf.String())[0]
	for _, typo := range [][2]string{
		{"backoffLimitPerIndex:", "backofLimitPerIndex:"},
		{"completionMode:", "completionmode:"}, // encoding/json would take it
		{"claimName:", "claim:"},
	} {
		bad := strings.Replace(doc, typo[0], typo[1], 1)
		if bad == doc {
			t.Fatalf("%s is not in the manifest", typo[0])
		}
		var j batchv1.Job
		if err := decodeStrict(bad, &j); err == nil {
			t.Errorf("%s decoded without an error", typo[1])
		}
	}
}

func TestClaims(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteClaims(&buf, example(), exampleSizes); err != nil {
		t.Fatal(err)
	}
	docs := documents(buf.String())
	want := []string{"kenburns-inputs", "kenburns-outputs", "kenburns-cache"}
	if len(docs) != len(want) {
		t.Fatalf("%d claims, want %d", len(docs), len(want))
	}
	for i, doc := range docs {
		var c corev1.PersistentVolumeClaim
		if err := decodeStrict(doc, &c); err != nil {
			t.Fatalf("decode a claim strictly: %v", err)
		}
		if c.Kind != "PersistentVolumeClaim" || c.Name != want[i] || !slices.Equal(c.Spec.AccessModes, []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany}) {
			t.Errorf("claim %d: %s %s %v, want PersistentVolumeClaim %s ReadWriteMany", i, c.Kind, c.Name, c.Spec.AccessModes, want[i])
		}
	}
}

func TestOptionsRefused(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no image", func(o *Options) { o.Image = "" }, "no image"},
		{"bad name", func(o *Options) { o.Name = "Ken_Burns" }, "name"},
		{"more shards than entries", func(o *Options) { o.Shards = 13 }, "at most one shard per entry"},
		{"no entries", func(o *Options) { o.Entries = 0; o.Shards = 0 }, "no entries"},
		{"relative mount", func(o *Options) { o.Mounts.Cache = "cache" }, "absolute path"},
		{"bad cache size", func(o *Options) { o.CacheSize = "lots" }, "cache size"},
		{"video without shards", func(o *Options) { o.Videos[0].Shards = 0 }, "video trip"},
		{"video twice", func(o *Options) { o.Videos = append(o.Videos, o.Videos[0]) }, "used twice"},
		{"video name", func(o *Options) { o.Videos[0].Name = "Trip" }, "name"},
		{"nothing", func(o *Options) { o.Manifest, o.Entries, o.Shards, o.Videos = "", 0, 0, nil }, "nothing to run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := example()
			tt.edit(&o)
			err := Write(&bytes.Buffer{}, o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write: %v, want an error saying %q", err, tt.want)
			}
		})
	}
}
