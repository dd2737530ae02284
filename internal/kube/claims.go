package kube

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

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
func claims(o Options, sizes ClaimSizes) ([]*corev1.PersistentVolumeClaim, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("kube: %w", err)
	}
	var list []*corev1.PersistentVolumeClaim
	for _, c := range []struct{ name, size, what string }{
		{o.Claims.Inputs, sizes.Inputs, "inputs"},
		{o.Claims.Outputs, sizes.Outputs, "outputs"},
		{o.Claims.Cache, o.CacheSize, "cache"},
	} {
		q, err := resource.ParseQuantity(c.size)
		if err != nil || q.Sign() <= 0 {
			return nil, fmt.Errorf("kube: %s claim size %q: want a Kubernetes quantity such as 20Gi", c.what, c.size)
		}
		pvc := &corev1.PersistentVolumeClaim{
			TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "PersistentVolumeClaim"},
			ObjectMeta: metav1.ObjectMeta{Name: c.name, Namespace: o.Namespace, Labels: map[string]string{
				"app.kubernetes.io/name": "kenburns", "app.kubernetes.io/instance": o.Name, "app.kubernetes.io/component": c.what,
			}},
			Spec: corev1.PersistentVolumeClaimSpec{
				AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany},
				Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: q}},
			},
		}
		if sizes.StorageClass != "" {
			pvc.Spec.StorageClassName = ptr(sizes.StorageClass)
		}
		list = append(list, pvc)
	}
	return list, nil
}
