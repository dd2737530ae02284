package photo

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"

	"golang.org/x/image/tiff/lzw"
)

// Go's TIFF decoder refuses CMYK (photometric "separated") outright, so
// the CMYK TIFFs prepress and print workflows export are read here: 8
// bits per ink, chunky, in strips, uncompressed or compressed with LZW,
// Deflate or PackBits, with or without the horizontal predictor. That is
// what Photoshop, Affinity, GIMP and libtiff write by default; the rarer
// layouts (16-bit, planar, tiled, JPEG-compressed, extra channels) are
// refused with a message saying how to re-save. Decoding here rather
// than converting the file with Little CMS's tificc keeps the pixels in
// Go, under the pixel budget, runs no program for untagged CMYK, and
// lets a tagged photo share the CMYK JPEG path: one transicc run for a
// grid, then interpolation (cmyk.go).

// TIFF tags of a CMYK TIFF's first image.
const (
	tagImageWidth      = 256
	tagImageLength     = 257
	tagBitsPerSample   = 258
	tagCompression     = 259
	tagPhotometric     = 262
	tagStripOffsets    = 273
	tagOrientation     = 274
	tagSamplesPerPixel = 277
	tagRowsPerStrip    = 278
	tagStripByteCounts = 279
	tagPlanarConfig    = 284
	tagPredictor       = 317
	tagTileWidth       = 322
	tagInkSet          = 332
	tagSampleFormat    = 339
)

// photometricSeparated is the PhotometricInterpretation of ink
// separations; with InkSet 1 (the default) they are C, M, Y, K amounts,
// 0 meaning no ink (unlike Adobe's CMYK JPEGs, which store them inverted).
const photometricSeparated = 5

// TIFF compression schemes read here.
const (
	compressionNone     = 1
	compressionLZW      = 5
	compressionDeflate  = 8
	compressionPackBits = 32773
	compressionDeflate0 = 32946 // the code Adobe used before 8 was assigned
)

// cmykTIFF is the layout of the first image of a CMYK TIFF.
type cmykTIFF struct {
	width, height int
	orientation   int // tag 274, 1..8
	compression   int
	predictor     int // 1 none, 2 horizontal differencing
	rowsPerStrip  int
	offsets       []int64 // of each strip in the file
	counts        []int64 // compressed bytes of each strip
}

// readConfig reads the header of a photo of any format: CMYK TIFFs here,
// the others with Go's decoders (decodeConfig). ct is the layout of a
// CMYK TIFF, nil for other photos.
func readConfig(r io.ReadSeeker) (cfg image.Config, format string, ct *cmykTIFF, err error) {
	ct, err = readCMYKTIFF(r)
	if err != nil {
		return image.Config{}, "tiff", nil, err
	}
	if ct != nil {
		return image.Config{ColorModel: color.CMYKModel, Width: ct.width, Height: ct.height}, "tiff", ct, nil
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return image.Config{}, "", nil, fmt.Errorf("cannot read: %w", err)
	}
	cfg, format, err = decodeConfig(r)
	return cfg, format, nil, err
}

// readCMYKTIFF reads the layout of a CMYK TIFF from its first IFD. It
// returns nil and no error for anything else, including a TIFF whose
// IFD cannot be read: Go's decoder then describes what is wrong with it.
// Every offset and count comes from the file, so each is checked against
// the file's size before it is used.
func readCMYKTIFF(r io.ReadSeeker) (*cmykTIFF, error) {
	var head [8]byte
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, nil
	}
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, nil
	}
	bo := tiffByteOrder(head[:])
	if bo == nil {
		return nil, nil
	}
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, nil
	}
	ifd := int64(bo.Uint32(head[4:]))
	var buf [2]byte
	if ifd+2 > size || readAt(r, ifd, buf[:]) != nil {
		return nil, nil
	}
	n := int64(bo.Uint16(buf[:]))
	if n > maxTIFFEntries || ifd+2+12*n > size {
		return nil, nil
	}
	raw := make([]byte, 12*n)
	if readAt(r, ifd+2, raw) != nil {
		return nil, nil
	}
	d := tiffDir{r: r, bo: bo, size: size, entries: map[uint16][]byte{}}
	for i := 0; i < len(raw); i += 12 {
		d.entries[bo.Uint16(raw[i:])] = raw[i+2 : i+12]
	}
	if p, err := d.scalar(tagPhotometric, 0); err != nil || p != photometricSeparated {
		return nil, nil
	}
	return d.cmykLayout()
}

