package main

import (
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/golden"
)

// goldenFile compares got with testdata/name (go test -update rewrites it).
func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}
