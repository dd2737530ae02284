package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disintegration/imaging"
)

// knownInks are the first pixels of inkPicture with the colour anyone
// expects on paper: no ink is white, and each ink alone is its colour.
var knownInks = []struct {
	ink color.CMYK
	rgb [3]uint8
}{
	{color.CMYK{0, 0, 0, 0}, [3]uint8{255, 255, 255}},
	{color.CMYK{255, 0, 0, 0}, [3]uint8{0, 255, 255}},
	{color.CMYK{0, 255, 0, 0}, [3]uint8{255, 0, 255}},
	{color.CMYK{0, 0, 255, 0}, [3]uint8{255, 255, 0}},
	{color.CMYK{0, 0, 0, 255}, [3]uint8{0, 0, 0}},
	{color.CMYK{255, 255, 255, 255}, [3]uint8{0, 0, 0}},
}

// inkPicture is a w x h picture of ink amounts: knownInks in the first
// row, then every ink varying across the picture.
func inkPicture(w, h int) *image.CMYK {
	m := image.NewCMYK(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.CMYK{uint8(x * 255 / (w - 1)), uint8(y * 255 / (h - 1)), uint8(x * y * 7), uint8((x + 3*y) * 11)}
			if y == 0 && x < len(knownInks) {
				c = knownInks[x].ink
			}
			m.SetCMYK(x, y, c)
		}
	}
	return m
}

// TestCMYKTIFFUntagged reads CMYK TIFFs without a profile in every layout
// tiffcmyk.go supports: Load must give exactly the plain conversion of
// the inks (image/color's, which untagged CMYK JPEGs get), upright.
func TestCMYKTIFFUntagged(t *testing.T) {
	const w, h = 13, 9 // odd, so that rows and strips do not line up
	inks := inkPicture(w, h)
	cmyk := tiffOpts{photometric: photometricSeparated, spp: 4, bits: 8, compression: compressionNone}
	with := func(f func(*tiffOpts)) tiffOpts { o := cmyk; f(&o); return o }
	tests := []struct {
		name string
		opts tiffOpts
	}{
		{"uncompressed", cmyk},
		{"big-endian, strips of one row", with(func(o *tiffOpts) { o.bigEndian, o.rowsPerStrip = true, 1 })},
		{"LZW", with(func(o *tiffOpts) { o.compression, o.rowsPerStrip = compressionLZW, 2 })},
		{"LZW with predictor", with(func(o *tiffOpts) { o.compression, o.predictor, o.rowsPerStrip = compressionLZW, 2, 4 })},
		{"Deflate with predictor", with(func(o *tiffOpts) { o.compression, o.predictor = compressionDeflate, 2 })},
		{"Adobe Deflate", with(func(o *tiffOpts) { o.compression, o.rowsPerStrip = compressionDeflate0, 5 })},
		{"PackBits", with(func(o *tiffOpts) { o.compression, o.rowsPerStrip = compressionPackBits, 3 })},
		{"rotated", with(func(o *tiffOpts) { o.compression, o.orientation = compressionDeflate, 6 })},
		{"InkSet CMYK", with(func(o *tiffOpts) { o.tags = []tiffTag{{id: tagInkSet, typ: 3, vals: []uint32{1}}} })},
	}
	want := image.NewNRGBA(inks.Rect)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := inks.CMYKAt(x, y)
			r, g, b := color.CMYKToRGB(c.C, c.M, c.Y, c.K)
			want.SetNRGBA(x, y, color.NRGBA{r, g, b, 255})
		}
	}
	for i, k := range knownInks {
		if p := want.Pix[4*i : 4*i+3]; [3]uint8(p) != k.rgb {
			t.Fatalf("the plain conversion of %v is %v, not %v", k.ink, p, k.rgb)
		}
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".tif")
			if err := os.WriteFile(path, writeTIFF(t, w, h, inks.Pix, tc.opts), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Setenv("PATH", t.TempDir()) // untagged CMYK runs no program
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			upright := want
			if tc.opts.orientation != 0 {
				upright = Orient(want, tc.opts.orientation)
			}
			if info.Format != "tiff" || info.Orientation != max(tc.opts.orientation, 1) ||
				info.Width != upright.Rect.Dx() || info.Height != upright.Rect.Dy() {
				t.Fatalf("Probe = %+v, want an upright %dx%d TIFF with orientation %d", info, upright.Rect.Dx(), upright.Rect.Dy(), max(tc.opts.orientation, 1))
			}
			img, err := Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if d := meanDiff(img, rgbOf(upright)); d != 0 {
				t.Errorf("Load differs from the plain conversion by %.3f levels on average, want 0", d)
			}
		})
	}
}

