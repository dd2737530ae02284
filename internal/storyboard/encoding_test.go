package storyboard

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16, big- or little-endian, with or without a
// byte-order mark.
func utf16Bytes(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// TestEditorEncodings parses storyboards as editors save them (issue 16):
// accepted ones decode to the same storyboard, with problems at the right
// line and column; refused ones say what to do.
func TestEditorEncodings(t *testing.T) {
	// Line 3 holds a misspelt key at column 5, to check positions.
	const text = "output: {fps: 25}\nslides:\n  - photo: a.jpg\n    duraton: 2s\n"
	crlf := strings.ReplaceAll(text, "\n", "\r\n")
	tests := []struct {
		name string
		src  []byte
		want string // the first problem, as file:line:col: message
	}{
		{"UTF-8", []byte(text), `sb.yaml:4:5: slide 1: unknown key "duraton"`},
		{"BOM and LF", append([]byte("\xef\xbb\xbf"), text...), `sb.yaml:4:5: slide 1: unknown key "duraton"`},
		{"BOM and CRLF", append([]byte("\xef\xbb\xbf"), crlf...), `sb.yaml:4:5: slide 1: unknown key "duraton"`},
		{"UTF-16 LE with BOM", utf16Bytes(text, false, true), `sb.yaml:4:5: slide 1: unknown key "duraton"`},
		{"UTF-16 BE with BOM", utf16Bytes(crlf, true, true), `sb.yaml:4:5: slide 1: unknown key "duraton"`},
		{"UTF-16 without BOM", utf16Bytes(text, false, false), "sb.yaml: the file looks like UTF-16 without a byte-order mark: save it as UTF-8"},
		{"invalid UTF-8 in a value", []byte("slides:\n  - photo: caf\xe9.jpg\n"), "sb.yaml:2:15: not valid UTF-8 (byte 0xe9): save the file as UTF-8"},
		{"tab in indentation", []byte("slides:\n  - photo: a.jpg\n\t- photo: b.jpg\n"), "sb.yaml:3:1: YAML indents with spaces, not tabs: replace the tab at line 3 with spaces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("sb.yaml", tt.src)
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v, want problems", err)
			}
			if got := se.Problems[0].String(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("first problem\n  %s\nwant\n  %s", got, tt.want)
			}
			if strings.ContainsRune(err.Error(), 0) || strings.Contains(err.Error(), "\ufffd") {
				t.Errorf("message echoes bytes that are not text:\n%q", err)
			}
		})
	}
	// Accepted encodings give the same storyboard as plain UTF-8.
	good := "output: {fps: 25}\nslides:\n  - photo: a.jpg\n    duration: 2s\n  - {photo: 'tab\there.jpg'}\n"
	want, err := Parse("sb.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string][]byte{
		"BOM and LF":         append([]byte("\xef\xbb\xbf"), good...),
		"BOM and CRLF":       append([]byte("\xef\xbb\xbf"), strings.ReplaceAll(good, "\n", "\r\n")...),
		"UTF-16 LE with BOM": utf16Bytes(good, false, true),
		"UTF-16 BE with BOM": utf16Bytes(good, true, true),
	} {
		t.Run("same storyboard/"+name, func(t *testing.T) {
			sb, err := Parse("sb.yaml", src)
			if err != nil {
				t.Fatal(err)
			}
			if len(sb.Slides) != 2 || sb.Slides[1].Photo != "tab\there.jpg" || *sb.Slides[0].Setting.Duration != *want.Slides[0].Setting.Duration ||
				sb.Slides[0].PosOf("duration") != want.Slides[0].PosOf("duration") {
				t.Errorf("got slides %+v, want %+v", sb.Slides, want.Slides)
			}
		})
	}
}
