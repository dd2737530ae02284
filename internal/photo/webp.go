package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"io"

	"github.com/evanoberholster/imagemeta"
	"github.com/evanoberholster/imagemeta/exif2"
)

// studioYCbCrToNRGBA converts a lossy WebP picture to RGB. VP8 stores
// BT.601 "studio swing" YCbCr (Y in 16..235), as libwebp and ffmpeg decode
// it, but golang.org/x/image/webp returns it as an image.YCbCr, whose
// colour model is JPEG's full range: converted the standard way the photo
// would come out washed out (blacks at 9, whites at 248 on the corpus
// WebP). a is the alpha plane's image for a WebP with transparency, or nil.
func studioYCbCrToNRGBA(m *image.YCbCr, a *image.NYCbCrA) *image.NRGBA {
	b := m.Rect
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := out.Pix[(y-b.Min.Y)*out.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			// Fixed point with 16 fractional bits of the BT.601 limited
			// range matrix: 1.164, 1.596, 0.813, 0.391 and 2.018.
			yy := (int32(m.Y[m.YOffset(x, y)]) - 16) * 76284
			ci := m.COffset(x, y)
			cb, cr := int32(m.Cb[ci])-128, int32(m.Cr[ci])-128
			i := 4 * (x - b.Min.X)
			row[i] = clamp16(yy + 104595*cr)
			row[i+1] = clamp16(yy - 53281*cr - 25625*cb)
			row[i+2] = clamp16(yy + 132252*cb)
			row[i+3] = 255
			if a != nil {
				row[i+3] = a.A[a.AOffset(x, y)]
			}
		}
	}
	return out
}

// clamp16 rounds a 16.16 fixed-point value to a byte.
func clamp16(v int32) uint8 {
	v = (v + 1<<15) >> 16
	return uint8(min(max(v, 0), 255))
}

// decodeWebPExif reads the EXIF chunk of an extended WebP, where cameras
// and phones put the orientation and the capture date. The chunk holds a
// TIFF structure, after an "Exif\0\0" prefix in files from some tools.
func decodeWebPExif(r io.ReadSeeker) (exif2.Exif, error) {
	var buf [12]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil || string(buf[:4]) != "RIFF" || string(buf[8:]) != "WEBP" {
		return exif2.Exif{}, errors.New("not a WebP file")
	}
	for {
		if _, err := io.ReadFull(r, buf[:8]); err != nil {
			return exif2.Exif{}, err
		}
		n := int64(binary.LittleEndian.Uint32(buf[4:8]))
		if string(buf[:4]) == "EXIF" {
			if n > maxExifSize {
				return exif2.Exif{}, errors.New("EXIF chunk too large")
			}
			data := make([]byte, n)
			if _, err := io.ReadFull(r, data); err != nil {
				return exif2.Exif{}, err
			}
			return imagemeta.DecodeTiff(bytes.NewReader(bytes.TrimPrefix(data, []byte("Exif\x00\x00"))))
		}
		if _, err := io.CopyN(io.Discard, r, n+n&1); err != nil {
			return exif2.Exif{}, err
		}
	}
}
