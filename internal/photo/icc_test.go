package photo

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// iccProfile writes a minimal ICC v2 RGB display profile: three colourants
// (D50 XYZ, columns red, green, blue) and one tone curve for all channels.
func iccProfile(colourants [3][3]float64, trc []byte) []byte {
	s15 := func(v float64) []byte {
		return binary.BigEndian.AppendUint32(nil, uint32(int32(v*65536+0.5*sign(v))))
	}
	type tag struct {
		sig  string
		data []byte
	}
	var tags []tag
	for c, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		d := []byte("XYZ \x00\x00\x00\x00")
		for k := 0; k < 3; k++ {
			d = append(d, s15(colourants[k][c])...)
		}
		tags = append(tags, tag{sig, d})
	}
	for _, sig := range []string{"rTRC", "gTRC", "bTRC"} {
		tags = append(tags, tag{sig, trc})
	}
	header := make([]byte, 128)
	copy(header[8:], "\x02\x10\x00\x00mntrRGB XYZ ")
	copy(header[36:], "acsp")
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	var data []byte
	off := 128 + 4 + 12*len(tags)
	for _, t := range tags {
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(off+len(data)))
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
		data = append(data, t.data...)
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
	}
	p := append(append(header, table...), data...)
	binary.BigEndian.PutUint32(p, uint32(len(p)))
	return p
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// gammaCurve is a curv tag for a pure power law.
func gammaCurve(g float64) []byte {
	return binary.BigEndian.AppendUint16([]byte("curv\x00\x00\x00\x00\x00\x00\x00\x01"), uint16(g*256+0.5))
}

// srgbCurve is a para tag (type 3) for the sRGB tone curve.
func srgbCurve() []byte {
	d := []byte("para\x00\x00\x00\x00\x00\x03\x00\x00")
	for _, v := range []float64{2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045} {
		d = binary.BigEndian.AppendUint32(d, uint32(int32(v*65536+0.5)))
	}
	return d
}

// Profiles as their makers publish them: D50-adapted colourants.
func adobeRGBProfile() []byte {
	return iccProfile([3][3]float64{
		{0.6097559, 0.2052401, 0.1492034},
		{0.3111145, 0.6256714, 0.0632141},
		{0.0194702, 0.0608902, 0.7445396},
	}, gammaCurve(563.0/256))
}

func displayP3Profile() []byte {
	return iccProfile([3][3]float64{
		{0.5151215, 0.2919769, 0.1571045},
		{0.2411957, 0.6922455, 0.0665741},
		{-0.0010529, 0.0418854, 0.7840729},
	}, srgbCurve())
}

func srgbProfile() []byte {
	return iccProfile(srgbD50(), srgbCurve())
}

// TestICCConversion converts colours whose sRGB equivalents are published:
// Photoshop gives sRGB's primaries in Adobe RGB as (219,0,0), (144,255,60)
// and (0,0,250), and CSS Color 4 gives sRGB red in Display P3 as
// color(display-p3 0.9175 0.2003 0.1386).
func TestICCConversion(t *testing.T) {
	tests := []struct {
		name    string
		profile []byte
		in      [3]uint8
		want    [3]uint8
	}{
		{"Adobe RGB red", adobeRGBProfile(), [3]uint8{219, 0, 0}, [3]uint8{255, 0, 0}},
		{"Adobe RGB green", adobeRGBProfile(), [3]uint8{144, 255, 60}, [3]uint8{0, 255, 0}},
		{"Adobe RGB blue", adobeRGBProfile(), [3]uint8{0, 0, 250}, [3]uint8{0, 0, 255}},
		{"Adobe RGB white", adobeRGBProfile(), [3]uint8{255, 255, 255}, [3]uint8{255, 255, 255}},
		{"Adobe RGB black", adobeRGBProfile(), [3]uint8{0, 0, 0}, [3]uint8{0, 0, 0}},
		{"Display P3 red", displayP3Profile(), [3]uint8{234, 51, 35}, [3]uint8{255, 0, 0}},
		{"Display P3 grey", displayP3Profile(), [3]uint8{119, 119, 119}, [3]uint8{119, 119, 119}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := parseICC(tc.profile)
			if tr == nil {
				t.Fatal("profile not understood")
			}
			got := tr.apply(tc.in)
			for k := range got {
				if absDiff(got[k], tc.want[k]) > 3 {
					t.Fatalf("%v -> %v, want about %v", tc.in, got, tc.want)
				}
			}
		})
	}
}

