// Package testenv finds what tests need outside the repository, the shared
// photo corpus and ffmpeg, with one policy: a test may skip, with a clear
// message, when they are missing on a developer's machine, but fails in CI
// (CI=true), where a skip would turn a proof into a silent pass.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// InCI reports whether the tests run in CI.
func InCI() bool { return os.Getenv("CI") == "true" }

// Corpus returns the path of sub (e.g. "photos", "bad" or
// "photos/IMG_0001") in the shared corpus, which lives in ../shared/corpus
// beside the repository.
func Corpus(t testing.TB, sub string) string {
	t.Helper()
	root, err := moduleRoot()
	if err == nil {
		p := filepath.Join(root, "..", "shared", "corpus", sub)
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	if InCI() {
		t.Fatalf("shared corpus missing in CI: %v", err)
	}
	t.Skipf("shared corpus not found (it belongs in ../shared/corpus beside the repository): %v", err)
	return ""
}

// NeedFFmpeg skips the test when ffmpeg or ffprobe is not on PATH.
func NeedFFmpeg(t testing.TB) {
	t.Helper()
	for _, name := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(name); err != nil {
			if InCI() {
				t.Fatalf("%s missing in CI: %v", name, err)
			}
			t.Skipf("%s not installed (Debian: apt-get install ffmpeg): %v", name, err)
		}
	}
}

// moduleRoot is the nearest folder above the working directory (a test's
// package folder) that holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
