package yamltext

import (
	"encoding/binary"
	"errors"
	"testing"
	"unicode/utf16"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

const story = "output: out.mp4\nslides:\n  - photo: é.jpg\n    duration: 2s\n"

// encodeUTF16 encodes s as UTF-16 in the given byte order, after a
// byte-order mark if withBOM.
func encodeUTF16(s string, order binary.AppendByteOrder, withBOM bool) []byte {
	if withBOM {
		s = bom + s
	}
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

func TestDecode(t *testing.T) {
	type pos struct {
		key, value string
		line, col  int // of the value
	}
	tests := []struct {
		name    string
		src     []byte
		want    string // the decoded text, if decoded
		at      []pos  // where the parser finds values in the decoded text
		wantErr string
	}{
		{name: "empty", src: nil, want: ""},
		{name: "BOM only", src: []byte(bom), want: ""},
		{name: "plain UTF-8", src: []byte(story), want: story,
			at: []pos{{"photo", "é.jpg", 3, 12}}},
		{name: "BOM and LF", src: []byte(bom + story), want: story,
			at: []pos{{"output", "out.mp4", 1, 9}, {"duration", "2s", 4, 15}}},
		{name: "BOM and CRLF", src: []byte(bom + "output: out.mp4\r\nslides:\r\n  - photo: é.jpg\r\n    duration: 2s\r\n"), want: story,
			at: []pos{{"output", "out.mp4", 1, 9}, {"duration", "2s", 4, 15}}},
		{name: "two BOMs", src: []byte(bom + bom + story), want: story},
		{name: "lone CR", src: []byte("output: out.mp4\rslides:\r  - photo: é.jpg\r    duration: 2s\r"), want: story,
			at: []pos{{"duration", "2s", 4, 15}}},
		{name: "UTF-16 LE with BOM", src: encodeUTF16(story, binary.LittleEndian, true), want: story,
			at: []pos{{"output", "out.mp4", 1, 9}, {"photo", "é.jpg", 3, 12}}},
		{name: "UTF-16 BE with BOM", src: encodeUTF16(story, binary.BigEndian, true), want: story,
			at: []pos{{"output", "out.mp4", 1, 9}, {"photo", "é.jpg", 3, 12}}},
		{name: "UTF-16 LE with BOM and CRLF", src: encodeUTF16("a: 1\r\nb: 2\r\n", binary.LittleEndian, true), want: "a: 1\nb: 2\n",
			at: []pos{{"b", "2", 2, 4}}},
		{name: "UTF-16 with astral character", src: encodeUTF16("a: 🎞 x\n", binary.LittleEndian, true), want: "a: 🎞 x\n"},
		// A double-quoted value with a tab comes last: see TestParserTabQuirks.
		{name: "tab in quoted string", src: []byte("b: 'p\tq'\na: \"x\ty\"\n"), want: "b: 'p\tq'\na: \"x\ty\"\n",
			at: []pos{{"b", "p\tq", 1, 4}, {"a", "x\ty", 2, 4}}},

		{name: "UTF-16 LE without BOM", src: encodeUTF16(story, binary.LittleEndian, false),
			wantErr: "the file looks like UTF-16 without a byte-order mark: save it as UTF-8"},
		{name: "UTF-16 BE without BOM", src: encodeUTF16(story, binary.BigEndian, false),
			wantErr: "the file looks like UTF-16 without a byte-order mark: save it as UTF-8"},
		{name: "UTF-16 with odd length", src: append(encodeUTF16("a: 1\n", binary.LittleEndian, true), 'x'),
			wantErr: "the file starts like UTF-16 but has an odd number of bytes: save it as UTF-8"},
		{name: "UTF-32", src: []byte{0xFF, 0xFE, 0, 0, 'a', 0, 0, 0},
			wantErr: "the file is in UTF-32: save it as UTF-8"},
		{name: "Latin-1 in a value", src: []byte("output: out.mp4\nslides:\n  - photo: caf\xe9.jpg\n"),
			wantErr: "3:15: not valid UTF-8 (byte 0xe9): save the file as UTF-8"},
		{name: "invalid after multi-byte characters", src: []byte("a: ééé\xff\n"),
			wantErr: "1:7: not valid UTF-8 (byte 0xff): save the file as UTF-8"},
		{name: "invalid after CRLF", src: []byte("a: 1\r\nb: \x80\r\n"),
			wantErr: "2:4: not valid UTF-8 (byte 0x80): save the file as UTF-8"},
		{name: "invalid after lone CR", src: []byte("a: 1\rb: \x80\r"),
			wantErr: "2:4: not valid UTF-8 (byte 0x80): save the file as UTF-8"},
		{name: "invalid after BOM", src: []byte(bom + "\xc3("),
			wantErr: "1:1: not valid UTF-8 (byte 0xc3): save the file as UTF-8"},
		{name: "NUL byte", src: []byte("a: 1\nb: x\x00y\n"),
			wantErr: "2:5: a NUL byte (0x00) is not text: save the file as UTF-8"},
		{name: "NUL in UTF-16", src: encodeUTF16("a: 1\nb: \x00\n", binary.BigEndian, true),
			wantErr: "2:4: a NUL byte (0x00) is not text: save the file as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.src)
			if tt.wantErr != "" {
				var te *Error
				if !errors.As(err, &te) {
					t.Fatalf("Decode = %q, %v; want *Error %q", got, err, tt.wantErr)
				}
				if err.Error() != tt.wantErr {
					t.Errorf("Decode error = %q, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if string(got) != tt.want {
				t.Fatalf("Decode = %q, want %q", got, tt.want)
			}
			if len(tt.at) == 0 {
				return
			}
			f, err := parser.ParseBytes(got, 0)
			if err != nil {
				t.Fatalf("parsing the decoded text: %v", err)
			}
			for _, p := range tt.at {
				v := valueOf(f, p.key)
				if v == nil {
					t.Errorf("no key %q", p.key)
					continue
				}
				tk := v.GetToken()
				if tk.Value != p.value || tk.Position.Line != p.line || tk.Position.Column != p.col {
					t.Errorf("%s: %q at %d:%d, want %q at %d:%d", p.key, tk.Value,
						tk.Position.Line, tk.Position.Column, p.value, p.line, p.col)
				}
			}
		})
	}
}

// valueOf returns the value of the first mapping entry whose key is key.
func valueOf(f *ast.File, key string) ast.Node {
	var found ast.Node
	for _, doc := range f.Docs {
		ast.Walk(visitFunc(func(n ast.Node) bool {
			if mv, ok := n.(*ast.MappingValueNode); ok && found == nil && mv.Key.GetToken().Value == key {
				found = mv.Value
			}
			return found == nil
		}), doc)
	}
	return found
}

type visitFunc func(ast.Node) bool

func (v visitFunc) Visit(n ast.Node) ast.Visitor {
	if !v(n) {
		return nil
	}
	return v
}
