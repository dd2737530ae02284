// Package raster holds pictures as YUV 4:2:0 planes and draws sub-pixel
// windows of them: the motion engine that gives kenburns its smooth pans.
package raster

import (
	"fmt"
	"image"
	"io"
	"os"
)

// Planes is a picture in YUV 4:2:0 with BT.709 coefficients and limited
// ("TV") range, laid out as ffmpeg's yuv420p: the Y plane, then Cb, then
// Cr, with no padding. W and H are even.
type Planes struct {
	W, H      int
	Pix       []byte
	Y, Cb, Cr []byte
}

// New returns black planes of w x h; w and h must be even and positive.
func New(w, h int) *Planes {
	p := newPlanes(w, h)
	p.Fill(16, 128, 128)
	return p
}

// newPlanes returns planes whose pixels are all zero, for callers that
// overwrite every one.
func newPlanes(w, h int) *Planes {
	p := &Planes{W: w, H: h, Pix: make([]byte, w*h*3/2)}
	p.Y = p.Pix[:w*h]
	p.Cb = p.Pix[w*h : w*h+w*h/4]
	p.Cr = p.Pix[w*h+w*h/4:]
	return p
}

// Fill paints the whole picture one colour, given in Y'CbCr.
func (p *Planes) Fill(y, cb, cr byte) {
	fill(p.Y, y)
	fill(p.Cb, cb)
	fill(p.Cr, cr)
}

func fill(b []byte, v byte) {
	for i := range b {
		b[i] = v
	}
}

// CopyFrom copies q's pixels into p; both must have the same size.
func (p *Planes) CopyFrom(q *Planes) { copy(p.Pix, q.Pix) }

// RGBToYCbCr converts an 8-bit R'G'B' colour to BT.709 limited-range Y'CbCr.
func RGBToYCbCr(r, g, b uint8) (y, cb, cr uint8) {
	fr, fg, fb := float64(r), float64(g), float64(b)
	yy := 0.2126*fr + 0.7152*fg + 0.0722*fb
	return clamp8(16 + yy*219/255), clamp8(128 + (fb-yy)/1.8556*224/255), clamp8(128 + (fr-yy)/1.5748*224/255)
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// BT.709 limited-range coefficients in 16-bit fixed point, the rounded
// values of RGBToYCbCr's: Y' = 16 + (219/255)(0.2126 R + 0.7152 G + 0.0722 B)
// and the colour differences scaled by 224/255. Each chroma row sums to 0.
const (
	yR, yG, yB    = 11966, 40255, 4064
	cbR, cbG, cbB = -6596, -22189, 28785
	crR, crG, crB = 28785, -26145, -2640
)

// FromNRGBA converts an opaque image to planes, cropping a trailing odd row
// or column so the size is even. Chroma is taken from the average of each
// 2x2 block. The arithmetic is fixed point: this runs on every pixel of
// every photo at full resolution.
func FromNRGBA(img *image.NRGBA) *Planes {
	b := img.Bounds()
	w, h := max(2, b.Dx()&^1), max(2, b.Dy()&^1)
	sw, sh := b.Dx(), b.Dy()
	p := newPlanes(w, h)
	cw := w / 2
	for y := 0; y < h; y += 2 {
		y1 := min(y+1, sh-1)
		row0 := img.Pix[y*img.Stride : y*img.Stride+sw*4]
		row1 := img.Pix[y1*img.Stride : y1*img.Stride+sw*4]
		out0 := p.Y[y*w : y*w+w]
		out1 := p.Y[(y+1)*w : (y+1)*w+w]
		cbRow := p.Cb[(y/2)*cw : (y/2)*cw+cw]
		crRow := p.Cr[(y/2)*cw : (y/2)*cw+cw]
		for x := 0; x < w; x += 2 {
			x1 := min(x+1, sw-1)
			var sr, sg, sb int32
			for _, px := range [4][]byte{row0[x*4 : x*4+3], row0[x1*4 : x1*4+3], row1[x*4 : x*4+3], row1[x1*4 : x1*4+3]} {
				sr += int32(px[0])
				sg += int32(px[1])
				sb += int32(px[2])
			}
			out0[x] = luma(row0[x*4 : x*4+3])
			out0[x+1] = luma(row0[x1*4 : x1*4+3])
			out1[x] = luma(row1[x*4 : x*4+3])
			out1[x+1] = luma(row1[x1*4 : x1*4+3])
			cbRow[x/2] = uint8(128 + (cbR*sr+cbG*sg+cbB*sb+1<<17)>>18)
			crRow[x/2] = uint8(128 + (crR*sr+crG*sg+crB*sb+1<<17)>>18)
		}
	}
	return p
}

func luma(px []byte) uint8 {
	return uint8(16 + (yR*int32(px[0])+yG*int32(px[1])+yB*int32(px[2])+1<<15)>>16)
}

// WriteFile stores the planes as raw yuv420p, the format ffmpeg reads with
// -f rawvideo -pix_fmt yuv420p -s WxH.
func (p *Planes) WriteFile(name string) error {
	return os.WriteFile(name, p.Pix, 0o600)
}

// ReadFile loads raw yuv420p planes of size w x h written by WriteFile.
func ReadFile(name string, w, h int) (*Planes, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p := New(w, h)
	if _, err := io.ReadFull(f, p.Pix); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return p, nil
}

// Bounds returns the picture's rectangle.
func (p *Planes) Bounds() image.Rectangle { return image.Rect(0, 0, p.W, p.H) }

// NRGBA converts the planes to R'G'B', the inverse of FromNRGBA with the
// same BT.709 limited-range coefficients, as a player shows the video.
// Each chroma sample covers its 2x2 block, as in FromNRGBA.
func (p *Planes) NRGBA() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, p.W, p.H))
	cw := p.W / 2
	for y := 0; y < p.H; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+p.W*4]
		for x := 0; x < p.W; x++ {
			yy := (int32(p.Y[y*p.W+x]) - 16) * 76309 // 255/219 in 16-bit fixed point
			cb := int32(p.Cb[(y/2)*cw+x/2]) - 128
			cr := int32(p.Cr[(y/2)*cw+x/2]) - 128
			// R = Y + 1.5748·(255/224)·Cr, B = Y + 1.8556·(255/224)·Cb,
			// G from Y' = 0.2126 R + 0.7152 G + 0.0722 B.
			px := row[x*4 : x*4+4]
			px[0] = clampFixed(yy + 117489*cr)
			px[1] = clampFixed(yy - 13975*cb - 34925*cr)
			px[2] = clampFixed(yy + 138438*cb)
			px[3] = 255
		}
	}
	return img
}

// clampFixed rounds a 16-bit fixed-point value to an 8-bit level.
func clampFixed(v int32) uint8 {
	v = (v + 1<<15) >> 16
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v)
}
