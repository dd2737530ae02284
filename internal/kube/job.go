package kube

import (
	"fmt"
	"strconv"

	"github.com/kenburns/kenburns/internal/setting"
)

// Container facts the image provides (examples/kubernetes/Dockerfile).
const (
	// Binary is where the image installs kenburns.
	Binary = "/usr/local/bin/kenburns"
	// UID is the image's unprivileged user, which owns what pods write.
	UID = 10001
	// containerName is the name of the one container of every pod, which
	// the pod failure policy names.
	containerName = "kenburns"
)

// invalidInputExit is kenburns' exit status for invalid input: the same
// pod would fail the same way again, so its index is not retried.
const invalidInputExit = 2

// build returns the Jobs that run o: the batch Job (when o has manifest
// entries), then for each long video its chunks Job and its suspended
// join Job.
func build(o Options) ([]*job, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("kube: %w", err)
	}
	cacheMax, err := cacheMax(o.CacheSize)
	if err != nil {
		return nil, fmt.Errorf("kube: %w", err)
	}
	var jobs []*job
	if o.Manifest != "" {
		// --processes bounds the ffmpeg processes and photo decodes of
		// all the pod's videos together, as --jobs does one render's: the
		// memory measured is for that many. Left to itself batch would
		// count the node's cores, not the pod's.
		args := append([]string{"batch", o.Manifest, "--cache", o.Mounts.Cache, "--cache-max", cacheMax,
			"--processes", strconv.Itoa(RenderJobs)}, o.BatchArgs...)
		jobs = append(jobs, o.indexed(o.Name+"-batch", "batch", o.Shards, args))
	}
	for _, v := range o.Videos {
		// --jobs for the measured memory, and not the node's cores.
		common := append([]string{"--output", v.Output, "--cache", o.Mounts.Cache, "--cache-max", cacheMax,
			"--jobs", strconv.Itoa(RenderJobs), "--progress", "plain"}, v.Args...)
		// $(VAR) is expanded by the kubelet from the container's
		// environment, which indexed() sets.
		shard := "$(" + setting.ShardIndexEnv + ")/$(" + setting.ShardCountEnv + ")"
		render := append([]string{"render"}, v.Inputs...)
		chunks := append(append(render[:len(render):len(render)], "--shard", shard), common...)
		jobs = append(jobs, o.indexed(o.Name+"-"+v.Name+"-chunks", "chunks", v.Shards, chunks))
		join := o.job(o.Name+"-"+v.Name+"-join", "join", append(append(render[:len(render):len(render)], "--overwrite"), common...), nil)
		join.Spec.Suspend = ptr(true)
		jobs = append(jobs, join)
	}
	return jobs, nil
}

// cacheMax is the --cache-max for a cache claim of the given size: 90% of
// it, the rest left for the file system's own use.
func cacheMax(size string) (string, error) {
	n, _, err := parseSize(size)
	if err != nil {
		return "", fmt.Errorf("cache %w", err)
	}
	return setting.FormatBytes(n / 10 * 9), nil
}

// indexed returns an Indexed Job of n pods, pod I told its shard by
// JOB_COMPLETION_INDEX=I and KENBURNS_SHARDS=n.
func (o Options) indexed(name, component string, n int, args []string) *job {
	env := []envVar{
		// The Job controller adds this variable itself; naming it here
		// makes it visible in the manifest and sure to exist for the
		// $(VAR) expansion of the arguments.
		{Name: setting.ShardIndexEnv, ValueFrom: &envSource{FieldRef: &fieldRef{
			FieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
		}}},
		{Name: setting.ShardCountEnv, Value: strconv.Itoa(n)},
	}
	j := o.job(name, component, args, env)
	j.Spec.CompletionMode = "Indexed"
	j.Spec.Completions = ptr(int32(n))
	par := n
	if o.Parallelism > 0 {
		par = min(n, o.Parallelism)
	}
	j.Spec.Parallelism = ptr(int32(par))
	// Retries are counted per index, so that one bad shard neither stops
	// the others nor uses up their retries.
	j.Spec.BackoffLimitPerIndex = ptr(int32(o.BackoffLimitPerIndex))
	j.Spec.PodFailurePolicy.Rules[0].Action = "FailIndex"
	return j
}

