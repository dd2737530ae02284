package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/kenburns/kenburns/internal/testenv"
)

// The HEIC and AVIF files of these tests are made here, never downloaded:
// a picture drawn in Go is written as PNG or JPEG (with an EXIF segment
// where the case needs one) and encoded with libheif's heif-enc (HEVC,
// package libheif-examples) or libavif's avifenc (AV1, package
// libavif-bin). heif-enc cannot write a rotation, so addIrot adds the
// irot property to the file it wrote, as a phone does.

// needTool skips a test when a program is missing on a developer's
// machine, and fails it in CI, which installs them all.
func needTool(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if testenv.InCI() {
			t.Fatalf("%s is missing: CI must install %s", name, pkg)
		}
		t.Skipf("%s is missing (apt-get install %s)", name, pkg)
	}
}

// encodeWith writes img as in (PNG, or JPEG with extra segments) in a
// temporary folder and runs tool with args, in and out; it returns the
// bytes written to out.
func encodeWith(t *testing.T, img image.Image, segments [][]byte, tool string, args ...string) []byte {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.png"), filepath.Join(dir, "out.heic")
	var data []byte
	if segments != nil {
		in = filepath.Join(dir, "in.jpg")
		data = jpegWithSegments(t, img, segments...)
	} else {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		data = buf.Bytes()
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if tool == "avifenc" {
		out = filepath.Join(dir, "out.avif")
	}
	args = append(args, in, out)
	if tool == "heif-enc" {
		args = append(args[:len(args)-2], "-o", out, in)
	}
	cmd := exec.Command(tool, args...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v: %s", tool, args, err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// exifPhoneSegment is an APP1 Exif segment with an orientation and a capture
// date, as a phone writes them.
func exifPhoneSegment(orientation int, taken string) []byte {
	var tiff bytes.Buffer
	be := binary.BigEndian
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, be, uint32(8))
	binary.Write(&tiff, be, uint16(2))
	binary.Write(&tiff, be, [6]uint16{0x0112, 3, 0, 1, uint16(orientation), 0}) // SHORT, inline
	binary.Write(&tiff, be, [4]uint16{0x8769, 4, 0, 1})                         // ExifIFDPointer, LONG
	binary.Write(&tiff, be, uint32(38))
	binary.Write(&tiff, be, uint32(0))
	binary.Write(&tiff, be, uint16(1)) // the Exif IFD, at 38
	binary.Write(&tiff, be, [2]uint16{0x9003, 2})
	binary.Write(&tiff, be, uint32(len(taken)+1))
	binary.Write(&tiff, be, uint32(56))
	binary.Write(&tiff, be, uint32(0))
	tiff.WriteString(taken + "\x00")
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	be.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// heifCase is one generated HEIC or AVIF file and the picture it shows.
type heifCase struct {
	name    string
	format  string
	data    []byte
	upright *image.NRGBA
	maxDiff float64
}

// heifCases encodes the quadrant picture in every way a phone or a
// browser stores it. maxDiff: the quadrants are flat colours, so lossy
// coding differs from them only along the edges, where 4:2:0 chroma
// bleeds over a pixel or two: under 2 levels on average at 64x48,
// against over 60 for a picture turned the wrong way.
func heifCases(t *testing.T) []heifCase {
	needTool(t, "heif-enc", "libheif-examples")
	needTool(t, "avifenc", "libavif-bin")
	u := uprightPicture(64, 48)
	const date = "2021:07:04 10:30:15"
	return []heifCase{
		{"heic", "heic", encodeWith(t, u, nil, "heif-enc", "-q", "95"), u, 2},
		// Stored as a camera held upright would see it, rotated by irot.
		{"heic irot", "heic", addIrot(t, encodeWith(t, storedPicture(u, 6), nil, "heif-enc", "-q", "95"), 3), u, 2},
		// A phone's: irot and an Exif orientation saying the same thing.
		// (From a JPEG, whose own loss adds under a level.)
		{"heic irot and exif 6", "heic", addIrot(t, encodeWith(t, storedPicture(u, 6), [][]byte{exifPhoneSegment(6, date)}, "heif-enc", "-q", "95"), 3), u, 3.5},
		// Exif orientation alone is informative in HEIF: not applied.
		{"heic exif 6 only", "heic", encodeWith(t, u, [][]byte{exifPhoneSegment(6, date)}, "heif-enc", "-q", "95"), u, 3.5},
		{"avif", "avif", encodeWith(t, u, nil, "avifenc", "--min", "0", "--max", "8", "-s", "10"), u, 2},
		{"avif irot", "avif", encodeWith(t, storedPicture(u, 8), nil, "avifenc", "--min", "0", "--max", "8", "-s", "10", "--irot", "1"), u, 2},
		{"avif irot imir", "avif", encodeWith(t, storedPicture(u, 7), nil, "avifenc", "--min", "0", "--max", "8", "-s", "10", "--irot", "1", "--imir", "1"), u, 2},
		{"avif clap", "avif", encodeWith(t, pad(u, 80, 64), nil, "avifenc", "--min", "0", "--max", "8", "-s", "10", "--crop", "0,0,64,48"), u, 2},
		{"avif 10-bit", "avif", encodeWith(t, u, nil, "avifenc", "--min", "0", "--max", "8", "-s", "10", "-d", "10"), u, 2},
	}
}

// pad puts img in the top left corner of a w x h picture of grey.
func pad(img *image.NRGBA, w, h int) *image.NRGBA {
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range out.Pix {
		out.Pix[i] = 128
	}
	for y := 0; y < img.Rect.Dy(); y++ {
		copy(out.Pix[y*out.Stride:], img.Pix[y*img.Stride:(y+1)*img.Stride])
	}
	return out
}

// TestHEIFUpright checks that every generated HEIC and AVIF is probed at
// its upright size from the header and loads upright, with the HEIF
// transforms applied exactly once.
func TestHEIFUpright(t *testing.T) {
	needTool(t, "heif-convert", "libheif-examples")
	dir := t.TempDir()
	for i, tc := range heifCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strconv.Itoa(i)+"."+tc.format)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			w, h := tc.upright.Rect.Dx(), tc.upright.Rect.Dy()
			if info.Format != tc.format || info.Width != w || info.Height != h || info.Orientation != 1 {
				t.Fatalf("Probe = %s %dx%d orientation %d, want %s %dx%d orientation 1", info.Format, info.Width, info.Height, info.Orientation, tc.format, w, h)
			}
			img, err := Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
				t.Fatalf("Load size %v, want %dx%d", b, w, h)
			}
			ref := rgbOf(tc.upright)
			diff, wrong := meanDiff(img, ref), meanDiff(imaging.Rotate180(img), ref)
			t.Logf("mean difference from the picture encoded %.2f (turned upside down %.1f)", diff, wrong)
			if diff > tc.maxDiff || diff*10 > wrong {
				t.Errorf("Load differs from the picture encoded by %.2f levels on average (max %.1f; upside down %.1f)", diff, tc.maxDiff, wrong)
			}
		})
	}
}

