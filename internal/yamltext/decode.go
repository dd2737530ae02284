// Package yamltext prepares YAML files as editors save them for the YAML
// parser, and explains the text problems the parser reports poorly.
//
// Decode accepts a UTF-8 byte-order mark and UTF-16 with a byte-order mark,
// refuses text that is not UTF-8 with a position, and turns CRLF and CR line
// breaks into LF. TabIndent finds a tab used for indentation, which YAML does
// not allow but which the parser reports only as an unexpected character.
package yamltext

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// Error is a problem with the text itself, at a position.
type Error struct {
	// Line and Col are 1-based; Col counts characters, not bytes. Line is
	// 0 when the problem is with the whole file, such as its encoding.
	Line, Col int
	Msg       string
}

// Error returns "line:col: msg", or just msg for a problem without a
// position; the caller prefixes the file name.
func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

const bom = "\uFEFF"

// sniffLen is how much of the start of a file is enough to recognise UTF-16
// without a byte-order mark: storyboards start with ASCII keys.
const sniffLen = 512

// Decode turns the bytes of a YAML file as an editor saved them into the
// UTF-8 text the YAML parser reads.
//
// A UTF-8 byte-order mark at the start is dropped, so line and column count
// from after it. UTF-16 with a byte-order mark is decoded, and positions are
// then in characters of the decoded text; UTF-16 without one, UTF-32, bytes
// that are not UTF-8 and NUL bytes are refused with an *Error. CRLF and lone
// CR line breaks become LF, because the YAML parser counts a lone CR as a
// line break and the caller quotes source lines split on LF.
//
// The result may share memory with src.
func Decode(src []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}):
		// Checked before UTF-16, whose little-endian mark is a prefix of this one.
		return nil, &Error{Msg: "the file is in UTF-32: save it as UTF-8"}
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		return decodeUTF16(src, unicode.LittleEndian)
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return decodeUTF16(src, unicode.BigEndian)
	case looksUTF16(src):
		return nil, &Error{Msg: "the file looks like UTF-16 without a byte-order mark: save it as UTF-8"}
	}
	return decodeUTF8(src)
}

func decodeUTF16(src []byte, order unicode.Endianness) ([]byte, error) {
	if len(src)%2 != 0 {
		return nil, &Error{Msg: "the file starts like UTF-16 but has an odd number of bytes: save it as UTF-8"}
	}
	// Unpaired surrogates become U+FFFD, as the Unicode standard recommends;
	// they cannot come from an editor that saved text it could show.
	text, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(src)
	if err != nil {
		return nil, &Error{Msg: fmt.Sprintf("cannot decode UTF-16 (%v): save the file as UTF-8", err)}
	}
	return decodeUTF8(text)
}

// looksUTF16 reports whether src is likely UTF-16 without a byte-order mark:
// ASCII text in UTF-16 has a zero byte in nearly every pair, all at even
// offsets (big-endian) or all at odd ones (little-endian).
func looksUTF16(src []byte) bool {
	head := src[:min(len(src), sniffLen)]
	pairs := len(head) / 2
	if pairs == 0 {
		return false
	}
	var even, odd int
	for i, b := range head[:2*pairs] {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	// Most pairs zero on one side and few on the other: a UTF-8 file with a
	// stray NUL is refused later, with a position.
	return (2*even >= pairs && 8*odd < pairs) || (2*odd >= pairs && 8*even < pairs)
}

// decodeUTF8 drops leading byte-order marks, checks the text is UTF-8
// without NUL, and normalises line breaks.
func decodeUTF8(src []byte) ([]byte, error) {
	// Every leading mark goes, not just one, so Decode is idempotent.
	for bytes.HasPrefix(src, []byte(bom)) {
		src = src[len(bom):]
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// The byte is named, never echoed: it would show as mojibake.
			return nil, &Error{Line: line, Col: col, Msg: fmt.Sprintf("not valid UTF-8 (byte 0x%02x): save the file as UTF-8", src[i])}
		case r == 0:
			return nil, &Error{Line: line, Col: col, Msg: "a NUL byte (0x00) is not text: save the file as UTF-8"}
		case r == '\n', r == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			line, col = line+1, 1
		case r == '\r':
			// The CR of a CRLF: the LF that follows ends the line.
		default:
			col++
		}
		i += size
	}
	return normalizeNewlines(src), nil
}

// normalizeNewlines turns CRLF and lone CR line breaks into LF.
func normalizeNewlines(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}