// TestCMYKTIFFProfile separates an sRGB picture into CMYK through a
// printing profile with Little CMS's tificc, embedding the profile (-e),
// as a prepress export does; tificc keeps the input's compression, so
// that LZW and Deflate come from libtiff itself. Load must show what
// Little CMS gives converting the file back to sRGB (tificc again)
// within a level on average, and be near the sRGB original, where the
// plain inversion is far off (measured: 0.06, 3.4 and 31). Without transicc, Probe refuses the file.
func TestCMYKTIFFProfile(t *testing.T) {
	needTool(t, "transicc", "liblcms2-utils")
	needTool(t, "tificc", "liblcms2-utils")
	prof := needCMYKProfile(t)
	const w, h = 64, 48
	// Muted colours, inside the printing gamut, so that the round trip
	// can come back close to the original.
	rgb := rgbOf(gradientPicture(w, h))
	for i, v := range rgb {
		rgb[i] = 64 + v/2
	}
	dir := t.TempDir()
	file := func(name string) string { return filepath.Join(dir, name) }
	run := func(args ...string) {
		t.Helper()
		if msg, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v: %s", args, err, msg)
		}
	}
	for _, tc := range []struct {
		name string
		opts tiffOpts
	}{
		{"Deflate", tiffOpts{compression: compressionDeflate}},
		{"LZW", tiffOpts{compression: compressionLZW, rowsPerStrip: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.photometric, o.spp, o.bits = 2, 3, 8
			if err := os.WriteFile(file("srgb.tif"), writeTIFF(t, w, h, rgb, o), 0o644); err != nil {
				t.Fatal(err)
			}
			run("tificc", "-e", "-o"+prof, file("srgb.tif"), file("cmyk.tif"))
			run("tificc", file("cmyk.tif"), file("back.tif"))
			info, err := Probe(file("cmyk.tif"), 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			img, err := Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			f, err := os.Open(file("cmyk.tif"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ct, err := readCMYKTIFF(f)
			if err != nil || ct == nil || ct.compression != o.compression {
				t.Fatalf("tificc wrote %+v (%v), want a CMYK TIFF with compression %d", ct, err, o.compression)
			}
			inks, err := ct.decode(f)
			if err != nil {
				t.Fatal(err)
			}
			plain := imaging.Clone(inks)
			back := rgbOf(toNRGBA(decodeFile(t, file("back.tif"))))
			lcms, orig, inverted := meanDiff(img, back), meanDiff(img, rgb), meanDiff(plain, rgb)
			t.Logf("mean difference from Little CMS's conversion %.2f, from the sRGB original %.2f (plain inversion %.1f)", lcms, orig, inverted)
			if lcms > 1 || orig > 6 || inverted < 15 {
				t.Errorf("Load is %.2f levels from Little CMS's conversion (want at most 1) and %.2f from the original (want at most 6, plain inversion %.1f)", lcms, orig, inverted)
			}
		})
	}
	t.Run("no transicc", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := Probe(file("cmyk.tif"), 0)
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "apt-get install liblcms2-utils") {
			t.Errorf("Probe without transicc = %v, want ErrUnsupported naming `apt-get install liblcms2-utils`", err)
		}
	})
	t.Run("16-bit", func(t *testing.T) {
		run("tificc", "-w16", "-e", "-o"+prof, file("srgb.tif"), file("cmyk16.tif"))
		_, err := Probe(file("cmyk16.tif"), 0)
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("Probe of a 16-bit CMYK TIFF = %v, want ErrUnsupported", err)
		}
		checkMessage(t, err, "CMYK TIFF with 16 bits per ink; save it again as 8-bit CMYK", file("cmyk16.tif"))
	})
}

