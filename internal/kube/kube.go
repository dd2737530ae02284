// Package kube writes the Kubernetes manifests that run a kenburns batch on
// a cluster: an Indexed Job whose pods each render one shard of a batch
// manifest, and for long videos an Indexed Job that renders one video's
// chunks in shards into a shared chunk cache followed by a Job that joins
// them.
//
// The objects are mirrors of the fields kenburns sets of the Kubernetes
// API's types, marshalled to YAML as kubectl does (sigs.k8s.io/yaml); the
// tests decode every generated manifest strictly into the API's own types
// (k8s.io/api), so that a misspelt field cannot reach a cluster.
//
// How a cluster runs a batch:
//
//   - One Indexed Job, NAME-batch, of Options.Shards pods (at most
//     Options.Parallelism at once). Pod I runs "kenburns batch MANIFEST"
//     with JOB_COMPLETION_INDEX=I (set by the Job controller) and
//     KENBURNS_SHARDS=Shards (set here), from which batch picks its part
//     of the manifest (setting.ShardFromEnv).
//   - For each long video, an Indexed Job NAME-VIDEO-chunks of
//     Video.Shards pods, pod I running "kenburns render INPUTS --shard
//     I/N --cache CACHE": it encodes its contiguous part of the video's
//     chunks into the cache and writes no video.
//   - For each long video, a Job NAME-VIDEO-join, created suspended, that
//     runs the plain "kenburns render INPUTS --cache CACHE -o OUTPUT":
//     it finds every chunk in the cache and only joins them. Kubernetes
//     has no ordering between Jobs, so the join is resumed by the user
//     (kubectl patch, see examples/kubernetes) once the chunks Job is
//     complete. Resumed early it still makes the right video, encoding
//     the chunks it does not find: ordering decides speed, never the
//     result.
//
// Every pod mounts three PersistentVolumeClaims: the inputs (photos,
// storyboards and the batch manifest, read-only), the outputs and the
// chunk cache, all ReadWriteMany since many pods on many nodes use them
// at once (WriteClaims writes them).
package kube

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"

	"sigs.k8s.io/yaml"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
)

// RenderJobs is the --jobs of the measured per-render peak
// (render.PeakMemoryMiB), and so the ffmpeg processes per pod and the
// CPUs each pod requests.
const RenderJobs = 2

// Memory a pod requests and may use: the measured peak rounded up to a
// GiB, and half as much again as a limit for photos larger than the
// measurement's and other ffmpeg builds. Past the limit a pod is killed
// and its index retried (BackoffLimitPerIndex).
const (
	MemoryRequestMiB = (render.PeakMemoryMiB + 1023) / 1024 * 1024
	MemoryLimitMiB   = MemoryRequestMiB * 3 / 2
)

// Defaults of Options.
const (
	DefaultName                 = "kenburns"
	DefaultBackoffLimitPerIndex = 2
	DefaultInputsMount          = "/in"
	DefaultOutputsMount         = "/out"
	DefaultCacheMount           = "/cache"
	DefaultCacheSize            = "50Gi"
)

// Options describe a batch on a cluster. The batch command fills them from
// its manifest and flags; zero fields take the defaults above.
type Options struct {
	// Name prefixes the Jobs' names (NAME-batch, NAME-VIDEO-chunks,
	// NAME-VIDEO-join): a DNS label. Default DefaultName.
	Name string
	// Namespace of the objects; "" leaves it to kubectl.
	Namespace string
	// Image is the container image with kenburns, ffmpeg, heif-convert
	// and lcms2 (examples/kubernetes/Dockerfile). Required.
	Image string

	// Manifest is the batch manifest's path inside the container, under
	// Mounts.Inputs. "" with no Entries writes no batch Job (only the
	// long videos').
	Manifest string
	// Entries is the number of entries in the manifest: Shards is at
	// most this.
	Entries int
	// Shards is the batch Job's completions, each pod rendering its part
	// of the manifest. Default (0): Entries.
	Shards int
	// Parallelism is the most pods of one Job at once. Default (0): all.
	Parallelism int
	// BatchArgs are more arguments for "kenburns batch MANIFEST" (its
	// --cache, --cache-max and --processes are set here).
	BatchArgs []string

	// Videos are long videos to render as chunk shards then join.
	Videos []Video

	// BackoffLimitPerIndex is how often a failed pod of one index is
	// retried. Default (0): DefaultBackoffLimitPerIndex; -1: never.
	BackoffLimitPerIndex int

	Claims ClaimNames
	Mounts MountPaths
	// CacheSize is the cache claim's size (a Kubernetes quantity such as
	// 50Gi); renders are given 90% of it as --cache-max, so that a shard
	// never evicts another's chunks for lack of room. Default
	// DefaultCacheSize.
	CacheSize string
}

// Video is a long video rendered by Shards pods, each encoding a
// contiguous part of its chunks, then joined.
type Video struct {
	// Name names its Jobs (NAME-VIDEO-chunks, NAME-VIDEO-join): a DNS
	// label.
	Name string
	// Inputs are its storyboard's path inside the container, or its
	// photos and folders, as render takes them.
	Inputs []string
	// Output is the video's path inside the container, under
	// Mounts.Outputs.
	Output string
	// Shards is the chunks Job's completions: at least 1.
	Shards int
	// Args are more arguments for every "kenburns render" of this video,
	// the same in the shards and the join (or their chunks differ).
	Args []string
}

