package kube

import (
	"bytes"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"
)

// TestAPIRoundTrip decodes every generated object strictly into the
// Kubernetes API's own type and encodes it again: the same YAML must come
// back, so that no field kenburns writes is unknown to the API, misread by
// it, or dropped (as a value of the wrong type or place would be).
func TestAPIRoundTrip(t *testing.T) {
	var jobs, claims bytes.Buffer
	if err := Write(&jobs, example()); err != nil {
		t.Fatal(err)
	}
	if err := WriteClaims(&claims, example(), exampleSizes); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, doc string, v any) {
		t.Helper()
		if err := decodeStrict(doc, v); err != nil {
			t.Fatalf("decode strictly: %v\n%s", err, doc)
		}
		b, err := yaml.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		// The API's types always write their (empty) status.
		back := strings.Replace(string(b), "status: {}\n", "", 1)
		if back != strings.TrimSuffix(doc, "\n")+"\n" {
			t.Errorf("the API's types encode it back differently:\n%s\nwant:\n%s", back, doc)
		}
	}
	for _, doc := range documents(jobs.String()) {
		check(t, doc, &batchv1.Job{})
	}
	for _, doc := range documents(claims.String()) {
		check(t, doc, &corev1.PersistentVolumeClaim{})
	}
}

// TestParseSize holds parseSize to the API's own parser of quantities.
func TestParseSize(t *testing.T) {
	for _, s := range []string{"50Gi", "20Gi", "1", "1024", "1000", "2048Mi", "1000Mi", "1536Mi", "500M", "1000M", "3G", "1Ti", "7k", "1000k", "1048576Ki"} {
		t.Run(s, func(t *testing.T) {
			n, canonical, err := parseSize(s)
			if err != nil {
				t.Fatal(err)
			}
			q := resource.MustParse(s)
			if n != q.Value() || canonical != q.String() {
				t.Errorf("parseSize(%q) = %d, %q; the API reads %d, %q", s, n, canonical, q.Value(), q.String())
			}
		})
	}
	for _, s := range []string{"", "0", "1.5Gi", "-1Gi", "50GB", "lots", "99999999999Pi"} {
		if _, _, err := parseSize(s); err == nil {
			t.Errorf("parseSize(%q): no error", s)
		}
	}
	if got, want := mebibytes(MemoryRequestMiB), resource.NewQuantity(MemoryRequestMiB<<20, resource.BinarySI).String(); got != want {
		t.Errorf("mebibytes(%d) = %q, the API writes %q", MemoryRequestMiB, got, want)
	}
}

// TestNames holds the name checks to the API's own.
func TestNames(t *testing.T) {
	for _, s := range []string{"kenburns", "a", "kenburns-trip-chunks", "Ken", "-a", "a-", "a_b", "a.b", strings.Repeat("a", 63), strings.Repeat("a", 64), ""} {
		if got, want := checkLabel(s) == nil, len(validation.IsDNS1123Label(s)) == 0; got != want {
			t.Errorf("checkLabel(%q) accepts: %v; the API: %v", s, got, want)
		}
		sub := s + ".example"
		if got, want := checkSubdomain(sub) == nil, len(validation.IsDNS1123Subdomain(sub)) == 0; got != want {
			t.Errorf("checkSubdomain(%q) accepts: %v; the API: %v", sub, got, want)
		}
	}
}
