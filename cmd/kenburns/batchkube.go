package main

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/batch"
	"github.com/kenburns/kenburns/internal/kube"
)

// kubeFlags are the batch flags that print Kubernetes manifests instead of
// rendering.
type kubeFlags struct {
	on          bool
	image       string
	shards      int
	parallelism int
}

func (k *kubeFlags) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&k.on, "kubernetes", false, "print a Kubernetes Indexed Job that runs this batch in pods, and chunk and join Jobs for each long video (shards:), for kubectl apply -f -; render nothing")
	fs.StringVar(&k.image, "image", "", "with --kubernetes: the container image (examples/kubernetes/Dockerfile)")
	fs.IntVar(&k.shards, "kube-shards", 0, "with --kubernetes: pods in all, each running one shard of the jobs without shards: (default: one per job)")
	fs.IntVar(&k.parallelism, "kube-parallelism", 0, "with --kubernetes: pods at once (default: all)")
}

// write prints the Jobs that run manifest m on a cluster. The manifest's
// ordinary jobs are one Indexed Job: pod I of N runs "kenburns batch" on
// the manifest as the pods see it (the manifest's folder copied into the
// inputs claim), with JOB_COMPLETION_INDEX and KENBURNS_SHARDS choosing
// its jobs, outputs in the outputs claim, and one render at a time on the
// CPUs and memory the pod requests for the measured per-render peak
// (render.PeakMemoryMiB). Each job with shards: N (a long video) is
// instead an Indexed Job of N pods encoding its chunks and a suspended
// join Job (kube.Video); the batch pods skip it (--skip-sharded), so that
// nothing is rendered twice.
func (k *kubeFlags) write(w io.Writer, manifestPath string, m *batch.Manifest, o *batchOptions, settings map[string]batch.Kind) error {
	dir := filepath.Dir(manifestPath)
	inside := path.Join(kube.DefaultInputsMount, filepath.Base(manifestPath))
	var abs []string
	for _, j := range m.Jobs {
		for _, in := range j.Inputs {
			if a, err := filepath.Abs(in); err != nil || !isUnder(a, dir) {
				abs = append(abs, fmt.Sprintf("job %q: input %s", j.ID, in))
			}
		}
	}
	if len(abs) > 0 {
		return usageError{fmt.Errorf("--kubernetes: pods see only the manifest's folder (as %s), but %s: make the paths relative to the manifest", kube.DefaultInputsMount, abs[0])}
	}
	whole := batch.Whole(m.Jobs)
	var videos []kube.Video
	for _, j := range m.Jobs {
		if j.Shards == 0 {
			continue
		}
		v, err := kubeVideo(j, dir, settings)
		if err != nil {
			return usageError{fmt.Errorf("--kubernetes: %w", err)}
		}
		videos = append(videos, v)
	}
	opts := kube.Options{
		Image:       k.image,
		Shards:      k.shards,
		Parallelism: k.parallelism,
		Videos:      videos,
	}
	if len(whole) > 0 {
		// One video at a time: the pod's memory is one render's peak
		// (kube sets --processes to the CPUs it requests).
		args := []string{"--output-dir", kube.DefaultOutputsMount, "--jobs", "1",
			"--retries", strconv.Itoa(o.retries), "--progress", "plain"}
		if len(videos) > 0 {
			args = append(args, "--skip-sharded")
		}
		if o.force {
			args = append(args, "--force")
		}
		opts.Manifest, opts.Entries, opts.BatchArgs = inside, len(whole), args
	}
	fmt.Fprintf(w, "# kenburns batch %s on Kubernetes: copy the manifest's folder into the claim %s-inputs (mounted at %s);\n# outputs go to the claim %s-outputs (%s). See examples/kubernetes/README.md.\n",
		filepath.Base(manifestPath), kube.DefaultName, kube.DefaultInputsMount, kube.DefaultName, kube.DefaultOutputsMount)
	if err := kube.Write(w, opts); err != nil {
		return usageError{fmt.Errorf("--kubernetes: %w", err)}
	}
	return nil
}

// kubeVideo is a long video's job as the pods of its chunks and join Jobs
// see it: its inputs and files under the inputs mount, its output under
// the outputs mount, its settings as render flags.
func kubeVideo(j *batch.Job, dir string, settings map[string]batch.Kind) (kube.Video, error) {
	inside := func(p string) (string, error) {
		a, err := filepath.Abs(p)
		if err != nil || !isUnder(a, dir) {
			return "", fmt.Errorf("%s: job %q: %s is outside the manifest's folder, which is all the pods see: make the path relative to the manifest", j.Where, j.ID, p)
		}
		d, _ := filepath.Abs(dir)
		rel, err := filepath.Rel(d, a)
		if err != nil {
			return "", err
		}
		return path.Join(kube.DefaultInputsMount, filepath.ToSlash(rel)), nil
	}
	v := kube.Video{Name: j.ID, Shards: j.Shards}
	if err := kube.CheckVideoName("", j.ID); err != nil {
		return v, fmt.Errorf("%s: job %q has shards, so its id names its Jobs: %w", j.Where, j.ID, err)
	}
	for _, in := range j.Inputs {
		p, err := inside(in)
		if err != nil {
			return v, err
		}
		v.Inputs = append(v.Inputs, p)
	}
	out := j.Written()
	if filepath.IsAbs(out) {
		return v, fmt.Errorf("%s: job %q: output %s: a long video's output must be relative, as it goes to the outputs claim (%s)", j.Where, j.ID, out, kube.DefaultOutputsMount)
	}
	v.Output = path.Join(kube.DefaultOutputsMount, filepath.ToSlash(out))
	for _, s := range j.Settings {
		for _, val := range s.Values {
			if k := settings[s.Name]; (k == batch.Path || k == batch.PathList) && val != "" {
				p, err := inside(val)
				if err != nil {
					return v, err
				}
				val = p
			}
			// --name=value: a value may begin with "-" (ffmpeg-arg).
			v.Args = append(v.Args, "--"+s.Name+"="+val)
		}
	}
	return v, nil
}

// isUnder reports whether p is dir or inside it.
func isUnder(p, dir string) bool {
	d, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !filepath.IsAbs(rel) && (len(rel) < 3 || rel[:3] != "../")
}
