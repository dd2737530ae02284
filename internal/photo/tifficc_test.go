package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/image/tiff"
)

// byteOrder reads and appends in one byte order.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// rgbTIFF writes an uncompressed 8-bit RGB TIFF of img in byte order bo,
// with the ICC profile in tag 34675 unless profile is nil. Go's TIFF
// encoder writes no profile, so the test lays out the IFD itself.
func rgbTIFF(img *image.NRGBA, bo byteOrder, profile []byte) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32 // the value, or the offset of the data
		data     []byte // data that does not fit in the entry
	}
	pixels := rgbOf(img)
	bits := bo.AppendUint16(bo.AppendUint16(bo.AppendUint16(nil, 8), 8), 8)
	entries := []entry{
		{256, 4, 1, uint32(w), nil},                       // ImageWidth
		{257, 4, 1, uint32(h), nil},                       // ImageLength
		{258, 3, 3, 0, bits},                              // BitsPerSample
		{259, 3, 1, 1, nil},                               // Compression: none
		{262, 3, 1, 2, nil},                               // PhotometricInterpretation: RGB
		{273, 4, 1, 0, pixels},                            // StripOffsets
		{277, 3, 1, 3, nil},                               // SamplesPerPixel
		{278, 4, 1, uint32(h), nil},                       // RowsPerStrip
		{279, 4, 1, uint32(len(pixels)), nil},             // StripByteCounts
		{284, 3, 1, 1, nil},                               // PlanarConfiguration: chunky
		{tiffICCTag, 7, uint32(len(profile)), 0, profile}, // InterColorProfile
	}
	if profile == nil {
		entries = entries[:len(entries)-1]
	}
	out := []byte("II*\x00")
	if bo == binary.BigEndian {
		out = []byte("MM\x00*")
	}
	out = bo.AppendUint32(out, 8)
	end := 8 + 2 + 12*len(entries) + 4
	var data []byte
	out = bo.AppendUint16(out, uint16(len(entries)))
	for _, e := range entries {
		out = bo.AppendUint16(bo.AppendUint16(out, e.tag), e.typ)
		out = bo.AppendUint32(out, e.count)
		switch {
		case e.data != nil:
			out = bo.AppendUint32(out, uint32(end+len(data)))
			data = append(data, e.data...)
			if len(data)%2 == 1 {
				data = append(data, 0) // offsets are even
			}
		case e.typ == 3:
			out = bo.AppendUint16(bo.AppendUint16(out, uint16(e.value)), 0)
		default:
			out = bo.AppendUint32(out, e.value)
		}
	}
	out = bo.AppendUint32(out, 0) // no next IFD
	return append(out, data...)
}

// flat is a w x h picture of one colour.
func flat(w, h int, c [3]uint8) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{c[0], c[1], c[2], 255})
	}
	return img
}

// TestTIFFICC loads TIFFs whose profile is in tag 34675: a saturated
// colour must land on its published sRGB value (see TestICCConversion),
// in both byte orders, and an untagged or sRGB-tagged TIFF keeps its
// values. Without the conversion Adobe RGB's (219,0,0) would stay 36
// levels short of sRGB red.
func TestTIFFICC(t *testing.T) {
	tests := []struct {
		name    string
		bo      byteOrder
		profile []byte
		in      [3]uint8
		want    [3]uint8
	}{
		{"Adobe RGB red, little endian", binary.LittleEndian, adobeRGBProfile(), [3]uint8{219, 0, 0}, [3]uint8{255, 0, 0}},
		{"Adobe RGB green, big endian", binary.BigEndian, adobeRGBProfile(), [3]uint8{144, 255, 60}, [3]uint8{0, 255, 0}},
		{"Display P3 red", binary.LittleEndian, displayP3Profile(), [3]uint8{234, 51, 35}, [3]uint8{255, 0, 0}},
		{"untagged", binary.LittleEndian, nil, [3]uint8{219, 0, 0}, [3]uint8{219, 0, 0}},
		{"sRGB", binary.BigEndian, srgbProfile(), [3]uint8{144, 255, 60}, [3]uint8{144, 255, 60}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "photo.tif")
			if err := os.WriteFile(path, rgbTIFF(flat(12, 8, tc.in), tc.bo, tc.profile), 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			img, err := Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			got := img.NRGBAAt(5, 4)
			for k, v := range []uint8{got.R, got.G, got.B} {
				if absDiff(v, tc.want[k]) > 3 {
					t.Fatalf("%v loaded as %v, want about %v", tc.in, got, tc.want)
				}
			}
		})
	}
}

// TestTIFFICCLittleCMS has Little CMS's tificc convert an sRGB picture to
// Adobe RGB and embed that profile (-e), as an editor exporting a TIFF
// does: Load must give the sRGB picture back. The rounding of two 8-bit
// conversions stays under a level on average; loading the file without
// its profile gives 12.
func TestTIFFICCLittleCMS(t *testing.T) {
	needTool(t, "tificc", "liblcms2-utils")
	dir := t.TempDir()
	src := gradientPicture(64, 48)
	var buf bytes.Buffer
	if err := tiff.Encode(&buf, src, nil); err != nil {
		t.Fatal(err)
	}
	in, out, prof := filepath.Join(dir, "srgb.tif"), filepath.Join(dir, "adobe.tif"), filepath.Join(dir, "adobe.icc")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prof, adobeRGBProfile(), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command("tificc", "-e", "-o"+prof, in, out).CombinedOutput(); err != nil {
		t.Fatalf("tificc: %v: %s", err, msg)
	}
	info, err := Probe(out, 0)
	if err != nil {
		t.Fatalf("Probe: %v", err)
	}
	img, err := Load(info, color.Black, 0, 0)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, err := tiff.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	ref := rgbOf(src)
	diff, untouched := meanDiff(img, ref), meanDiff(toNRGBA(raw), ref)
	t.Logf("mean difference from the sRGB source %.2f (the Adobe RGB values as they are: %.1f)", diff, untouched)
	if diff > 1 || untouched < 5 {
		t.Errorf("Load differs from the sRGB source by %.2f levels on average, want at most 1 (without the profile %.1f)", diff, untouched)
	}
}

// gradientPicture is a w x h picture that sweeps hue across and
// saturation down, so that a colour conversion touches every kind of
// colour.
func gradientPicture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r := uint8(255 * x / (w - 1))
			g := uint8(255 * y / (h - 1))
			b := uint8(255 - 255*(x+y)/(w+h-2))
			img.SetNRGBA(x, y, color.NRGBA{r, g, b, 255})
		}
	}
	return img
}

// toNRGBA converts any decoded image to NRGBA.
func toNRGBA(m image.Image) *image.NRGBA {
	b := m.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(x-b.Min.X, y-b.Min.Y, m.At(x, y))
		}
	}
	return out
}
