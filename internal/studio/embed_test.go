package studio

import (
	"io/fs"
	"regexp"
	"testing"
)

// TestSelfContained checks that the page fetches nothing from the
// internet: no URL with a scheme or a protocol-relative one in any
// embedded file.
func TestSelfContained(t *testing.T) {
	remote := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import|src="//`)
	err := fs.WalkDir(web, "web", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web, path)
		if err != nil {
			return err
		}
		if m := remote.Find(b); m != nil {
			t.Errorf("%s refers to %s: the page must be self-contained", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