// rgbOf packs img as RGB, as meanDiff compares.
func rgbOf(img *image.NRGBA) []byte {
	out := make([]byte, 0, 3*len(img.Pix)/4)
	for i := 0; i < len(img.Pix); i += 4 {
		out = append(out, img.Pix[i:i+3]...)
	}
	return out
}

// TestHEIFTaken reads the Exif capture date of HEIC and AVIF files, made
// from a JPEG with an Exif segment, which both encoders copy.
func TestHEIFTaken(t *testing.T) {
	needTool(t, "heif-convert", "libheif-examples")
	needTool(t, "heif-enc", "libheif-examples")
	needTool(t, "avifenc", "libavif-bin")
	u := uprightPicture(32, 16)
	seg := [][]byte{exifPhoneSegment(1, "2021:07:04 10:30:15")}
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
	}{
		{"x.heic", encodeWith(t, u, seg, "heif-enc")},
		{"x.avif", encodeWith(t, u, seg, "avifenc", "-s", "10")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Taken.Format("2006-01-02 15:04:05"); got != "2021-07-04 10:30:15" || info.TakenFrom != TakenEXIF {
				t.Errorf("Taken = %s from %s, want 2021-07-04 10:30:15 from exif", got, info.TakenFrom)
			}
		})
	}
}

// TestHEIFBad: damaged HEIC and AVIF files are refused with one line
// saying so, from the header where it is damaged, or from heif-convert
// when the coded picture is; a HEIC needs heif-convert, and says how to
// install it when it is missing; and a header over the pixel budget is
// refused before anything is decoded.
func TestHEIFBad(t *testing.T) {
	needTool(t, "heif-convert", "libheif-examples")
	cases := heifCases(t)
	heic, avif := cases[0].data, cases[4].data
	corrupt := func(data []byte, what string) []byte {
		data = bytes.Clone(data)
		i := bytes.LastIndex(data, []byte(what)) // a grid's, after its tiles'

		if i < 0 {
			t.Fatalf("no %s box", what)
		}
		copy(data[i+8:], make([]byte, 8)) // the size in ispe: 0x0
		return data
	}
	// The coded picture: overwrite most of the media data with junk.
	junk := func(data []byte) []byte {
		data = bytes.Clone(data)
		i := bytes.Index(data, []byte("mdat"))
		for k := i + 12; k < len(data); k++ {
			data[k] = byte(k * 7)
		}
		return data
	}
	tests := []struct {
		name   string
		data   []byte
		path   string // PATH for the test, when it matters
		budget int
		probe  error // Probe's error, or nil if Load must fail
		want   string
	}{
		{"heic cut in its header", heic[:60], "", 0, ErrDamaged, "damaged HEIC: the file ends inside its meta box"},
		{"avif cut in its header", avif[:40], "", 0, ErrDamaged, "damaged AVIF: the file ends"},
		{"heic size 0x0", corrupt(heic, "ispe"), "", 0, ErrDamaged, "damaged HEIC: its primary image has no valid size"},
		{"avif size 0x0", corrupt(avif, "ispe"), "", 0, ErrDamaged, "damaged AVIF: its primary image has no valid size"},
		{"heic cut in its data", heic[:len(heic)*3/4], "", 0, nil, "damaged HEIC: heif-convert cannot decode it"},
		{"avif cut in its data", avif[:len(avif)*3/4], "", 0, nil, "damaged AVIF: heif-convert cannot decode it"},
		{"avif junk data", junk(avif), "", 0, nil, "damaged AVIF: heif-convert cannot decode it"},
		{"heic over the budget", heic, "", 1000, ErrTooLarge, "64x48 is 0 megapixels, over the limit"},
		{"heic without heif-convert", heic, t.TempDir(), 0, ErrUnsupported, "install it with `sudo apt-get install libheif-examples`"},
		{"avif without heif-convert", avif, t.TempDir(), 0, ErrUnsupported, "reading AVIF photos needs libheif's heif-convert"},
	}
	dir := t.TempDir()
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path != "" {
				t.Setenv("PATH", tc.path)
			}
			path := filepath.Join(dir, "photo"+strconv.Itoa(i))
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(path, tc.budget)
			if tc.probe == nil {
				if err != nil {
					t.Fatalf("Probe: %v; want it to accept the header", err)
				}
				_, err = Load(info, color.Black, 0, 0)
				if err == nil {
					t.Fatal("Load accepted it")
				}
				if !errors.Is(err, ErrDamaged) {
					t.Errorf("Load error %q is not ErrDamaged", err)
				}
			} else if err == nil {
				t.Fatal("Probe accepted it")
			} else if !errors.Is(err, tc.probe) {
				t.Errorf("Probe error %q, want %v", err, tc.probe)
			}
			checkMessage(t, err, tc.want, path)
		})
	}
}

