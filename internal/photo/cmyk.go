package photo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// CMYK profiles map ink amounts to colour through multi-dimensional
// lookup tables (A2B tags), which the matrix/TRC conversion in icc.go
// cannot evaluate. A CMYK JPEG with an embedded profile is converted
// through it by Little CMS, run like ffmpeg as a separate
// program: its transicc computes the sRGB colour of every node of a
// 17x17x17x17 grid of ink amounts once per photo, and the pixels, decoded
// by Go as before, are interpolated in that grid the way Little CMS
// itself evaluates CMYK (tetrahedral in C, M, Y and linear in K). The
// photo's pixels never pass through the program, so the pixel budget
// and the decoders stay as they are, and JPEGs are not re-encoded.
// Untagged CMYK keeps the plain conversion of image/color. CMYK TIFFs,
// which Go's TIFF decoder refuses, are decoded in tiffcmyk.go and take
// the same path.

// cmykTool is Little CMS's colour calculator.
const cmykTool = "transicc"

// cmykInstall is the command that installs cmykTool on Debian and Ubuntu.
const cmykInstall = "sudo apt-get install liblcms2-utils"

// cmykTimeout bounds one transicc run: it takes about 0.3 s for the grid.
const cmykTimeout = 30 * time.Second

// cmykGrid is the number of nodes per ink: 17, as in the table Little
// CMS precalculates for 8-bit CMYK transforms (jpgicc, tificc, Pillow).
const cmykGrid = 17

// maxCMYKOutput bounds what is read from transicc: the grid's answers
// take about 1.5 MB.
const maxCMYKOutput = 8 << 20

// isCMYKProfile reports whether p is an ICC profile for CMYK data.
func isCMYKProfile(p []byte) bool {
	return len(p) >= 132 && string(p[16:20]) == "CMYK" && string(p[36:40]) == "acsp"
}

// needCMYKTool checks that cmykTool is installed. It runs only for a CMYK
// photo with an embedded profile, so that other runs never look for it.
func needCMYKTool(format string) error {
	if _, err := exec.LookPath(cmykTool); err != nil {
		return fmt.Errorf("%w: this CMYK %s has a colour profile, and converting through it needs Little CMS's %s, which is not installed; install it with `%s` (or convert the photo to RGB)",
			ErrUnsupported, formatName(format), cmykTool, cmykInstall)
	}
	return nil
}

// checkCMYKProfile is needCMYKTool for the CMYK photo r, run by Probe so
// that a missing tool stops the run before anything is rendered.
func checkCMYKProfile(r io.ReadSeeker, format string) error {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("cannot read: %w", err)
	}
	if !isCMYKProfile(readICC(r, format)) {
		return nil
	}
	return needCMYKTool(format)
}

// cmykTransform converts CMYK to sRGB by interpolation in a grid of
// colours that Little CMS computed: lut holds the 16-bit R, G, B of node
// (c, m, y, k) at 3*(c + n*(m + n*(y + n*k))).
type cmykTransform struct {
	lut []uint16
}

// newCMYKTransform has transicc convert the grid through the CMYK profile
// icc of a photo in the given format, with the perceptual intent, as
// Little CMS's tools and Pillow do by default. A profile Little CMS
// refuses gives a nil transform and no error: like a damaged RGB profile,
// it is ignored and the photo keeps the plain conversion.
func newCMYKTransform(ctx context.Context, icc []byte, format string) (*cmykTransform, error) {
	if err := needCMYKTool(format); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp("", "kenburns-cmyk-*.icc")
	if err != nil {
		return nil, fmt.Errorf("cannot write the colour profile of the CMYK %s to a temporary file: %w", formatName(format), err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(icc)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("cannot write the colour profile of the CMYK %s to a temporary file: %w", formatName(format), err)
	}
	// Ink amounts are percentages for transicc; -e -w asks for 16-bit
	// integer answers, clipped to the sRGB range as image tools do.
	var in bytes.Buffer
	n := cmykGrid
	for i := 0; i < n*n*n*n; i++ {
		for j, v := 0, i; j < 4; j, v = j+1, v/n {
			if j > 0 {
				in.WriteByte(' ')
			}
			in.WriteString(strconv.FormatFloat(float64(v%n)*100/float64(n-1), 'f', -1, 64))
		}
		in.WriteByte('\n')
	}
	tctx, cancel := context.WithTimeout(ctx, cmykTimeout)
	defer cancel()
	cmd := exec.CommandContext(tctx, cmykTool, "-n", "-e", "-w", "-t0", "-i"+f.Name())
	var out capped
	var stderr clipped
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		if tctx.Err() != nil {
			return nil, fmt.Errorf("%w CMYK %s: %s took over %v to convert its colour profile; re-export the photo", ErrDamaged, formatName(format), cmykTool, cmykTimeout)
		}
		return nil, nil
	}
	fields := strings.Fields(out.buf.String())
	if out.over || len(fields) != 3*n*n*n*n {
		return nil, fmt.Errorf("%s gave %d values for the %d colours of the CMYK %s's profile (%s); reinstall liblcms2-utils", cmykTool, len(fields), n*n*n*n, formatName(format), stderr.line())
	}
	t := &cmykTransform{lut: make([]uint16, len(fields))}
	for i, s := range fields {
		v, err := strconv.ParseUint(s, 10, 16)
		if err != nil {
			return nil, fmt.Errorf("%s gave %q for a colour of the CMYK %s's profile; reinstall liblcms2-utils", cmykTool, s, formatName(format))
		}
		t.lut[i] = uint16(v)
	}
	return t, nil
}

