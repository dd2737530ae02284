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
	p := &Planes{W: w, H: h, Pix: make([]byte, w*h*3/2)}
	p.Y = p.Pix[:w*h]
	p.Cb = p.Pix[w*h : w*h+w*h/4]
	p.Cr = p.Pix[w*h+w*h/4:]
	p.Fill(16, 128, 128)
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

// FromNRGBA converts an opaque image to planes, cropping a trailing odd row
// or column so the size is even. Chroma is the average of each 2x2 block.
func FromNRGBA(img *image.NRGBA) *Planes {
	b := img.Bounds()
	w, h := b.Dx()&^1, b.Dy()&^1
	if w < 2 || h < 2 {
		w, h = max(w, 2), max(h, 2)
	}
	p := New(w, h)
	sw, sh := b.Dx(), b.Dy()
	var cb, cr [4]float64
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x += 2 {
			k := 0
			for dy := 0; dy < 2; dy++ {
				for dx := 0; dx < 2; dx++ {
					px, py := min(x+dx, sw-1), min(y+dy, sh-1)
					o := py*img.Stride + px*4
					r, g, bl := img.Pix[o], img.Pix[o+1], img.Pix[o+2]
					yy := 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(bl)
					p.Y[(y+dy)*w+x+dx] = clamp8(16 + yy*219/255)
					cb[k] = (float64(bl) - yy) / 1.8556
					cr[k] = (float64(r) - yy) / 1.5748
					k++
				}
			}
			c := (y/2)*(w/2) + x/2
			p.Cb[c] = clamp8(128 + (cb[0]+cb[1]+cb[2]+cb[3])/4*224/255)
			p.Cr[c] = clamp8(128 + (cr[0]+cr[1]+cr[2]+cr[3])/4*224/255)
		}
	}
	return p
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
