package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/kenburns/kenburns/internal/testenv"
)

// TestEditorEncodingsRender renders storyboards saved as editors save
// them (issue 16): with a UTF-8 byte-order mark and CRLF line breaks, and
// in UTF-16 with a byte-order mark; each gives the same video as plain
// UTF-8.
func TestEditorEncodingsRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	photos, err := filepath.Abs(filepath.Join("..", "..", "examples", "photos"))
	if err != nil {
		t.Fatal(err)
	}
	text := "output: {size: 160x90, fps: 10}\r\ndefaults: {duration: 1s, transition: {type: fade, duration: 0.3s}}\r\nslides:\r\n" +
		"  - " + filepath.Join(photos, "01-mandelbrot.jpg") + "\r\n  - " + filepath.Join(photos, "02-gradients.jpg") + "\r\n"
	le := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(text)) {
		le = append(le, byte(u), byte(u>>8))
	}
	files := map[string][]byte{
		"plain":       []byte(strings.ReplaceAll(text, "\r\n", "\n")),
		"bom-crlf":    append([]byte("\xef\xbb\xbf"), text...),
		"utf16le-bom": le,
	}
	dir := t.TempDir()
	var want string
	for _, name := range []string{"plain", "bom-crlf", "utf16le-bom"} {
		t.Run(name, func(t *testing.T) {
			sb := filepath.Join(dir, name+".yaml")
			if err := os.WriteFile(sb, files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			if code, out, errOut := kenburns(t, "validate", sb); code != exitOK {
				t.Fatalf("validate: exit %d: %s%s", code, out, errOut)
			}
			out := filepath.Join(dir, name+".mp4")
			if code, _, errOut := kenburns(t, "render", sb, "-o", out, "--progress", "none", "--x264-preset", "ultrafast", "--no-cache"); code != exitOK {
				t.Fatalf("render: exit %d: %s", code, errOut)
			}
			got := framemd5(t, out)
			if want == "" {
				want = got
			} else if got != want {
				t.Error("the video differs from the plain UTF-8 storyboard's")
			}
		})
	}
}