// TestCMYKTIFFBad feeds damaged CMYK TIFFs and layouts tiffcmyk.go does
// not read: each gives one clear line, from Probe where the header tells,
// from Load where only the image data does, never a panic or a partly
// grey picture.
func TestCMYKTIFFBad(t *testing.T) {
	const w, h = 13, 9
	inks := inkPicture(w, h)
	cmyk := tiffOpts{photometric: photometricSeparated, spp: 4, bits: 8, compression: compressionNone}
	with := func(f func(*tiffOpts)) tiffOpts { o := cmyk; f(&o); return o }
	short := func(id uint16, v uint32) tiffTag { return tiffTag{id: id, typ: 3, vals: []uint32{v}} }
	file := func(o tiffOpts) []byte { return writeTIFF(t, w, h, inks.Pix, o) }
	whole := file(cmyk)
	deflate := file(with(func(o *tiffOpts) { o.compression = compressionDeflate }))
	for i := len(deflate) - 8; i < len(deflate); i++ {
		deflate[i] ^= 0x55 // the end of the strip and its checksum
	}
	lzwBad := file(with(func(o *tiffOpts) { o.compression, o.rowsPerStrip = compressionLZW, 2 }))
	lzwBad = append(lzwBad[:len(lzwBad)-20], bytes.Repeat([]byte{0xff}, 20)...) // codes past the table
	sixteen := make([]byte, 2*len(inks.Pix))
	tests := []struct {
		name   string
		data   []byte
		onLoad bool  // Probe accepts the header and Load must fail
		err    error // the sentinel error the error wraps
		want   string
	}{
		{"cut in its strips", whole[:len(whole)*3/4], false, ErrDamaged, "damaged TIFF: the file ends inside its image data"},
		{"corrupt Deflate", deflate, true, ErrDamaged, "damaged TIFF"},
		{"corrupt LZW", lzwBad, true, ErrDamaged, "damaged TIFF"},
		{"16-bit", writeTIFF(t, w, h, sixteen, with(func(o *tiffOpts) { o.bits = 16 })), false, ErrUnsupported, "CMYK TIFF with 16 bits per ink"},
		{"alpha", writeTIFF(t, w, h, make([]byte, 5*w*h), with(func(o *tiffOpts) { o.spp = 5 })), false, ErrUnsupported, "with 5 channels"},
		{"planar", file(with(func(o *tiffOpts) { o.tags = []tiffTag{short(tagPlanarConfig, 2)} })), false, ErrUnsupported, "stored in separate planes"},
		{"tiled", file(with(func(o *tiffOpts) { o.tags = []tiffTag{short(tagTileWidth, 16)} })), false, ErrUnsupported, "stored in tiles"},
		{"JPEG-compressed", file(with(func(o *tiffOpts) { o.tags = []tiffTag{short(tagCompression, 7)} })), false, ErrUnsupported, "with compression 7"},
		{"not CMYK inks", file(with(func(o *tiffOpts) { o.tags = []tiffTag{short(tagInkSet, 2)} })), false, ErrUnsupported, "inks other than CMYK"},
		{"0 rows per strip", file(with(func(o *tiffOpts) { o.tags = []tiffTag{short(tagRowsPerStrip, 0)} })), false, ErrDamaged, "0 rows per strip"},
		{"strips missing", file(with(func(o *tiffOpts) { o.tags = []tiffTag{short(tagRowsPerStrip, 1)} })), false, ErrDamaged, "lists 1 strips of image data, not the 9"},
		{"zero width", file(with(func(o *tiffOpts) { o.tags = []tiffTag{short(tagImageWidth, 0)} })), false, ErrDamaged, "invalid image size 0x9"},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".tif")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(path, 0)
			if tc.onLoad {
				if err != nil {
					t.Fatalf("Probe: %v; want it to accept the header", err)
				}
				if _, err = Load(info, color.Black, 0, 0); err == nil {
					t.Fatal("Load succeeded on damaged data; want an error, not a partly grey picture")
				}
			} else if err == nil {
				t.Fatal("Probe accepted it")
			}
			if !errors.Is(err, tc.err) {
				t.Errorf("error %q, want %v", err, tc.err)
			}
			checkMessage(t, err, tc.want, path)
		})
	}
}