// cmykLayout checks that the CMYK TIFF d describes is one this file can
// decode and returns its layout.
func (d *tiffDir) cmykLayout() (*cmykTIFF, error) {
	var v [10]int64
	tags := [...]struct {
		tag uint16
		def int64
	}{
		{tagImageWidth, 0}, {tagImageLength, 0}, {tagSamplesPerPixel, 1},
		{tagCompression, compressionNone}, {tagPredictor, 1}, {tagPlanarConfig, 1},
		{tagInkSet, 1}, {tagSampleFormat, 1}, {tagOrientation, 1}, {tagRowsPerStrip, 1<<32 - 1},
	}
	for i, t := range tags {
		x, err := d.scalar(t.tag, t.def)
		if err != nil {
			return nil, err
		}
		v[i] = x
	}
	w, h, spp, comp, pred, planar, inks, sfmt, orient, rps := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]
	if w <= 0 || h <= 0 || w > 1<<30 || h > 1<<30 {
		return nil, damagedTIFF(fmt.Sprintf("invalid image size %dx%d in its header", w, h))
	}
	switch {
	case inks != 1:
		return nil, unsupportedCMYK("separated into inks other than CMYK")
	case spp != 4:
		return nil, unsupportedCMYK(fmt.Sprintf("with %d channels (alpha or spot colours beside C, M, Y and K)", spp))
	case planar != 1:
		return nil, unsupportedCMYK("stored in separate planes")
	case sfmt != 1:
		return nil, unsupportedCMYK("with floating-point or signed inks")
	case d.entries[tagTileWidth] != nil:
		return nil, unsupportedCMYK("stored in tiles")
	}
	bits, err := d.values(tagBitsPerSample, 4)
	if err != nil {
		return nil, err
	}
	for _, b := range bits {
		if b != 8 {
			return nil, unsupportedCMYK(fmt.Sprintf("with %d bits per ink", b))
		}
	}
	switch comp {
	case compressionNone, compressionLZW, compressionDeflate, compressionDeflate0, compressionPackBits:
	default:
		return nil, unsupportedCMYK(fmt.Sprintf("with compression %d (JPEG is 7)", comp))
	}
	if pred != 1 && (pred != 2 || comp == compressionNone || comp == compressionPackBits) {
		return nil, unsupportedCMYK(fmt.Sprintf("with predictor %d", pred))
	}
	if rps <= 0 {
		return nil, damagedTIFF("0 rows per strip in its header")
	}
	rps = min(rps, h)
	strips := (h + rps - 1) / rps
	offsets, err := d.values(tagStripOffsets, strips)
	if err != nil {
		return nil, err
	}
	counts, err := d.values(tagStripByteCounts, strips)
	if err != nil {
		return nil, err
	}
	if int64(len(offsets)) != strips || int64(len(counts)) != strips {
		return nil, damagedTIFF(fmt.Sprintf("its header lists %d strips of image data, not the %d its size needs", min(len(offsets), len(counts)), strips))
	}
	for i := range offsets {
		if offsets[i]+counts[i] > d.size {
			return nil, &kindError{"damaged TIFF: the file ends inside its image data (truncated copy?); copy or export the photo again", ErrDamaged}
		}
	}
	if orient < 1 || orient > 8 {
		orient = 1
	}
	return &cmykTIFF{
		width: int(w), height: int(h), orientation: int(orient),
		compression: int(comp), predictor: int(pred), rowsPerStrip: int(rps),
		offsets: offsets, counts: counts,
	}, nil
}

// decode decodes the ink amounts of the CMYK TIFF r, strip by strip,
// straight into the picture.
func (ct *cmykTIFF) decode(r io.ReadSeeker) (*image.CMYK, error) {
	m := image.NewCMYK(image.Rect(0, 0, ct.width, ct.height))
	br := bufio.NewReader(nil)
	for i, off := range ct.offsets {
		y := i * ct.rowsPerStrip
		rows := min(ct.rowsPerStrip, ct.height-y)
		dst := m.Pix[y*m.Stride : (y+rows)*m.Stride]
		if _, err := r.Seek(off, io.SeekStart); err != nil {
			return nil, fmt.Errorf("cannot read: %w", err)
		}
		br.Reset(io.LimitReader(r, ct.counts[i]))
		if err := ct.decodeStrip(br, dst); err != nil {
			return nil, damaged("tiff", "image data", err)
		}
		if ct.predictor == 2 {
			for row := dst; len(row) > 0; row = row[m.Stride:] {
				for j := 4; j < m.Stride; j++ {
					row[j] += row[j-4]
				}
			}
		}
	}
	return m, nil
}

