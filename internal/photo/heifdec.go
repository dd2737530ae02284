package photo

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// HEIC and AVIF pixels are decoded by libheif's heif-convert, run like
// ffmpeg as a separate program: it assembles grid tiles, applies the
// clap, irot and imir transforms (and ignores the Exif orientation, which
// HEIF makes informative only), and decodes HEVC through libde265 and AV1
// through dav1d, all kept patched by Debian. A crash or a hang in those
// decoders, fed untrusted files, ends one process that we time out, not
// the run.

// heifTool is the program that decodes HEIC and AVIF photos.
const heifTool = "heif-convert"

// heifInstall is the command that installs heifTool on Debian and Ubuntu.
const heifInstall = "sudo apt-get install libheif-examples"

// heifTimeout bounds one decode: a 12 MP HEIC takes about 3 s on one
// core, a 100 MP one (the default pixel budget) about 25 s.
const heifTimeout = 2 * time.Minute

// maxStderr bounds how much of a decoder's complaint is kept: enough to
// say what went wrong, not a log a hostile file could make huge.
const maxStderr = 4 << 10

// needHeifTool checks that heifTool is installed. It runs on each HEIC or
// AVIF photo only, so that a run of JPEGs never looks for it; a lookup in
// PATH costs microseconds next to the decode.
func needHeifTool(format string) error {
	if _, err := exec.LookPath(heifTool); err != nil {
		return fmt.Errorf("%w: reading %s photos needs libheif's %s, which is not installed; install it with `%s` (or convert the photo to JPEG)",
			ErrUnsupported, formatName(format), heifTool, heifInstall)
	}
	return nil
}

// decodeHEIF decodes the primary image of the HEIF or AVIF file at path,
// upright, with heifTool. h is its header, read just before: the decoded
// size must fit within its stored size, whose pixel budget was checked.
func decodeHEIF(ctx context.Context, path string, h *heifHeader) (image.Image, error) {
	if err := needHeifTool(h.format); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path) // a name starting with "-" is not an option
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	dir, err := os.MkdirTemp("", "kenburns-heif-")
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary folder for the decoded %s: %w", formatName(h.format), err)
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "primary.png")
	tctx, cancel := context.WithTimeout(ctx, heifTimeout)
	defer cancel()
	cmd := exec.CommandContext(tctx, heifTool, "--quiet", abs, out)
	var stderr clipped
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		if tctx.Err() != nil {
			return nil, fmt.Errorf("%w %s: %s took over %v to decode it; re-export the photo", ErrDamaged, formatName(h.format), heifTool, heifTimeout)
		}
		return nil, fmt.Errorf("%w %s: %s cannot decode it (%v: %s); re-export the photo", ErrDamaged, formatName(h.format), heifTool, err, stderr.line())
	}
	// A file with several top-level images gets numbered outputs, the
	// primary first.
	f, err := os.Open(out)
	if errors.Is(err, os.ErrNotExist) {
		f, err = os.Open(filepath.Join(dir, "primary-1.png"))
	}
	if err != nil {
		return nil, fmt.Errorf("%w %s: %s wrote no picture (%s); re-export the photo", ErrDamaged, formatName(h.format), heifTool, stderr.line())
	}
	defer f.Close()
	// heif-convert 1.15 exits 0 after failing to write the PNG (libpng
	// refuses some ICC profiles): its stderr says why.
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %s wrote no readable picture (%v: %s); re-export the photo", ErrDamaged, formatName(h.format), heifTool, err, stderr.line())
	}
	// The upright picture is the stored one cropped and turned: anything
	// larger means the header lied about the size the budget checked.
	if int64(cfg.Width)*int64(cfg.Height) > int64(h.width)*int64(h.height) {
		return nil, fmt.Errorf("%w %s: %w: the header says %dx%d but the image is %dx%d; re-export the photo",
			ErrDamaged, formatName(h.format), errSizeMismatch, h.width, h.height, cfg.Width, cfg.Height)
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil, fmt.Errorf("cannot read %s's output: %w", heifTool, err)
	}
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%w %s: cannot read %s's output: %v", ErrDamaged, formatName(h.format), heifTool, err)
	}
	return img, nil
}

// clipped keeps the first maxStderr bytes written to it.
type clipped struct{ buf bytes.Buffer }

