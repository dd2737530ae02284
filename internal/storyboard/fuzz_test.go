package storyboard

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/yamltext"
)

// FuzzParse feeds arbitrary files to the storyboard parser: it must never
// panic, and every problem must have a sane place. (Whether a storyboard
// that parses also plans is for slideshow's FuzzBuild.)
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"../../examples/*.yaml", "../../examples/errors/*.yaml", "../render/testdata/*.yaml"} {
		files, _ := filepath.Glob(glob)
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	// Editors' encodings: a byte-order mark, UTF-16 both ways, CRLF.
	ex := "slides:\r\n  - photo: a.jpg\r\n    duration: 2s\r\n"
	f.Add(append([]byte("\xef\xbb\xbf"), ex...))
	f.Add(utf16Bytes(ex, false, true))
	f.Add(utf16Bytes(ex, true, true))
	f.Add(utf16Bytes(ex, false, false))
	f.Fuzz(func(t *testing.T, src []byte) {
		sb, err := Parse("../../examples/fuzz.yaml", src)
		text, derr := yamltext.Decode(src)
		if derr != nil {
			text = src
		}
		lines := strings.Count(string(text), "\n") + strings.Count(string(text), "\r") + 1
		if err == nil {
			if sb == nil || len(sb.Problems()) > 0 {
				t.Fatalf("no error, but storyboard %v with problems %v", sb, sb.Problems())
			}
			return
		}
		var se *Error
		if !errors.As(err, &se) || len(se.Problems) == 0 {
			t.Fatalf("error %T without problems: %v", err, err)
		}
		for _, p := range se.Problems {
			if p.Line < 0 || p.Line > lines || p.Col < 0 || p.Msg == "" {
				t.Fatalf("problem out of the file (%d lines): %+v", lines, p)
			}
		}
		_ = err.Error()
	})
}
