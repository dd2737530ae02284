package photo

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"io"
	"math"
	"sort"
)

// maxICCSize bounds an embedded colour profile: real ones are a few
// kilobytes (a few hundred for LUT profiles), and the bound keeps a
// malicious file from making us allocate much.
const maxICCSize = 4 << 20

// readICC returns the ICC profile embedded in a JPEG, PNG, WebP or TIFF
// file read from r, or nil if there is none or it cannot be read. It reads
// only the segments before the image data (for TIFF, the first IFD and
// the profile it points to).
func readICC(r io.ReadSeeker, format string) []byte {
	switch format {
	case "tiff":
		return tiffICC(r)
	case "jpeg":
		return jpegICC(r)
	case "png":
		return pngICC(r)
	case "webp":
		return webpICC(r)
	}
	return nil
}

// jpegICC collects the APP2 "ICC_PROFILE" chunks of a JPEG, which may be
// split over several segments numbered from 1.
func jpegICC(r io.Reader) []byte {
	var buf [4]byte
	if _, err := io.ReadFull(r, buf[:2]); err != nil || buf[0] != 0xff || buf[1] != 0xd8 {
		return nil
	}
	chunks := map[int][]byte{}
	total := 0
	for {
		if _, err := io.ReadFull(r, buf[:4]); err != nil || buf[0] != 0xff {
			break
		}
		marker := buf[1]
		n := int(binary.BigEndian.Uint16(buf[2:])) - 2
		if marker == 0xda || marker == 0xd9 || n < 0 { // start of scan, end of image
			break
		}
		const sig = "ICC_PROFILE\x00"
		if marker != 0xe2 || n < len(sig)+2 {
			if _, err := io.CopyN(io.Discard, r, int64(n)); err != nil {
				break
			}
			continue
		}
		seg := make([]byte, n)
		if _, err := io.ReadFull(r, seg); err != nil {
			break
		}
		if string(seg[:len(sig)]) != sig {
			continue
		}
		if total += n; total > maxICCSize {
			return nil
		}
		chunks[int(seg[len(sig)])] = seg[len(sig)+2:]
	}
	if len(chunks) == 0 {
		return nil
	}
	seqs := make([]int, 0, len(chunks))
	for s := range chunks {
		seqs = append(seqs, s)
	}
	sort.Ints(seqs)
	var icc []byte
	for _, s := range seqs {
		icc = append(icc, chunks[s]...)
	}
	return icc
}

// pngICC inflates the iCCP chunk of a PNG.
func pngICC(r io.Reader) []byte {
	var buf [8]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil || string(buf[:]) != "\x89PNG\r\n\x1a\n" {
		return nil
	}
	for {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return nil
		}
		n := int64(binary.BigEndian.Uint32(buf[:4]))
		switch string(buf[4:]) {
		case "IDAT", "IEND":
			return nil
		case "iCCP":
			if n > maxICCSize {
				return nil
			}
			data := make([]byte, n)
			if _, err := io.ReadFull(r, data); err != nil {
				return nil
			}
			i := bytes.IndexByte(data, 0) // end of the profile name
			if i < 0 || i+2 > len(data) || data[i+1] != 0 {
				return nil
			}
			zr, err := zlib.NewReader(bytes.NewReader(data[i+2:]))
			if err != nil {
				return nil
			}
			icc, err := io.ReadAll(io.LimitReader(zr, maxICCSize))
			if err != nil {
				return nil
			}
			return icc
		}
		if _, err := io.CopyN(io.Discard, r, n+4); err != nil { // data and CRC
			return nil
		}
	}
}

// webpICC returns the ICCP chunk of an extended WebP.
func webpICC(r io.Reader) []byte {
	var buf [12]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil || string(buf[:4]) != "RIFF" || string(buf[8:]) != "WEBP" {
		return nil
	}
	for {
		if _, err := io.ReadFull(r, buf[:8]); err != nil {
			return nil
		}
		n := int64(binary.LittleEndian.Uint32(buf[4:8]))
		switch string(buf[:4]) {
		case "ICCP":
			if n > maxICCSize {
				return nil
			}
			icc := make([]byte, n)
			if _, err := io.ReadFull(r, icc); err != nil {
				return nil
			}
			return icc
		case "VP8 ", "VP8L", "ALPH", "ANIM":
			return nil // the profile, if any, comes before the image data
		}
		if _, err := io.CopyN(io.Discard, r, n+n&1); err != nil {
			return nil
		}
	}
}

