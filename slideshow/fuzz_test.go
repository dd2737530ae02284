package slideshow

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/storyboard"
)

// FuzzBuild plans arbitrary storyboards (storyboard's FuzzParse checks the
// parser alone): planning must never panic, a storyboard whose text has
// problems must never plan, and every problem must be placed in the file.
func FuzzBuild(f *testing.F) {
	for _, glob := range []string{"../examples/*.yaml", "../examples/errors/*.yaml", "../internal/render/testdata/*.yaml"} {
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
		sb, perr := storyboard.Parse("../examples/fuzz.yaml", src)
		if sb == nil {
			return
		}
		_, err := buildFile(sb)
		if err == nil {
			if perr != nil {
				t.Fatalf("planned despite problems in the text: %v", perr)
			}
			return
		}
		var se *storyboard.Error
		if !errors.As(err, &se) || !errors.Is(err, ErrInvalid) || len(se.Problems) == 0 {
			t.Fatalf("error %T without problems: %v", err, err)
		}
		lines := bytes.Count(sb.Source(), []byte("\n")) + 1
		for _, p := range se.Problems {
			if p.Line < 0 || p.Line > lines || p.Col < 0 || p.Msg == "" {
				t.Fatalf("problem out of the file (%d lines): %+v", lines, p)
			}
		}
		_ = err.Error()
	})
}
