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
	fs.BoolVar(&k.on, "kubernetes", false, "print a Kubernetes Indexed Job that runs this batch in pods (kubectl apply -f -), and render nothing")
	fs.StringVar(&k.image, "image", "", "with --kubernetes: the container image (examples/kubernetes/Dockerfile)")
	fs.IntVar(&k.shards, "kube-shards", 0, "with --kubernetes: pods in all, each running one shard of the jobs (default: one per job)")
	fs.IntVar(&k.parallelism, "kube-parallelism", 0, "with --kubernetes: pods at once (default: all)")
}

// write prints the Indexed Job that runs manifest m on a cluster: pod I
// of N runs "kenburns batch" on the manifest as the pods see it (the
// manifest's folder copied into the inputs claim), with
// JOB_COMPLETION_INDEX and KENBURNS_SHARDS choosing its jobs, outputs in
// the outputs claim, and one render at a time on the CPUs and memory the
// pod requests for the measured per-render peak (render.PeakMemoryMiB).
func (k *kubeFlags) write(w io.Writer, manifestPath string, m *batch.Manifest, o *batchOptions) error {
	inside := path.Join(kube.DefaultInputsMount, filepath.Base(manifestPath))
	// One video at a time: the pod's memory is one render's peak (kube
	// sets --processes to the CPUs it requests).
	args := []string{"--output-dir", kube.DefaultOutputsMount, "--jobs", "1",
		"--retries", strconv.Itoa(o.retries), "--progress", "plain"}
	if o.force {
		args = append(args, "--force")
	}
	opts := kube.Options{
		Image:       k.image,
		Manifest:    inside,
		Entries:     len(m.Jobs),
		Shards:      k.shards,
		Parallelism: k.parallelism,
		BatchArgs:   args,
	}
	var abs []string
	for _, j := range m.Jobs {
		for _, in := range j.Inputs {
			if a, err := filepath.Abs(in); err != nil || !isUnder(a, filepath.Dir(manifestPath)) {
				abs = append(abs, fmt.Sprintf("job %q: input %s", j.ID, in))
			}
		}
	}
	if len(abs) > 0 {
		return usageError{fmt.Errorf("--kubernetes: pods see only the manifest's folder (as %s), but %s: make the paths relative to the manifest", kube.DefaultInputsMount, abs[0])}
	}
	fmt.Fprintf(w, "# kenburns batch %s on Kubernetes: copy %s into the claim %s-inputs (mounted at %s);\n# outputs go to the claim %s-outputs (%s). See examples/kubernetes/README.md.\n",
		filepath.Base(manifestPath), filepath.Dir(manifestPath), kube.DefaultName, kube.DefaultInputsMount, kube.DefaultName, kube.DefaultOutputsMount)
	if err := kube.Write(w, opts); err != nil {
		return usageError{fmt.Errorf("--kubernetes: %w", err)}
	}
	return nil
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
