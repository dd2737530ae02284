package kube

import (
	"fmt"
	"strconv"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kenburns/kenburns/internal/setting"
)

// Container facts the image provides (examples/kubernetes/Dockerfile).
const (
	// Binary is where the image installs kenburns.
	Binary = "/usr/local/bin/kenburns"
	// UID is the image's unprivileged user, which owns what pods write.
	UID = 10001
	// container is the name of the one container of every pod, which the
	// pod failure policy names.
	container = "kenburns"
)

// invalidInputExit is kenburns' exit status for invalid input: the same
// pod would fail the same way again, so its index is not retried.
const invalidInputExit = 2

// build returns the Jobs that run o: the batch Job (when o has manifest
// entries), then for each long video its chunks Job and its suspended
// join Job.
func build(o Options) ([]*batchv1.Job, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("kube: %w", err)
	}
	cacheMax, err := cacheMax(o.CacheSize)
	if err != nil {
		return nil, fmt.Errorf("kube: %w", err)
	}
	var jobs []*batchv1.Job
	if o.Manifest != "" {
		args := append([]string{"batch", o.Manifest, "--cache", o.Mounts.Cache, "--cache-max", cacheMax}, o.BatchArgs...)
		jobs = append(jobs, o.indexed(o.Name+"-batch", "batch", o.Shards, args))
	}
	for _, v := range o.Videos {
		common := append([]string{"--output", v.Output, "--cache", o.Mounts.Cache, "--cache-max", cacheMax,
			"--jobs", strconv.Itoa(RenderJobs), "--progress", "plain"}, v.Args...)
		// $(VAR) is expanded by the kubelet from the container's
		// environment, which indexed() sets.
		shard := "$(" + setting.ShardIndexEnv + ")/$(" + setting.ShardCountEnv + ")"
		chunks := append([]string{"render", v.Storyboard, "--shard", shard}, common...)
		jobs = append(jobs, o.indexed(o.Name+"-"+v.Name+"-chunks", "chunks", v.Shards, chunks))
		join := o.job(o.Name+"-"+v.Name+"-join", "join", append([]string{"render", v.Storyboard, "--overwrite"}, common...), nil)
		join.Spec.Suspend = ptr(true)
		jobs = append(jobs, join)
	}
	return jobs, nil
}

// cacheMax is the --cache-max for a cache claim of the given size: 90% of
// it, the rest left for the file system's own use.
func cacheMax(size string) (string, error) {
	q, err := resource.ParseQuantity(size)
	if err != nil {
		return "", fmt.Errorf("cache size %q: %w", size, err)
	}
	return setting.FormatBytes(q.Value() / 10 * 9), nil
}

// indexed returns an Indexed Job of n pods, pod I told its shard by
// JOB_COMPLETION_INDEX=I and KENBURNS_SHARDS=n.
func (o Options) indexed(name, component string, n int, args []string) *batchv1.Job {
	env := []corev1.EnvVar{
		// The Job controller adds this variable itself; naming it here
		// makes it visible in the manifest and sure to exist for the
		// $(VAR) expansion of the arguments.
		{Name: setting.ShardIndexEnv, ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{
			FieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
		}}},
		{Name: setting.ShardCountEnv, Value: strconv.Itoa(n)},
	}
	j := o.job(name, component, args, env)
	j.Spec.CompletionMode = ptr(batchv1.IndexedCompletion)
	j.Spec.Completions = ptr(int32(n))
	par := n
	if o.Parallelism > 0 {
		par = min(n, o.Parallelism)
	}
	j.Spec.Parallelism = ptr(int32(par))
	// Retries are counted per index, so that one bad shard neither stops
	// the others nor uses up their retries.
	j.Spec.BackoffLimitPerIndex = ptr(int32(o.BackoffLimitPerIndex))
	return j
}