// iccTransform converts 8-bit RGB in a matrix/TRC ICC colour space to
// sRGB: per-channel tone curves to linear light, a 3x3 matrix through the
// profile connection space (D50 XYZ) to linear sRGB, and the sRGB curve.
type iccTransform struct {
	lin [3][256]float64
	m   [3][3]float64
	enc [4096]uint8
}

// srgbD50 is the sRGB colourant matrix adapted to D50 (Bradford), as in the
// sRGB ICC profiles: columns are the red, green and blue colourants.
func srgbD50() [3][3]float64 {
	return [3][3]float64{
		{0.4360747, 0.3850649, 0.1430804},
		{0.2225045, 0.7168786, 0.0606169},
		{0.0139322, 0.0971045, 0.7141733},
	}
}

// parseICC builds the conversion to sRGB for an RGB matrix/TRC profile
// (Adobe RGB, Display P3, ProPhoto, ...). It returns nil for profiles it
// does not handle (CMYK, grey, LUT-only) and for profiles that are sRGB
// already, so that those photos are left as decoded.
func parseICC(p []byte) *iccTransform {
	if len(p) < 132 || string(p[16:20]) != "RGB " || string(p[20:24]) != "XYZ " {
		return nil
	}
	tags := map[string][]byte{}
	count := int(binary.BigEndian.Uint32(p[128:]))
	for i := 0; i < count && 132+12*i+12 <= len(p); i++ {
		e := p[132+12*i:]
		off, size := int(binary.BigEndian.Uint32(e[4:])), int(binary.BigEndian.Uint32(e[8:]))
		if off < 0 || size < 0 || off > len(p) || size > len(p)-off {
			return nil
		}
		tags[string(e[:4])] = p[off : off+size]
	}
	t := &iccTransform{}
	var src [3][3]float64
	for c, name := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		x := tags[name]
		if len(x) < 20 || string(x[:4]) != "XYZ " {
			return nil
		}
		for k := 0; k < 3; k++ {
			src[k][c] = s15f16(x[8+4*k:])
		}
	}
	for c, name := range []string{"rTRC", "gTRC", "bTRC"} {
		if !t.curve(c, tags[name]) {
			return nil
		}
	}
	inv, ok := invert3(srgbD50())
	if !ok {
		return nil
	}
	t.m = mul3(inv, src)
	for i := range t.enc {
		t.enc[i] = uint8(math.Round(255 * srgbEncode(float64(i)/float64(len(t.enc)-1))))
	}
	if t.isIdentity() {
		return nil
	}
	return t
}

// curve fills the linearisation table of channel c from a curv or para
// tag, reporting whether the tag is one it understands.
func (t *iccTransform) curve(c int, tag []byte) bool {
	if len(tag) < 12 {
		return false
	}
	var f func(x float64) float64
	switch string(tag[:4]) {
	case "curv":
		n := int(binary.BigEndian.Uint32(tag[8:]))
		switch {
		case n == 0:
			f = func(x float64) float64 { return x }
		case n == 1:
			g := float64(binary.BigEndian.Uint16(tag[12:])) / 256
			f = func(x float64) float64 { return math.Pow(x, g) }
		default:
			if len(tag) < 12+2*n {
				return false
			}
			table := make([]float64, n)
			for i := range table {
				table[i] = float64(binary.BigEndian.Uint16(tag[12+2*i:])) / 65535
			}
			f = func(x float64) float64 {
				pos := x * float64(n-1)
				i := int(pos)
				if i >= n-1 {
					return table[n-1]
				}
				return table[i] + (table[i+1]-table[i])*(pos-float64(i))
			}
		}
	case "para":
		kind := int(binary.BigEndian.Uint16(tag[8:]))
		np := [...]int{1, 3, 4, 5, 7}
		if kind >= len(np) || len(tag) < 12+4*np[kind] {
			return false
		}
		var a [7]float64
		a[1] = 1 // a; the other defaults of the shorter forms are 0
		for i := 0; i < np[kind]; i++ {
			a[i] = s15f16(tag[12+4*i:])
		}
		g, pa, pb, pc, pd, pe, pf := a[0], a[1], a[2], a[3], a[4], a[5], a[6]
		switch kind {
		case 1: // CIE 122-1966
			f = func(x float64) float64 {
				if x >= -pb/pa {
					return math.Pow(pa*x+pb, g)
				}
				return 0
			}
		case 2: // IEC 61966-3
			f = func(x float64) float64 {
				if x >= -pb/pa {
					return math.Pow(pa*x+pb, g) + pc
				}
				return pc
			}
		case 3: // IEC 61966-2.1 (sRGB)
			f = func(x float64) float64 {
				if x >= pd {
					return math.Pow(pa*x+pb, g)
				}
				return pc * x
			}
		case 4:
			f = func(x float64) float64 {
				if x >= pd {
					return math.Pow(pa*x+pb, g) + pe
				}
				return pc*x + pf
			}
		default:
			f = func(x float64) float64 { return math.Pow(x, g) }
		}
	default:
		return false
	}
	for i := range t.lin[c] {
		v := f(float64(i) / 255)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
		t.lin[c][i] = v
	}
	return true
}

