package yamltext

import (
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf8"
)

func FuzzDecode(f *testing.F) {
	for _, s := range [][]byte{
		[]byte(story),
		[]byte(bom + story),
		[]byte(bom + "a: 1\r\nb: 2\r\n"),
		[]byte("a: 1\rb: 2\r"),
		[]byte(bom + bom + "a"),
		encodeUTF16(story, binary.LittleEndian, true),
		encodeUTF16(story, binary.BigEndian, true),
		encodeUTF16(story, binary.LittleEndian, false),
		encodeUTF16("a: \U0001F39E\r\n", binary.BigEndian, true),
		{0xFF, 0xFE, 0x00, 0xD8, 'a', 0}, // an unpaired surrogate
		{0xFF, 0xFE, 0, 0},
		[]byte("a: caf\xe9\n"),
		[]byte("a: \x00\n"),
		{},
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		text, err := Decode(src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Decode error %T, want *Error", err)
			}
			return
		}
		if !utf8.Valid(text) {
			t.Fatalf("Decode = %q, not UTF-8", text)
		}
		if bytes.ContainsAny(text, "\r\x00") {
			t.Fatalf("Decode = %q, with CR or NUL", text)
		}
		again, err := Decode(text)
		if err != nil || !bytes.Equal(again, text) {
			t.Fatalf("Decode(Decode(src)) = %q, %v; want %q", again, err, text)
		}
		TabIndent(text)
	})
}