// capped keeps up to maxCMYKOutput bytes written to it and notes more.
type capped struct {
	buf  bytes.Buffer
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > maxCMYKOutput {
		c.over = true
		return len(p), nil
	}
	return c.buf.Write(p)
}

// convert returns the sRGB picture of m.
func (t *cmykTransform) convert(m *image.CMYK) *image.NRGBA {
	b := m.Rect
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := out.Pix[(y-b.Min.Y)*out.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			i := m.PixOffset(x, y)
			c := t.apply(color.CMYK{C: m.Pix[i], M: m.Pix[i+1], Y: m.Pix[i+2], K: m.Pix[i+3]})
			j := 4 * (x - b.Min.X)
			row[j], row[j+1], row[j+2], row[j+3] = c[0], c[1], c[2], 255
		}
	}
	return out
}

// apply converts one colour: tetrahedral interpolation in the C, M, Y
// cube of the two K planes around k, then linear between them.
func (t *cmykTransform) apply(c color.CMYK) [3]uint8 {
	n := cmykGrid
	// node is the grid node below v and how far v is towards the next.
	node := func(v uint8) (int, float64) {
		p := float64(v) * float64(n-1) / 255
		i := min(int(p), n-2)
		return i, p - float64(i)
	}
	ci, fc := node(c.C)
	mi, fm := node(c.M)
	yi, fy := node(c.Y)
	ki, fk := node(c.K)
	sc, sm, sy, sk := 3, 3*n, 3*n*n, 3*n*n*n
	base := ci*sc + mi*sm + yi*sy + ki*sk
	var lo, hi [3]float64
	t.tetra(base, sc, sm, sy, fc, fm, fy, &lo)
	t.tetra(base+sk, sc, sm, sy, fc, fm, fy, &hi)
	var out [3]uint8
	for k := range out {
		v := lo[k] + (hi[k]-lo[k])*fk
		out[k] = uint8(min(max(v*255/65535+0.5, 0), 255))
	}
	return out
}

// tetra interpolates the cube at base (strides sx, sy, sz, fractions rx,
// ry, rz) in the tetrahedron that holds the point, as Little CMS does.
func (t *cmykTransform) tetra(base, sx, sy, sz int, rx, ry, rz float64, out *[3]float64) {
	// The corners are reached along the path from the origin that adds
	// the axes in decreasing order of their fraction.
	a, b, c := sx, sy, sz
	fa, fb, fc := rx, ry, rz
	if fa < fb {
		a, b, fa, fb = b, a, fb, fa
	}
	if fb < fc {
		b, c, fb, fc = c, b, fc, fb
	}
	if fa < fb {
		a, b, fa, fb = b, a, fb, fa
	}
	p0, p1, p2, p3 := base, base+a, base+a+b, base+a+b+c
	for k := 0; k < 3; k++ {
		v0, v1, v2, v3 := float64(t.lut[p0+k]), float64(t.lut[p1+k]), float64(t.lut[p2+k]), float64(t.lut[p3+k])
		out[k] = v0 + (v1-v0)*fa + (v2-v1)*fb + (v3-v2)*fc
	}
}

// convertCMYK converts the CMYK picture m of a photo in the given format
// through its embedded CMYK profile icc. It returns nil and no error if
// Little CMS refuses the profile: the caller converts plainly.
func convertCMYK(ctx context.Context, m *image.CMYK, icc []byte, format string) (*image.NRGBA, error) {
	t, err := newCMYKTransform(ctx, icc, format)
	if err != nil || t == nil {
		return nil, err
	}
	return t.convert(m), nil
}