// isIdentity reports whether the transform changes no colour by more than
// one level, as for an sRGB profile: converting would only add rounding.
func (t *iccTransform) isIdentity() bool {
	for _, c := range [][3]uint8{
		{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {0, 255, 255}, {255, 0, 255},
		{10, 10, 10}, {50, 50, 50}, {128, 128, 128}, {200, 200, 200}, {255, 255, 255},
		{200, 100, 50}, {30, 120, 220},
	} {
		out := t.apply(c)
		for k := range out {
			if d := int(out[k]) - int(c[k]); d < -1 || d > 1 {
				return false
			}
		}
	}
	return true
}

// apply converts one colour.
func (t *iccTransform) apply(c [3]uint8) [3]uint8 {
	r, g, b := t.lin[0][c[0]], t.lin[1][c[1]], t.lin[2][c[2]]
	var out [3]uint8
	for k := range out {
		v := t.m[k][0]*r + t.m[k][1]*g + t.m[k][2]*b
		// Colours outside sRGB's gamut are clipped, as viewers do with
		// the perceptual intent of a matrix profile.
		// (!(v > 0) also catches NaN from a hostile profile.)
		if !(v > 0) {
			v = 0
		}
		v = min(v, 1)
		out[k] = t.enc[int(v*float64(len(t.enc)-1)+0.5)]
	}
	return out
}

// convert rewrites img's colours in place from the profile's space to sRGB.
func (t *iccTransform) convert(img *image.NRGBA) {
	p := img.Pix
	for y := 0; y < img.Rect.Dy(); y++ {
		row := p[y*img.Stride : y*img.Stride+4*img.Rect.Dx()]
		for i := 0; i+3 < len(row); i += 4 {
			out := t.apply([3]uint8{row[i], row[i+1], row[i+2]})
			row[i], row[i+1], row[i+2] = out[0], out[1], out[2]
		}
	}
}

// srgbEncode is the sRGB transfer function from linear light.
func srgbEncode(v float64) float64 {
	if v <= 0.0031308 {
		return 12.92 * v
	}
	return 1.055*math.Pow(v, 1/2.4) - 0.055
}

// s15f16 reads an ICC s15Fixed16Number.
func s15f16(b []byte) float64 {
	return float64(int32(binary.BigEndian.Uint32(b))) / 65536
}

func mul3(a, b [3][3]float64) [3][3]float64 {
	var m [3][3]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				m[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return m
}

func invert3(m [3][3]float64) ([3][3]float64, bool) {
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	if math.Abs(det) < 1e-12 {
		return m, false
	}
	var r [3][3]float64
	r[0][0] = (m[1][1]*m[2][2] - m[1][2]*m[2][1]) / det
	r[0][1] = (m[0][2]*m[2][1] - m[0][1]*m[2][2]) / det
	r[0][2] = (m[0][1]*m[1][2] - m[0][2]*m[1][1]) / det
	r[1][0] = (m[1][2]*m[2][0] - m[1][0]*m[2][2]) / det
	r[1][1] = (m[0][0]*m[2][2] - m[0][2]*m[2][0]) / det
	r[1][2] = (m[0][2]*m[1][0] - m[0][0]*m[1][2]) / det
	r[2][0] = (m[1][0]*m[2][1] - m[1][1]*m[2][0]) / det
	r[2][1] = (m[0][1]*m[2][0] - m[0][0]*m[2][1]) / det
	r[2][2] = (m[0][0]*m[1][1] - m[0][1]*m[1][0]) / det
	return r, true
}
