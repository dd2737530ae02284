package raster

import "image"

// Overlay is a picture with transparency placed in the frame, in Y'CbCr
// 4:2:0 with an alpha per sample: text drawn once per chunk and blended
// into each of its frames. X, Y, W and H are even, so its chroma samples
// fall on the frame's.
type Overlay struct {
	X, Y, W, H int
	Luma, A    []byte // W x H
	Cb, Cr, CA []byte // W/2 x H/2; CA is the mean alpha of the 2x2 block
}

// NewOverlay converts img, premultiplied RGBA whose bounds are its place in
// a frame of w x h, to an Overlay clipped to the frame.
func NewOverlay(img *image.RGBA, w, h int) *Overlay {
	b := img.Bounds().Intersect(image.Rect(0, 0, w, h))
	x0, y0 := b.Min.X&^1, b.Min.Y&^1
	x1, y1 := min(w, (b.Max.X+1)&^1), min(h, (b.Max.Y+1)&^1)
	o := &Overlay{X: x0, Y: y0, W: max(0, x1-x0), H: max(0, y1-y0)}
	o.Luma, o.A = make([]byte, o.W*o.H), make([]byte, o.W*o.H)
	cw, chh := o.W/2, o.H/2
	o.Cb, o.Cr, o.CA = make([]byte, cw*chh), make([]byte, cw*chh), make([]byte, cw*chh)
	cbSum, crSum, aSum := make([]int, cw*chh), make([]int, cw*chh), make([]int, cw*chh)
	for y := 0; y < o.H; y++ {
		for x := 0; x < o.W; x++ {
			pt := image.Pt(x0+x, y0+y)
			if !pt.In(img.Bounds()) {
				continue
			}
			i := img.PixOffset(pt.X, pt.Y)
			a := int(img.Pix[i+3])
			if a == 0 {
				continue
			}
			// Premultiplied to straight colour.
			r := uint8(min(255, (int(img.Pix[i])*255+a/2)/a))
			g := uint8(min(255, (int(img.Pix[i+1])*255+a/2)/a))
			bb := uint8(min(255, (int(img.Pix[i+2])*255+a/2)/a))
			yy, cb, cr := RGBToYCbCr(r, g, bb)
			o.Luma[y*o.W+x], o.A[y*o.W+x] = yy, uint8(a)
			c := (y/2)*cw + x/2
			cbSum[c] += int(cb) * a
			crSum[c] += int(cr) * a
			aSum[c] += a
		}
	}
	for c, a := range aSum {
		if a > 0 {
			o.Cb[c] = uint8((cbSum[c] + a/2) / a)
			o.Cr[c] = uint8((crSum[c] + a/2) / a)
			o.CA[c] = uint8((a + 2) / 4)
		}
	}
	return o
}

// Blend draws the overlay over p at opacity, from 0 (nothing) to 1.
func (o *Overlay) Blend(p *Planes, opacity float64) {
	k := int(opacity*256 + 0.5)
	if k <= 0 || o.W == 0 {
		return
	}
	k = min(k, 256)
	blend(p.Y, p.W, o.X, o.Y, o.W, o.H, o.Luma, o.A, k)
	cw := p.W / 2
	blend(p.Cb, cw, o.X/2, o.Y/2, o.W/2, o.H/2, o.Cb, o.CA, k)
	blend(p.Cr, cw, o.X/2, o.Y/2, o.W/2, o.H/2, o.Cr, o.CA, k)
}

// blend mixes src over a w x h rectangle of dst at (x0, y0), each sample by
// its alpha scaled by k/256.
func blend(dst []byte, stride, x0, y0, w, h int, src, alpha []byte, k int) {
	for y := 0; y < h; y++ {
		d := dst[(y0+y)*stride+x0 : (y0+y)*stride+x0+w]
		s, a := src[y*w:y*w+w], alpha[y*w:y*w+w]
		for x := range d {
			aa := int(a[x]) * k >> 8
			if aa == 0 {
				continue
			}
			d[x] = uint8((int(s[x])*aa + int(d[x])*(255-aa) + 127) / 255)
		}
	}
}

// Under returns a copy of the samples of p the overlay covers, for Restore:
// blending in place and restoring is cheaper than copying a whole frame.
func (o *Overlay) Under(p *Planes) []byte {
	buf := make([]byte, 0, o.W*o.H*3/2)
	o.rows(p, func(row []byte) { buf = append(buf, row...) })
	return buf
}

// Restore puts back the samples Under saved.
func (o *Overlay) Restore(p *Planes, under []byte) {
	o.rows(p, func(row []byte) { under = under[copy(row, under):] })
}

// rows calls fn with each row of each plane the overlay covers, in order.
func (o *Overlay) rows(p *Planes, fn func(row []byte)) {
	for y := o.Y; y < o.Y+o.H; y++ {
		fn(p.Y[y*p.W+o.X : y*p.W+o.X+o.W])
	}
	cw := p.W / 2
	for _, plane := range [][]byte{p.Cb, p.Cr} {
		for y := o.Y / 2; y < (o.Y+o.H)/2; y++ {
			fn(plane[y*cw+o.X/2 : y*cw+(o.X+o.W)/2])
		}
	}
}