// decodeStrip decompresses one strip from src into dst, which it fills.
func (ct *cmykTIFF) decodeStrip(src *bufio.Reader, dst []byte) error {
	switch ct.compression {
	case compressionLZW:
		// TIFF's LZW widens its codes one code early, which
		// golang.org/x/image/tiff/lzw (unlike compress/lzw) expects.
		z := lzw.NewReader(src, lzw.MSB, 8)
		defer z.Close()
		_, err := io.ReadFull(z, dst)
		return err
	case compressionDeflate, compressionDeflate0:
		z, err := zlib.NewReader(src)
		if err != nil {
			return err
		}
		defer z.Close()
		if _, err = io.ReadFull(z, dst); err != nil {
			return err
		}
		// Read on to the end of the stream, which checks its checksum:
		// corrupt data would otherwise pass as wrong pixels.
		_, err = io.Copy(io.Discard, z)
		return err
	case compressionPackBits:
		return unpackBits(src, dst)
	}
	_, err := io.ReadFull(src, dst)
	return err
}

// unpackBits decompresses PackBits data (Apple's run-length code, TIFF
// compression 32773) from src until dst is full. A run that would pass
// the end of dst is cut there, as libtiff does.
func unpackBits(src io.ByteReader, dst []byte) error {
	for n := 0; n < len(dst); {
		b, err := src.ReadByte()
		if err != nil {
			return noEOF(err)
		}
		switch c := int8(b); {
		case c >= 0: // c+1 literal bytes
			for k := 0; k <= int(c) && n < len(dst); k++ {
				if dst[n], err = src.ReadByte(); err != nil {
					return noEOF(err)
				}
				n++
			}
		case c != -128: // the next byte 1-c times; -128 is a no-op
			v, err := src.ReadByte()
			if err != nil {
				return noEOF(err)
			}
			for k := 0; k < 1-int(c) && n < len(dst); k++ {
				dst[n] = v
				n++
			}
		}
	}
	return nil
}

// noEOF turns io.EOF, the end of a strip's data before its pixels, into
// io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// tiffDir is the first IFD of a TIFF file: each tag's 10 bytes of type,
// count and value or offset.
type tiffDir struct {
	r       io.ReadSeeker
	bo      binary.ByteOrder
	size    int64 // of the file
	entries map[uint16][]byte
}

// values returns the values of an unsigned integer tag (BYTE, SHORT or
// LONG), or nil if the tag is absent. limit bounds the count a valid file
// can have, so that a hostile one cannot make us allocate more.
func (d *tiffDir) values(tag uint16, limit int64) ([]int64, error) {
	e := d.entries[tag]
	if e == nil {
		return nil, nil
	}
	var width int64
	switch d.bo.Uint16(e) {
	case 1:
		width = 1
	case 3:
		width = 2
	case 4:
		width = 4
	default:
		return nil, damagedTIFF(fmt.Sprintf("tag %d has type %d, not an unsigned integer", tag, d.bo.Uint16(e)))
	}
	count := int64(d.bo.Uint32(e[2:]))
	if count > limit {
		return nil, damagedTIFF(fmt.Sprintf("tag %d has %d values, over the %d expected", tag, count, limit))
	}
	data := e[6:10]
	if count*width > 4 {
		off := int64(d.bo.Uint32(e[6:]))
		if off+count*width > d.size {
			return nil, damagedTIFF(fmt.Sprintf("tag %d points past the end of the file (truncated copy?)", tag))
		}
		data = make([]byte, count*width)
		if err := readAt(d.r, off, data); err != nil {
			return nil, fmt.Errorf("cannot read: %w", err)
		}
	}
	out := make([]int64, count)
	for i := range out {
		switch width {
		case 1:
			out[i] = int64(data[i])
		case 2:
			out[i] = int64(d.bo.Uint16(data[2*i:]))
		default:
			out[i] = int64(d.bo.Uint32(data[4*i:]))
		}
	}
	return out, nil
}

// scalar returns the first value of a tag, or def if it is absent.
func (d *tiffDir) scalar(tag uint16, def int64) (int64, error) {
	if d.entries[tag] == nil {
		return def, nil
	}
	v, err := d.values(tag, maxTIFFEntries)
	if err != nil {
		return 0, err
	}
	if len(v) == 0 {
		return 0, damagedTIFF(fmt.Sprintf("tag %d has no value", tag))
	}
	return v[0], nil
}

// readAt fills p from offset off of r.
func readAt(r io.ReadSeeker, off int64, p []byte) error {
	if _, err := r.Seek(off, io.SeekStart); err != nil {
		return err
	}
	_, err := io.ReadFull(r, p)
	return err
}

// damagedTIFF reports a CMYK TIFF whose header is inconsistent.
func damagedTIFF(what string) error {
	return fmt.Errorf("%w TIFF: %s; re-export the photo", ErrDamaged, what)
}

// unsupportedCMYK reports a CMYK TIFF in a layout this file does not read.
func unsupportedCMYK(what string) error {
	return fmt.Errorf("%w: CMYK TIFF %s; save it again as 8-bit CMYK (uncompressed, LZW or ZIP) or convert it to RGB", ErrUnsupported, what)
}