// job returns a Job of one pod running kenburns with args.
func (o Options) job(name, component string, args []string, env []corev1.EnvVar) *batchv1.Job {
	labels := map[string]string{
		"app.kubernetes.io/name":      "kenburns",
		"app.kubernetes.io/instance":  o.Name,
		"app.kubernetes.io/component": component,
	}
	env = append(env, corev1.EnvVar{Name: "TMPDIR", Value: "/tmp"})
	c := corev1.Container{
		Name:    container,
		Image:   o.Image,
		Command: []string{Binary},
		Args:    args,
		Env:     env,
		Resources: corev1.ResourceRequirements{
			Requests: corev1.ResourceList{
				corev1.ResourceCPU:    *resource.NewQuantity(RenderJobs, resource.DecimalSI),
				corev1.ResourceMemory: mebibytes(MemoryRequestMiB),
			},
			// No CPU limit: a throttled render is only slower, and a
			// render uses what it requested anyway.
			Limits: corev1.ResourceList{corev1.ResourceMemory: mebibytes(MemoryLimitMiB)},
		},
		VolumeMounts: []corev1.VolumeMount{
			{Name: "inputs", MountPath: o.Mounts.Inputs, ReadOnly: true},
			{Name: "outputs", MountPath: o.Mounts.Outputs},
			{Name: "cache", MountPath: o.Mounts.Cache},
			{Name: "tmp", MountPath: "/tmp"},
		},
		SecurityContext: &corev1.SecurityContext{
			AllowPrivilegeEscalation: ptr(false),
			Capabilities:             &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}},
		},
	}
	claim := func(name, claim string, ro bool) corev1.Volume {
		return corev1.Volume{Name: name, VolumeSource: corev1.VolumeSource{
			PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: claim, ReadOnly: ro},
		}}
	}
	pod := corev1.PodSpec{
		// Never: a failed pod is replaced by the Job, which counts the
		// failure against its index; restarting in place would hide it
		// (and the pod failure policy requires Never).
		RestartPolicy: corev1.RestartPolicyNever,
		Containers:    []corev1.Container{c},
		SecurityContext: &corev1.PodSecurityContext{
			RunAsNonRoot: ptr(true), RunAsUser: ptr(int64(UID)), RunAsGroup: ptr(int64(UID)), FSGroup: ptr(int64(UID)),
		},
		Volumes: []corev1.Volume{
			claim("inputs", o.Claims.Inputs, true),
			claim("outputs", o.Claims.Outputs, false),
			claim("cache", o.Claims.Cache, false),
			// The render's work directory: working copies of the photos
			// (about 5 MB each at 1080p) and the chunks before they are
			// joined.
			{Name: "tmp", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		},
	}
	return &batchv1.Job{
		TypeMeta:   metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: o.Namespace, Labels: labels},
		Spec: batchv1.JobSpec{
			// A replacement pod starts only once the failed one has
			// stopped, so two pods of one index never write at once
			// (and the pod failure policy requires Failed).
			PodReplacementPolicy: ptr(batchv1.Failed),
			PodFailurePolicy: &batchv1.PodFailurePolicy{Rules: []batchv1.PodFailurePolicyRule{
				{
					// Invalid input fails the same way on every try.
					Action: batchv1.PodFailurePolicyActionFailIndex,
					OnExitCodes: &batchv1.PodFailurePolicyOnExitCodesRequirement{
						ContainerName: ptr(container), Operator: batchv1.PodFailurePolicyOnExitCodesOpIn,
						Values: []int32{invalidInputExit},
					},
				},
				{
					// A pod evicted or preempted did nothing wrong: its
					// retry is not counted.
					Action:          batchv1.PodFailurePolicyActionIgnore,
					OnPodConditions: []batchv1.PodFailurePolicyOnPodConditionsPattern{{Type: corev1.DisruptionTarget, Status: corev1.ConditionTrue}},
				},
			}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: pod},
		},
	}
}

func mebibytes(n int64) resource.Quantity { return *resource.NewQuantity(n<<20, resource.BinarySI) }

func ptr[T any](v T) *T { return &v }
