package photo

import (
	"encoding/binary"
	"io"
	"strings"
	"unicode/utf16"
)

// XPTitle is the Windows title tag of IFD0 (0x9C9B), which Windows
// Explorer and many photo managers write, as UCS-2 little-endian bytes;
// the EXIF reader kenburns uses does not decode it.
const tagXPTitle = 0x9c9b

// jpegXPTitle returns the XPTitle of a JPEG's EXIF, or "".
func jpegXPTitle(r io.Reader) string {
	var buf [4]byte
	if _, err := io.ReadFull(r, buf[:2]); err != nil || buf[0] != 0xff || buf[1] != 0xd8 {
		return ""
	}
	for {
		if _, err := io.ReadFull(r, buf[:4]); err != nil || buf[0] != 0xff {
			return ""
		}
		marker := buf[1]
		n := int(binary.BigEndian.Uint16(buf[2:])) - 2
		if marker == 0xda || marker == 0xd9 || n < 0 {
			return ""
		}
		if marker != 0xe1 {
			if _, err := io.CopyN(io.Discard, r, int64(n)); err != nil {
				return ""
			}
			continue
		}
		seg := make([]byte, n)
		if _, err := io.ReadFull(r, seg); err != nil {
			return ""
		}
		if t, ok := strings.CutPrefix(string(seg), "Exif\x00\x00"); ok {
			return tiffXPTitle([]byte(t))
		}
	}
}

// tiffXPTitle finds XPTitle in the first IFD of TIFF-structured EXIF.
func tiffXPTitle(b []byte) string {
	if len(b) < 8 {
		return ""
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return ""
	}
	off := int(bo.Uint32(b[4:]))
	if off < 8 || off+2 > len(b) {
		return ""
	}
	count := int(bo.Uint16(b[off:]))
	for i := 0; i < count; i++ {
		e := off + 2 + 12*i
		if e+12 > len(b) {
			return ""
		}
		if bo.Uint16(b[e:]) != tagXPTitle {
			continue
		}
		// Type BYTE (1), count bytes, inline when 4 or fewer.
		n := int(bo.Uint32(b[e+4:]))
		data := b[e+8 : e+12]
		if n > 4 {
			at := int(bo.Uint32(b[e+8:]))
			if at < 0 || n > len(b) || at > len(b)-n {
				return ""
			}
			data = b[at : at+n]
		} else {
			data = data[:n]
		}
		u := make([]uint16, len(data)/2)
		for j := range u {
			u[j] = binary.LittleEndian.Uint16(data[2*j:])
		}
		return strings.TrimSpace(strings.TrimRight(string(utf16.Decode(u)), "\x00"))
	}
	return ""
}
