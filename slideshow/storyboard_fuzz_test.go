package slideshow

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadStoryboard feeds arbitrary files to the storyboard loader: it
// must never panic, every problem must have a sane place, and a storyboard
// that loads must plan.
func FuzzLoadStoryboard(f *testing.F) {
	for _, glob := range []string{"../examples/*.yaml", "../examples/errors/*.yaml", "testdata/*.yaml"} {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// Photo paths resolve from examples/, so seeds find their photos.
		sb, err := ParseStoryboard("../examples/fuzz.yaml", src)
		lines := strings.Count(string(normalizeNewlines(src)), "\n") + 1
		if err != nil {
			var se *StoryboardError
			if !errors.As(err, &se) || !errors.Is(err, ErrInvalid) || len(se.Problems) == 0 {
				t.Fatalf("error %T without problems: %v", err, err)
			}
			for _, p := range se.Problems {
				if p.Line < 0 || p.Line > lines || p.Col < 0 || p.Msg == "" {
					t.Fatalf("problem out of the file (%d lines): %+v", lines, p)
				}
			}
			_ = err.Error()
			return
		}
		if _, err := sb.Plan(sb.Options(DefaultOptions())); err != nil {
			t.Fatalf("loaded without problems but does not plan: %v", err)
		}
	})
}