// TestICCIgnored checks the profiles Load leaves alone: sRGB itself (a
// conversion would only add rounding) and what it cannot read.
func TestICCIgnored(t *testing.T) {
	cmyk := srgbProfile()
	copy(cmyk[16:20], "CMYK")
	lut := srgbProfile()
	copy(lut[132:136], "A2B0") // no rXYZ any more
	tests := []struct {
		name    string
		profile []byte
	}{
		{"none", nil},
		{"sRGB", srgbProfile()},
		{"CMYK", cmyk},
		{"no colourants", lut},
		{"cut short", adobeRGBProfile()[:200]},
		{"header only", adobeRGBProfile()[:131]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if parseICC(tc.profile) != nil {
				t.Error("parseICC returned a conversion")
			}
		})
	}
}

// jpegWithICC encodes img as a JPEG with the profile in APP2 segments,
// split into chunks of at most chunk bytes as large profiles are.
func jpegWithICC(t testing.TB, img image.Image, profile []byte, chunk int) []byte {
	t.Helper()
	var segs [][]byte
	n := (len(profile) + chunk - 1) / chunk
	for i := 0; i < n; i++ {
		part := profile[i*chunk : min(len(profile), (i+1)*chunk)]
		seg := []byte{0xff, 0xe2, 0, 0}
		binary.BigEndian.PutUint16(seg[2:], uint16(2+12+2+len(part)))
		seg = append(seg, "ICC_PROFILE\x00"...)
		seg = append(seg, byte(i+1), byte(n))
		segs = append(segs, append(seg, part...))
	}
	return jpegWithSegments(t, img, segs...)
}

// TestLoadICC checks that Load applies a profile found in the file, also
// when it is split over several APP2 segments.
func TestLoadICC(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 16, 16))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{144, 255, 60, 255}) // sRGB green in Adobe RGB
	}
	dir := t.TempDir()
	for _, chunk := range []int{60000, 100} {
		path := filepath.Join(dir, "green.jpg")
		if err := os.WriteFile(path, jpegWithICC(t, img, adobeRGBProfile(), chunk), 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := Probe(path, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Load(info, color.Black, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if c := got.NRGBAAt(8, 8); c.R > 12 || c.G < 245 || c.B > 12 {
			t.Errorf("chunks of %d bytes: Adobe RGB (144,255,60) loaded as %v, want about sRGB (0,255,0)", chunk, c)
		}
	}
}

// TestICCRocket loads the corpus's Adobe RGB photo and compares it with
// testdata/rocket-srgb-lcms-96x64.png, the reference made once with Little
// CMS (jpgicc -q 100, embedded profile to sRGB, then reduced with the same
// Lanczos filter as Load). It is not refreshed by -update: making it needs
// liblcms2-utils. Without the conversion the mean difference is 5.4.
func TestICCRocket(t *testing.T) {
	path := filepath.Join(corpusDir(t, "photos"), "small-640x427-rocket-adobergb-icc.jpg")
	f, err := os.Open(filepath.Join("testdata", "rocket-srgb-lcms-96x64.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ref, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := ref.Bounds()
	rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(ref.At(x, y)).(color.NRGBA)
			rgb = append(rgb, c.R, c.G, c.B)
		}
	}
	info, err := Probe(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	img, err := Load(info, color.Black, b.Dx(), b.Dy())
	if err != nil {
		t.Fatal(err)
	}
	if d := meanDiff(img, rgb); d > 1.5 {
		t.Errorf("mean difference from Little CMS's sRGB conversion is %.2f levels, want at most 1.5 (5.4 without conversion)", d)
	}
}
