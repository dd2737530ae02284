package photo

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// addIrot returns the HEIF file data with an irot property of angle
// quarter turns anticlockwise added to its primary image: the ipco and
// ipma boxes grow, and the file offsets in iloc move by as much, since
// the media data follows the meta box.
func addIrot(t *testing.T, data []byte, angle int) []byte {
	t.Helper()
	top, err := children(data)
	if err != nil || len(top) < 3 || top[1].typ != "meta" {
		t.Fatalf("addIrot: want ftyp, meta, ...: %v", err)
	}
	meta := top[1].data
	boxes, err := children(meta[4:])
	if err != nil {
		t.Fatal(err)
	}
	var primary uint32
	for _, b := range boxes {
		if b.typ == "pitm" {
			primary = uint32(binary.BigEndian.Uint16(b.data[4:]))
		}
	}
	var out [][]byte
	var iloc []byte
	for _, b := range boxes {
		switch b.typ {
		case "iprp":
			sub, _ := children(b.data)
			var iprp []byte
			nprops := 0
			for _, s := range sub {
				switch s.typ {
				case "ipco":
					props, _ := children(s.data)
					nprops = len(props) + 1
					iprp = append(iprp, mkbox("ipco", append(bytes.Clone(s.data), mkbox("irot", []byte{byte(angle)})...))...)
				case "ipma":
					iprp = append(iprp, mkbox("ipma", ipmaAdd(t, s.data, primary, nprops))...)
				}
			}
			out = append(out, mkbox("iprp", iprp))
		case "iloc":
			iloc = bytes.Clone(b.data)
			out = append(out, nil) // filled in below, once the size is known
		default:
			out = append(out, mkbox(b.typ, b.data))
		}
	}
	grow := 0
	for _, b := range out {
		grow += len(b)
	}
	grow += 8 + len(iloc) - len(meta[4:])
	for i, b := range out {
		if b == nil {
			out[i] = mkbox("iloc", ilocShift(t, iloc, grow))
		}
	}
	newMeta := append([]byte(nil), meta[:4]...)
	newMeta = append(newMeta, bytes.Join(out, nil)...)
	file := mkbox(top[0].typ, top[0].data)
	file = append(file, mkbox("meta", newMeta)...)
	for _, b := range top[2:] {
		file = append(file, mkbox(b.typ, b.data)...)
	}
	return file
}

func mkbox(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(data)))
	return append(append(b, typ...), data...)
}

// ipmaAdd adds property index prop to item id in an ipma payload
// (version 0, 7-bit indexes, as heif-enc writes it).
func ipmaAdd(t *testing.T, data []byte, id uint32, prop int) []byte {
	if data[0] != 0 || data[3]&1 != 0 || prop > 127 {
		t.Fatal("addIrot knows only version 0 ipma boxes with 7-bit indexes")
	}
	out := bytes.Clone(data[:8])
	rest := data[8:]
	for i := 0; i < int(binary.BigEndian.Uint32(data[4:])); i++ {
		item, n := binary.BigEndian.Uint16(rest), int(rest[2])
		entry := bytes.Clone(rest[:3+n])
		if uint32(item) == id {
			entry[2]++
			entry = append(entry, byte(prop))
		}
		out = append(out, entry...)
		rest = rest[3+n:]
	}
	return out
}

// ilocShift moves every file offset of an iloc payload by d bytes.
func ilocShift(t *testing.T, p []byte, d int) []byte {
	version := p[0]
	offSize, lenSize, baseSize := int(p[4]>>4), int(p[4]&15), int(p[5]>>4)
	if version > 1 || baseSize != 4 && baseSize != 0 || offSize != 4 {
		t.Fatalf("addIrot knows only iloc version 0/1 with 4-byte offsets (got v%d, %d, %d)", version, offSize, baseSize)
	}
	shift := func(b []byte) { binary.BigEndian.PutUint32(b, uint32(int(binary.BigEndian.Uint32(b))+d)) }
	i, count := 8, int(binary.BigEndian.Uint16(p[6:]))
	for k := 0; k < count; k++ {
		i += 2
		method := 0
		if version == 1 {
			method = int(p[i+1] & 15)
			i += 2
		}
		i += 2 // data reference index
		if baseSize > 0 && method == 0 {
			shift(p[i:]) // extents are relative to the base
		}
		i += baseSize
		n := int(binary.BigEndian.Uint16(p[i:]))
		i += 2
		for e := 0; e < n; e++ {
			if method == 0 && baseSize == 0 {
				shift(p[i:])
			}
			i += offSize + lenSize
		}
	}
	return p
}