// ClaimNames are the names of the PersistentVolumeClaims the pods mount.
type ClaimNames struct {
	Inputs, Outputs, Cache string // default NAME-inputs, NAME-outputs, NAME-cache
}

// MountPaths are where the claims are mounted in the container.
type MountPaths struct {
	Inputs, Outputs, Cache string // default DefaultInputsMount, DefaultOutputsMount, DefaultCacheMount
}

// withDefaults returns o with its zero fields set, or an error naming the
// first field that is wrong.
func (o Options) withDefaults() (Options, error) {
	if o.Name == "" {
		o.Name = DefaultName
	}
	if err := checkLabel(o.Name); err != nil {
		return o, fmt.Errorf("name: %w", err)
	}
	if o.Image == "" {
		return o, errors.New("no image: build one from examples/kubernetes/Dockerfile and name it with --image")
	}
	if o.Shards == 0 {
		o.Shards = o.Entries
	}
	if o.Manifest != "" || o.Entries > 0 {
		switch {
		case o.Manifest == "":
			return o, errors.New("no manifest path for the batch Job")
		case o.Entries < 1:
			return o, fmt.Errorf("manifest %s has no entries", o.Manifest)
		case o.Shards > o.Entries:
			return o, fmt.Errorf("%d shards for %d entries: want at most one shard per entry", o.Shards, o.Entries)
		}
		if _, err := setting.NewShard(0, o.Shards); err != nil {
			return o, err
		}
	}
	if o.Parallelism < 0 {
		return o, fmt.Errorf("parallelism %d: want 0 (all) or more", o.Parallelism)
	}
	switch {
	case o.BackoffLimitPerIndex == 0:
		o.BackoffLimitPerIndex = DefaultBackoffLimitPerIndex
	case o.BackoffLimitPerIndex < 0:
		o.BackoffLimitPerIndex = 0
	}
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&o.Claims.Inputs, o.Name+"-inputs")
	def(&o.Claims.Outputs, o.Name+"-outputs")
	def(&o.Claims.Cache, o.Name+"-cache")
	def(&o.Mounts.Inputs, DefaultInputsMount)
	def(&o.Mounts.Outputs, DefaultOutputsMount)
	def(&o.Mounts.Cache, DefaultCacheMount)
	def(&o.CacheSize, DefaultCacheSize)
	for _, c := range []string{o.Claims.Inputs, o.Claims.Outputs, o.Claims.Cache} {
		if err := checkSubdomain(c); err != nil {
			return o, fmt.Errorf("claim: %w", err)
		}
	}
	for _, m := range []string{o.Mounts.Inputs, o.Mounts.Outputs, o.Mounts.Cache} {
		if !path.IsAbs(m) || path.Clean(m) == "/" || path.Clean(m) == "/tmp" {
			return o, fmt.Errorf("mount path %q: want an absolute path other than / and /tmp", m)
		}
	}
	if _, _, err := parseSize(o.CacheSize); err != nil {
		return o, fmt.Errorf("cache %w", err)
	}
	names := map[string]bool{}
	for i, v := range o.Videos {
		if err := CheckVideoName(o.Name, v.Name); err != nil {
			return o, fmt.Errorf("video %d: %w", i+1, err)
		}
		if names[v.Name] {
			return o, fmt.Errorf("video %d: name %q is used twice", i+1, v.Name)
		}
		names[v.Name] = true
		if len(v.Inputs) == 0 || slices.Contains(v.Inputs, "") || v.Output == "" {
			return o, fmt.Errorf("video %s: want both inputs (a storyboard, or photos and folders) and an output path", v.Name)
		}
		if _, err := setting.NewShard(0, v.Shards); err != nil {
			return o, fmt.Errorf("video %s: %w", v.Name, err)
		}
	}
	if o.Manifest == "" && len(o.Videos) == 0 {
		return o, errors.New("nothing to run: no manifest entries and no long videos")
	}
	return o, nil
}

// CheckVideoName checks that name can name a long video's Jobs
// PREFIX-NAME-chunks and PREFIX-NAME-join, prefix being Options.Name
// (DefaultName when ""): they must be DNS labels.
func CheckVideoName(prefix, name string) error {
	if prefix == "" {
		prefix = DefaultName
	}
	if err := checkLabel(prefix + "-" + name + "-chunks"); name == "" || err != nil {
		return fmt.Errorf("name %q: want a short DNS label (a-z, 0-9, -), as the Job's name %s-%s-chunks must be", name, prefix, name)
	}
	return nil
}

// Write writes the Jobs that run o as one YAML stream for kubectl apply -f.
func Write(w io.Writer, o Options) error {
	jobs, err := build(o)
	if err != nil {
		return err
	}
	objs := make([]any, len(jobs))
	for i, j := range jobs {
		objs[i] = j
	}
	return writeYAML(w, objs)
}

// WriteClaims writes the three PersistentVolumeClaims the Jobs of o mount,
// as one YAML stream (see claims).
func WriteClaims(w io.Writer, o Options, sizes ClaimSizes) error {
	list, err := claims(o, sizes)
	if err != nil {
		return err
	}
	objs := make([]any, len(list))
	for i, c := range list {
		objs[i] = c
	}
	return writeYAML(w, objs)
}

// writeYAML writes objs as YAML documents separated by "---".
func writeYAML(w io.Writer, objs []any) error {
	var buf bytes.Buffer
	for i, obj := range objs {
		b, err := yaml.Marshal(obj)
		if err != nil {
			return fmt.Errorf("kube: %w", err)
		}
		if i > 0 {
			buf.WriteString("---\n")
		}
		buf.Write(b)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
