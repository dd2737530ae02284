package kube

// The Kubernetes objects kenburns writes, as the few fields it sets of the
// API's types (k8s.io/api batch/v1 Job, core/v1 PersistentVolumeClaim),
// with the same JSON names. Linking k8s.io/api's types would add 5.1 MB
// (25%) to the kenburns binary for a dozen fields; instead the tests
// decode every generated manifest strictly into k8s.io/api's types (a
// field the API lacks, misspelt or wrongly cased, fails) and encode it
// back to the same YAML (a field dropped or misread fails too).

type meta struct {
	Name      string            `json:"name,omitempty"`
	Namespace string            `json:"namespace,omitempty"`
	Labels    map[string]string `json:"labels,omitempty"`
}

type job struct {
	APIVersion string  `json:"apiVersion"`
	Kind       string  `json:"kind"`
	Metadata   meta    `json:"metadata"`
	Spec       jobSpec `json:"spec"`
}

type jobSpec struct {
	Parallelism          *int32            `json:"parallelism,omitempty"`
	Completions          *int32            `json:"completions,omitempty"`
	CompletionMode       string            `json:"completionMode,omitempty"`
	BackoffLimitPerIndex *int32            `json:"backoffLimitPerIndex,omitempty"`
	Suspend              *bool             `json:"suspend,omitempty"`
	PodReplacementPolicy string            `json:"podReplacementPolicy,omitempty"`
	PodFailurePolicy     *podFailurePolicy `json:"podFailurePolicy,omitempty"`
	Template             podTemplate       `json:"template"`
}

type podFailurePolicy struct {
	Rules []podFailurePolicyRule `json:"rules"`
}

type podFailurePolicyRule struct {
	Action          string              `json:"action"`
	OnExitCodes     *onExitCodes        `json:"onExitCodes,omitempty"`
	OnPodConditions []podConditionMatch `json:"onPodConditions,omitempty"`
}

type onExitCodes struct {
	ContainerName string  `json:"containerName,omitempty"`
	Operator      string  `json:"operator"`
	Values        []int32 `json:"values"`
}

type podConditionMatch struct {
	Type   string `json:"type"`
	Status string `json:"status"`
}

type podTemplate struct {
	Metadata meta    `json:"metadata"`
	Spec     podSpec `json:"spec"`
}

type podSpec struct {
	RestartPolicy   string              `json:"restartPolicy"`
	Containers      []container         `json:"containers"`
	SecurityContext *podSecurityContext `json:"securityContext,omitempty"`
	Volumes         []volume            `json:"volumes,omitempty"`
}

type podSecurityContext struct {
	RunAsNonRoot *bool  `json:"runAsNonRoot,omitempty"`
	RunAsUser    *int64 `json:"runAsUser,omitempty"`
	RunAsGroup   *int64 `json:"runAsGroup,omitempty"`
	FSGroup      *int64 `json:"fsGroup,omitempty"`
}

type container struct {
	Name            string           `json:"name"`
	Image           string           `json:"image"`
	Command         []string         `json:"command,omitempty"`
	Args            []string         `json:"args,omitempty"`
	Env             []envVar         `json:"env,omitempty"`
	Resources       resources        `json:"resources"`
	VolumeMounts    []volumeMount    `json:"volumeMounts,omitempty"`
	SecurityContext *securityContext `json:"securityContext,omitempty"`
}

type envVar struct {
	Name      string     `json:"name"`
	Value     string     `json:"value,omitempty"`
	ValueFrom *envSource `json:"valueFrom,omitempty"`
}

type envSource struct {
	FieldRef *fieldRef `json:"fieldRef,omitempty"`
}

type fieldRef struct {
	FieldPath string `json:"fieldPath"`
}

// resources maps resource names (cpu, memory, storage) to quantities.
type resources struct {
	Requests map[string]string `json:"requests,omitempty"`
	Limits   map[string]string `json:"limits,omitempty"`
}

type volumeMount struct {
	Name      string `json:"name"`
	MountPath string `json:"mountPath"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

type securityContext struct {
	AllowPrivilegeEscalation *bool         `json:"allowPrivilegeEscalation,omitempty"`
	Capabilities             *capabilities `json:"capabilities,omitempty"`
}

type capabilities struct {
	Drop []string `json:"drop,omitempty"`
}

type volume struct {
	Name                  string       `json:"name"`
	PersistentVolumeClaim *claimSource `json:"persistentVolumeClaim,omitempty"`
	EmptyDir              *struct{}    `json:"emptyDir,omitempty"`
}

type claimSource struct {
	ClaimName string `json:"claimName"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

type claim struct {
	APIVersion string    `json:"apiVersion"`
	Kind       string    `json:"kind"`
	Metadata   meta      `json:"metadata"`
	Spec       claimSpec `json:"spec"`
}

type claimSpec struct {
	AccessModes      []string  `json:"accessModes"`
	Resources        resources `json:"resources"`
	StorageClassName *string   `json:"storageClassName,omitempty"`
}
