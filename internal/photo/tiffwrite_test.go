package photo

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"encoding/binary"
	"slices"
	"testing"
)

// tiffOpts is the layout of a TIFF file that writeTIFF makes. Go's TIFF
// encoder writes neither CMYK nor RGB without alpha, so the tests write
// their files themselves, byte by byte.
type tiffOpts struct {
	photometric  int // 2 RGB, 5 CMYK
	spp          int // samples per pixel
	bits         int // per sample: 8, or 16 to make a file that is refused
	compression  int
	predictor    int // 0 writes no Predictor tag
	rowsPerStrip int // 0 puts the whole picture in one strip
	orientation  int // 0 writes no Orientation tag
	bigEndian    bool
	tags         []tiffTag // more tags, e.g. an ICC profile or InkSet
}

// tiffTag is an IFD entry: SHORT (3) or LONG (4) vals, or UNDEFINED (7)
// raw bytes.
type tiffTag struct {
	id, typ uint16
	vals    []uint32
	raw     []byte
}

// writeTIFF returns a TIFF file of the w x h picture pix (spp samples of
// bits/8 bytes per pixel, rows one after another). The IFD comes first
// and the strips last, so that cutting the file cuts its image data.
//
// compress/lzw writes the LZW that TIFF readers expect only while its
// table stays under 511 codes (TIFF widens codes one code earlier), so
// LZW files need strips of fewer than 253 bytes.
func writeTIFF(t testing.TB, w, h int, pix []byte, o tiffOpts) []byte {
	t.Helper()
	var bo binary.AppendByteOrder = binary.LittleEndian
	magic := "II*\x00\x08\x00\x00\x00"
	if o.bigEndian {
		bo, magic = binary.BigEndian, "MM\x00*\x00\x00\x00\x08"
	}
	rowBytes := w * o.spp * o.bits / 8
	rps := o.rowsPerStrip
	if rps == 0 {
		rps = h
	}
	var strips [][]byte
	for y := 0; y < h; y += rps {
		s := slices.Clone(pix[y*rowBytes : min(y+rps, h)*rowBytes])
		if o.predictor == 2 {
			for row := s; len(row) > 0; row = row[rowBytes:] {
				for j := rowBytes - 1; j >= o.spp; j-- {
					row[j] -= row[j-o.spp]
				}
			}
		}
		strips = append(strips, compressStrip(t, s, o.compression))
	}
	offsets, counts := make([]uint32, len(strips)), make([]uint32, len(strips))
	for i, s := range strips {
		counts[i] = uint32(len(s))
	}
	bits := make([]uint32, o.spp)
	for i := range bits {
		bits[i] = uint32(o.bits)
	}
	short := func(id uint16, v ...uint32) tiffTag { return tiffTag{id: id, typ: 3, vals: v} }
	tags := []tiffTag{
		short(tagImageWidth, uint32(w)), short(tagImageLength, uint32(h)),
		short(tagBitsPerSample, bits...), short(tagCompression, uint32(o.compression)),
		short(tagPhotometric, uint32(o.photometric)),
		{id: tagStripOffsets, typ: 4, vals: offsets},
		short(tagSamplesPerPixel, uint32(o.spp)), short(tagRowsPerStrip, uint32(rps)),
		{id: tagStripByteCounts, typ: 4, vals: counts},
		short(tagPlanarConfig, 1),
	}
	if o.orientation != 0 {
		tags = append(tags, short(tagOrientation, uint32(o.orientation)))
	}
	if o.predictor != 0 {
		tags = append(tags, short(tagPredictor, uint32(o.predictor)))
	}
	tags = append(tags, o.tags...)
	// Stable, so that a tag in o.tags replaces the one written above: the
	// reader keeps the last of two entries for a tag.
	slices.SortStableFunc(tags, func(a, b tiffTag) int { return int(a.id) - int(b.id) })
	// The strips start after the IFD and its values, whose size does not
	// depend on the offsets: lay it out once to learn where.
	start := len(ifdBytes(bo, magic, tags))
	for i, s := range strips {
		offsets[i] = uint32(start)
		start += len(s)
	}
	file := ifdBytes(bo, magic, tags)
	for _, s := range strips {
		file = append(file, s...)
	}
	return file
}

// ifdBytes is the header and the IFD of tags, followed by the values
// that do not fit in their entries.
func ifdBytes(bo binary.AppendByteOrder, magic string, tags []tiffTag) []byte {
	out := []byte(magic)
	out = bo.AppendUint16(out, uint16(len(tags)))
	extAt := len(out) + 12*len(tags) + 4
	var ext []byte
	for _, tg := range tags {
		data := tg.raw
		for _, v := range tg.vals {
			if tg.typ == 3 {
				data = bo.AppendUint16(data, uint16(v))
			} else {
				data = bo.AppendUint32(data, v)
			}
		}
		count := len(tg.vals)
		if tg.typ == 7 {
			count = len(tg.raw)
		}
		out = bo.AppendUint16(out, tg.id)
		out = bo.AppendUint16(out, tg.typ)
		out = bo.AppendUint32(out, uint32(count))
		if len(data) <= 4 {
			out = append(out, append(data, make([]byte, 4-len(data))...)...)
			continue
		}
		out = bo.AppendUint32(out, uint32(extAt+len(ext)))
		ext = append(ext, data...)
		if len(ext)%2 == 1 {
			ext = append(ext, 0) // values start on a word boundary
		}
	}
	out = bo.AppendUint32(out, 0) // no next IFD
	return append(out, ext...)
}

// compressStrip compresses one strip with a TIFF compression scheme.
func compressStrip(t testing.TB, s []byte, compression int) []byte {
	t.Helper()
	var buf bytes.Buffer
	switch compression {
	case compressionNone:
		return s
	case compressionLZW:
		if len(s) >= 253 {
			t.Fatalf("LZW strip of %d bytes: compress/lzw is TIFF's LZW only under 253", len(s))
		}
		z := lzw.NewWriter(&buf, lzw.MSB, 8)
		z.Write(s)
		z.Close()
	case compressionDeflate, compressionDeflate0:
		z := zlib.NewWriter(&buf)
		z.Write(s)
		z.Close()
	case compressionPackBits:
		return packBits(s)
	default:
		t.Fatalf("writeTIFF cannot compress with %d", compression)
	}
	return buf.Bytes()
}

// packBits encodes s with PackBits: runs of three or more equal bytes as
// repeats, the rest as literals.
func packBits(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); {
		run := 1
		for i+run < len(s) && run < 128 && s[i+run] == s[i] {
			run++
		}
		if run >= 3 {
			out = append(out, byte(int8(1-run)), s[i])
			i += run
			continue
		}
		j := i
		for j < len(s) && j-i < 128 && !(j+2 < len(s) && s[j] == s[j+1] && s[j] == s[j+2]) {
			j++
		}
		out = append(out, byte(j-i-1))
		out = append(out, s[i:j]...)
		i = j
	}
	return out
}
