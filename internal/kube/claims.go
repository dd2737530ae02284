package kube

import "fmt"

// ClaimSizes are the sizes of the inputs' and outputs' claims (the cache's
// is Options.CacheSize), and the storage class of all three.
type ClaimSizes struct {
	Inputs, Outputs string // Kubernetes quantities such as 20Gi
	// StorageClass must provide ReadWriteMany volumes (NFS, CephFS, a
	// cloud's file storage); "" is the cluster's default class.
	StorageClass string
}

// claims returns the three PersistentVolumeClaims the Jobs of o mount.
// All are ReadWriteMany: the pods of a Job run on many nodes at once, the
// cache and outputs are written by all of them, and the inputs must be
// writable by whoever copies the photos in (pods mount them read-only).
func claims(o Options, sizes ClaimSizes) ([]*claim, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("kube: %w", err)
	}
	var list []*claim
	for _, c := range []struct{ name, size, what string }{
		{o.Claims.Inputs, sizes.Inputs, "inputs"},
		{o.Claims.Outputs, sizes.Outputs, "outputs"},
		{o.Claims.Cache, o.CacheSize, "cache"},
	} {
		_, size, err := parseSize(c.size)
		if err != nil {
			return nil, fmt.Errorf("kube: %s claim %w", c.what, err)
		}
		pvc := &claim{
			APIVersion: "v1", Kind: "PersistentVolumeClaim",
			Metadata: meta{Name: c.name, Namespace: o.Namespace, Labels: map[string]string{
				"app.kubernetes.io/name": "kenburns", "app.kubernetes.io/instance": o.Name, "app.kubernetes.io/component": c.what,
			}},
			Spec: claimSpec{
				AccessModes: []string{"ReadWriteMany"},
				Resources:   resources{Requests: map[string]string{"storage": size}},
			},
		}
		if sizes.StorageClass != "" {
			pvc.Spec.StorageClassName = ptr(sizes.StorageClass)
		}
		list = append(list, pvc)
	}
	return list, nil
}