// job returns a Job of one pod running kenburns with args.
func (o Options) job(name, component string, args []string, env []envVar) *job {
	labels := map[string]string{
		"app.kubernetes.io/name":      "kenburns",
		"app.kubernetes.io/instance":  o.Name,
		"app.kubernetes.io/component": component,
	}
	env = append(env, envVar{Name: "TMPDIR", Value: "/tmp"})
	c := container{
		Name:    containerName,
		Image:   o.Image,
		Command: []string{Binary},
		Args:    args,
		Env:     env,
		Resources: resources{
			Requests: map[string]string{"cpu": strconv.Itoa(RenderJobs), "memory": mebibytes(MemoryRequestMiB)},
			// No CPU limit: a throttled render is only slower, and a
			// render uses what it requested anyway.
			Limits: map[string]string{"memory": mebibytes(MemoryLimitMiB)},
		},
		VolumeMounts: []volumeMount{
			{Name: "inputs", MountPath: o.Mounts.Inputs, ReadOnly: true},
			{Name: "outputs", MountPath: o.Mounts.Outputs},
			{Name: "cache", MountPath: o.Mounts.Cache},
			{Name: "tmp", MountPath: "/tmp"},
		},
		SecurityContext: &securityContext{
			AllowPrivilegeEscalation: ptr(false),
			Capabilities:             &capabilities{Drop: []string{"ALL"}},
		},
	}
	claim := func(name, claim string, ro bool) volume {
		return volume{Name: name, PersistentVolumeClaim: &claimSource{ClaimName: claim, ReadOnly: ro}}
	}
	pod := podSpec{
		// Never: a failed pod is replaced by the Job, which counts the
		// failure against its index; restarting in place would hide it
		// (and the pod failure policy requires Never).
		RestartPolicy: "Never",
		Containers:    []container{c},
		SecurityContext: &podSecurityContext{
			RunAsNonRoot: ptr(true), RunAsUser: ptr(int64(UID)), RunAsGroup: ptr(int64(UID)), FSGroup: ptr(int64(UID)),
		},
		Volumes: []volume{
			claim("inputs", o.Claims.Inputs, true),
			claim("outputs", o.Claims.Outputs, false),
			claim("cache", o.Claims.Cache, false),
			// The render's work directory: working copies of the photos
			// (about 5 MB each at 1080p) and the chunks before they are
			// joined.
			{Name: "tmp", EmptyDir: &struct{}{}},
		},
	}
	return &job{
		APIVersion: "batch/v1", Kind: "Job",
		Metadata: meta{Name: name, Namespace: o.Namespace, Labels: labels},
		Spec: jobSpec{
			// A replacement pod starts only once the failed one has
			// stopped, so two pods of one index never write at once
			// (and the pod failure policy requires Failed).
			PodReplacementPolicy: "Failed",
			PodFailurePolicy: &podFailurePolicy{Rules: []podFailurePolicyRule{
				{
					// Invalid input fails the same way on every try. An
					// Indexed Job fails only the index (indexed()):
					// FailIndex needs backoffLimitPerIndex.
					Action: "FailJob",
					OnExitCodes: &onExitCodes{
						ContainerName: containerName, Operator: "In", Values: []int32{invalidInputExit},
					},
				},
				{
					// A pod evicted or preempted did nothing wrong: its
					// retry is not counted.
					Action:          "Ignore",
					OnPodConditions: []podConditionMatch{{Type: "DisruptionTarget", Status: "True"}},
				},
			}},
			Template: podTemplate{Metadata: meta{Labels: labels}, Spec: pod},
		},
	}
}

func ptr[T any](v T) *T { return &v }