// TestHEIFDisplayP3 encodes patches of Display P3 colours as a 10-bit
// AVIF tagged with nclx (primaries 12, sRGB curve 13) and as a HEIC with
// a Display P3 ICC profile:
// Load must give the sRGB colours a colour-managed viewer shows. P3's
// pure red is outside sRGB and must stay red (clipped to sRGB red, not
// another hue); P3 (234, 51, 35) is sRGB red exactly (CSS Color 4's
// color(display-p3 0.9175 0.2003 0.1386)), which a decoder ignoring the
// tag would show as (234, 51, 35); grey is grey in both.
func TestHEIFDisplayP3(t *testing.T) {
	needTool(t, "heif-convert", "libheif-examples")
	needTool(t, "heif-enc", "libheif-examples")
	needTool(t, "avifenc", "libavif-bin")
	patches := []struct {
		p3, srgb color.NRGBA
	}{
		{color.NRGBA{255, 0, 0, 255}, color.NRGBA{255, 0, 0, 255}},
		{color.NRGBA{234, 51, 35, 255}, color.NRGBA{255, 0, 0, 255}},
		{color.NRGBA{128, 128, 128, 255}, color.NRGBA{128, 128, 128, 255}},
	}
	src := image.NewNRGBA(image.Rect(0, 0, 32*len(patches), 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < src.Rect.Dx(); x++ {
			src.SetNRGBA(x, y, patches[x/32].p3)
		}
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"p3.avif", encodeWith(t, src, nil, "avifenc", "-d", "10", "--cicp", "12/13/6", "--min", "0", "--max", "4", "-s", "10")},
		// An iPhone tags its HEIC with a Display P3 ICC profile; heif-enc
		// copies the JPEG's. (heif-enc 1.15 writes no nclx colr box for
		// HEIC, only the HEVC stream's VUI, which Probe does not read.)
		{"p3.heic", encodeWith(t, src, [][]byte{iccSegment(withD50(displayP3Profile()))}, "heif-enc", "-q", "98")},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatal(err)
			}
			img, err := Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range patches {
				// The middle of the patch, away from 4:2:0 chroma edges.
				got := img.NRGBAAt(32*i+16, 16)
				d := max(levelDiff(got.R, p.srgb.R), levelDiff(got.G, p.srgb.G), levelDiff(got.B, p.srgb.B))
				t.Logf("P3 %v -> sRGB %v (want %v, off by %d)", p.p3, got, p.srgb, d)
				// 4 levels: lossy coding of a flat patch and 8-bit rounding
				// of the 10-bit samples; ignoring the tag is off by 51.
				if d > 4 {
					t.Errorf("P3 %v loaded as %v, want sRGB %v within 4 levels", p.p3, got, p.srgb)
				}
			}
		})
	}
}

// withD50 sets the PCS illuminant of a profile to D50, as the ICC
// standard requires and libpng, which heif-convert writes its PNG with,
// checks: with the field left zero, heif-convert writes an empty file.
func withD50(p []byte) []byte {
	for i, v := range []float64{0.9642, 1, 0.8249} {
		binary.BigEndian.PutUint32(p[68+4*i:], uint32(int32(v*65536+0.5)))
	}
	return p
}

// iccSegment is a JPEG APP2 segment holding a whole ICC profile.
func iccSegment(profile []byte) []byte {
	payload := append([]byte("ICC_PROFILE\x00\x01\x01"), profile...)
	seg := []byte{0xff, 0xe2, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

func levelDiff(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