func (c *clipped) Write(p []byte) (int, error) {
	if room := maxStderr - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// line is what was kept, on one line, for an error message.
func (c *clipped) line() string {
	s := strings.Join(strings.Fields(c.buf.String()), " ")
	if s == "" {
		return "no message"
	}
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// nclxTransform builds the conversion to sRGB for H.273 colour code
// points, as HEIC and AVIF files give them in an nclx colr box. Only the
// primaries and the transfer curve matter: heif-convert has already used
// the matrix to turn Y'CbCr into R'G'B'. It returns nil for sRGB (and
// BT.709 primaries with an sRGB-like curve), for unspecified values, and
// for HDR curves (PQ, HLG), which would need tone mapping: those photos
// are left as decoded.
func nclxTransform(c *nclx) *iccTransform {
	if c == nil {
		return nil
	}
	// xy chromaticities of red, green, blue and white.
	var prim [4][2]float64
	switch c.primaries {
	case 9: // BT.2020
		prim = [4][2]float64{{0.708, 0.292}, {0.170, 0.797}, {0.131, 0.046}, {0.3127, 0.3290}}
	case 11: // DCI-P3 (theatre white)
		prim = [4][2]float64{{0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}, {0.314, 0.351}}
	case 12: // Display P3: P3 primaries, D65 white
		prim = [4][2]float64{{0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}, {0.3127, 0.3290}}
	default: // 1 (BT.709, the sRGB primaries), 2 (unspecified), others
		prim = [4][2]float64{{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}, {0.3127, 0.3290}}
	}
	var curve func(float64) float64
	switch c.transfer {
	case 1, 6, 14, 15: // BT.709 family
		curve = func(v float64) float64 {
			if v < 0.081 {
				return v / 4.5
			}
			return math.Pow((v+0.099)/1.099, 1/0.45)
		}
	case 4: // gamma 2.2
		curve = func(v float64) float64 { return math.Pow(v, 2.2) }
	case 5: // gamma 2.8
		curve = func(v float64) float64 { return math.Pow(v, 2.8) }
	case 8: // linear
		curve = func(v float64) float64 { return v }
	case 16, 18: // PQ, HLG: HDR, not converted
		return nil
	default: // 13 (sRGB), 2 (unspecified), others
		curve = srgbDecode
	}
	t := &iccTransform{}
	for c := range t.lin {
		for i := range t.lin[c] {
			t.lin[c][i] = curve(float64(i) / 255)
		}
	}
	srgb := rgbToXYZ([4][2]float64{{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}, {0.3127, 0.3290}})
	inv, ok := invert3(srgb)
	if !ok {
		return nil
	}
	src := rgbToXYZ(prim)
	if prim[3] != [2]float64{0.3127, 0.3290} {
		src = mul3(bradford(prim[3], [2]float64{0.3127, 0.3290}), src)
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

// srgbDecode is the sRGB transfer function to linear light.
func srgbDecode(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// xyz is the XYZ of chromaticity xy at luminance 1.
func xyz(c [2]float64) [3]float64 {
	return [3]float64{c[0] / c[1], 1, (1 - c[0] - c[1]) / c[1]}
}

// rgbToXYZ is the matrix from linear RGB with the given primaries and
// white (red, green, blue, white xy) to XYZ.
func rgbToXYZ(p [4][2]float64) [3][3]float64 {
	var m [3][3]float64
	for c := 0; c < 3; c++ {
		v := xyz(p[c])
		for k := 0; k < 3; k++ {
			m[k][c] = v[k]
		}
	}
	inv, ok := invert3(m)
	if !ok {
		return m
	}
	w := xyz(p[3])
	for c := 0; c < 3; c++ {
		s := inv[c][0]*w[0] + inv[c][1]*w[1] + inv[c][2]*w[2]
		for k := 0; k < 3; k++ {
			m[k][c] *= s
		}
	}
	return m
}

// bradford is the chromatic adaptation from white src to white dst.
func bradford(src, dst [2]float64) [3][3]float64 {
	b := [3][3]float64{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}
	bi, _ := invert3(b)
	s, d := xyz(src), xyz(dst)
	var cone [3][3]float64
	for k := 0; k < 3; k++ {
		cs := b[k][0]*s[0] + b[k][1]*s[1] + b[k][2]*s[2]
		cd := b[k][0]*d[0] + b[k][1]*d[1] + b[k][2]*d[2]
		cone[k][k] = cd / cs
	}
	return mul3(bi, mul3(cone, b))
}

// decodeHEIFPhoto reads the header of the HEIF or AVIF file r again,
// checks it against what Probe saw, and decodes the upright pixels and
// the conversion of their colours to sRGB.
func decodeHEIFPhoto(ctx context.Context, r io.ReadSeeker, info Info) (image.Image, *iccTransform, error) {
	h, err := readHeifHeader(r, info.Format)
	if err != nil {
		return nil, nil, fmt.Errorf("%w %s: %v; copy or export the photo again", ErrDamaged, formatName(info.Format), err)
	}
	// The file may have been replaced since Probe checked the pixel
	// budget. A clean aperture only trims the padding of coded tiles, far
	// less than half the picture, so twice the upright size bounds the
	// stored one of the file Probe accepted.
	if h.uprightW != info.Width || h.uprightH != info.Height {
		return nil, nil, fmt.Errorf("the photo changed since it was listed (now %dx%d, was %dx%d); run again", h.uprightW, h.uprightH, info.Width, info.Height)
	}
	if err := checkBudget(h.width, h.height, max(2*info.Width*info.Height, 1)); err != nil {
		return nil, nil, fmt.Errorf("the photo changed since it was listed: %w; run again", err)
	}
	img, err := decodeHEIF(ctx, info.Path, h)
	if err != nil {
		return nil, nil, err
	}
	if h.icc != nil {
		return img, parseICC(h.icc), nil
	}
	return img, nclxTransform(h.nclx), nil
}

// readExifItem returns the TIFF structure of the Exif item x, or nil if
// it cannot be read: a missing date is not worth refusing a photo for.
func readExifItem(r io.ReadSeeker, x *heifItem, idat []byte) []byte {
	var data []byte
	for _, e := range x.extents {
		if e.n == 0 || e.n > maxExifSize || uint64(len(data))+e.n > maxExifSize {
			return nil
		}
		if x.inIdat {
			if e.off > uint64(len(idat)) || e.n > uint64(len(idat))-e.off {
				return nil
			}
			data = append(data, idat[e.off:e.off+e.n]...)
			continue
		}
		if e.off > math.MaxInt64 {
			return nil
		}
		if _, err := r.Seek(int64(e.off), io.SeekStart); err != nil {
			return nil
		}
		buf := make([]byte, e.n)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil
		}
		data = append(data, buf...)
	}
	// The item starts with the offset of the TIFF header after its own
	// four bytes (the length of an "Exif\0\0" prefix, usually).
	if len(data) < 4 {
		return nil
	}
	off := uint64(binary.BigEndian.Uint32(data))
	if off > uint64(len(data)-4) {
		return nil
	}
	return data[4+off:]
}

// probeHEIF is probe for a HEIF or AVIF file: the size is the primary
// image's, checked against maxPixels before anything is decoded, and the
// orientation is always 1 because the decoder applies the HEIF
// transforms, which say the same as any Exif orientation a phone also
// writes: applying both would turn the picture twice.
func probeHEIF(r io.ReadSeeker, format string, maxPixels int) (Info, error) {
	h, err := readHeifHeader(r, format)
	if err != nil {
		return Info{}, fmt.Errorf("%w %s: %v; copy or export the photo again", ErrDamaged, formatName(format), err)
	}
	if err := checkBudget(h.width, h.height, maxPixels); err != nil {
		return Info{}, err
	}
	if err := needHeifTool(format); err != nil {
		return Info{}, err
	}
	info := Info{Format: format, Orientation: 1, Width: h.uprightW, Height: h.uprightH}
	if h.exif != nil {
		readExif(bytes.NewReader(h.exif), "tiff", &info)
		info.Orientation = 1
	}
	return info, nil
}

// isHEIF reports whether format is one decoded by heifTool.
func isHEIF(format string) bool { return format == "heic" || format == "avif" }

// IsHEIF reports whether head, the first bytes of a file, starts a HEIC,
// HEIF or AVIF photo, which a folder scan takes as a photo whatever the
// file's name.
func IsHEIF(head []byte) bool { return heifKind(head) != "" }
