package raster

import (
	"image"
	"math"
	"runtime"
	"sync"
)

// Window is a rectangle of a source picture in luma pixels, with
// fractional position and size: pixel i covers [i, i+1).
type Window struct {
	X, Y, W, H float64
}

// Sampler draws windows of a picture at sub-pixel precision with a
// separable filter, widened when it shrinks so that it does not alias. A
// Sampler keeps its buffers between frames; it is not safe for concurrent
// use.
type Sampler struct {
	workers int
	k       kernel
	tmp     []int32
	wx, wy  taps
}

// kernel is a separable filter: its function, its radius in source pixels
// at 1:1, and the reduction from which it is widened.
type kernel struct {
	fn     func(float64) float64
	radius float64
	widen  float64
}

// NewSampler returns a Sampler for motion: Catmull-Rom, 4 taps up to a 1.5x
// reduction. It uses up to workers goroutines per frame (0: one per CPU).
func NewSampler(workers int) *Sampler {
	return newSampler(workers, kernel{catmullRom, 2, 1.5})
}

// NewReducer returns a Sampler for shrinking a photo once to its working
// size: Lanczos-3, always widened, the sharpest of the usual filters.
func NewReducer(workers int) *Sampler {
	return newSampler(workers, kernel{lanczos3, 3, 1})
}

func newSampler(workers int, k kernel) *Sampler {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Sampler{workers: workers, k: k}
}

// Draw renders window win of src into the rectangle r of dst. r must have
// even corners so that the chroma planes line up.
func (s *Sampler) Draw(dst *Planes, r image.Rectangle, src *Planes, win Window) {
	s.plane(dst.Y, dst.W, r, src.Y, src.W, src.H, win)
	half := image.Rect(r.Min.X/2, r.Min.Y/2, r.Max.X/2, r.Max.Y/2)
	cw := Window{X: win.X / 2, Y: win.Y / 2, W: win.W / 2, H: win.H / 2}
	s.plane(dst.Cb, dst.W/2, half, src.Cb, src.W/2, src.H/2, cw)
	s.plane(dst.Cr, dst.W/2, half, src.Cr, src.W/2, src.H/2, cw)
}

const (
	weightBits = 14
	interBits  = 6 // fractional bits kept between the two passes
)

// taps holds, for each destination pixel along one axis, the first source
// index and the fixed-point weights of the source pixels it blends.
type taps struct {
	n     int // taps per destination pixel
	first []int
	w     []int32 // len(first)*n
}

func (t *taps) build(dstN, srcN int, start, size float64, k kernel) {
	scale := size / float64(dstN)
	// For motion, up to a 1.5x reduction the plain 4-tap kernel is kept:
	// the working copy was made with Lanczos, so little lies near its
	// Nyquist limit to alias, and 4 taps allow the unrolled loops that
	// make motion cheap. Stronger reductions widen the kernel.
	support := k.radius
	if scale > k.widen {
		support = k.radius * scale
	}
	kn := int(math.Ceil(support * 2)) // the kernel's taps
	// A source smaller than the kernel (a tiny photo's chroma) gets
	// as many taps as it has pixels.
	t.n = min(kn, srcN)
	if cap(t.first) < dstN {
		t.first = make([]int, dstN)
	}
	t.first = t.first[:dstN]
	if cap(t.w) < dstN*t.n {
		t.w = make([]int32, dstN*t.n)
	}
	t.w = t.w[:dstN*t.n]
	fw := make([]float64, kn)
	inv := k.radius / support
	for j := 0; j < dstN; j++ {
		c := start + (float64(j)+0.5)*scale - 0.5 // source pixel-centre coordinate
		first := int(math.Floor(c-support)) + 1
		var sum float64
		for i := range fw {
			fw[i] = k.fn((float64(first+i) - c) * inv)
			sum += fw[i]
		}
		// Pixels beyond the edge repeat the edge pixel: the taps are
		// moved inside the picture and the weight of a tap that falls
		// outside is folded onto the nearest pixel inside.
		base := min(max(first, 0), srcN-t.n)
		ws := t.w[j*t.n : (j+1)*t.n]
		for i := range ws {
			ws[i] = 0
		}
		for i := range fw {
			idx := min(max(first+i, 0), srcN-1) - base
			idx = min(max(idx, 0), t.n-1)
			ws[idx] += int32(math.Round(fw[i] / sum * (1 << weightBits)))
		}
		// Rounding each weight can leave the sum a little off one, which
		// would tint flat areas; the largest weight takes the remainder.
		var total int32
		big := 0
		for i, w := range ws {
			total += w
			if w > ws[big] {
				big = i
			}
		}
		ws[big] += 1<<weightBits - total
		t.first[j] = base
	}
}

func lanczos3(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x == 0:
		return 1
	case x < 3:
		px := math.Pi * x
		return 3 * math.Sin(px) * math.Sin(px/3) / (px * px)
	}
	return 0
}

func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return 1.5*x*x*x - 2.5*x*x + 1
	case x < 2:
		return -0.5*x*x*x + 2.5*x*x - 4*x + 2
	}
	return 0
}

func (s *Sampler) plane(dst []byte, dstStride int, r image.Rectangle, src []byte, sw, sh int, win Window) {
	dw, dh := r.Dx(), r.Dy()
	if dw <= 0 || dh <= 0 {
		return
	}
	s.wx.build(dw, sw, win.X, win.W, s.k)
	s.wy.build(dh, sh, win.Y, win.H, s.k)
	// Only the source rows some output row reads go through the first pass.
	row0 := s.wy.first[0]
	row1 := s.wy.first[dh-1] + s.wy.n
	if row1 > sh {
		row1 = sh
	}
	rows := row1 - row0
	if need := rows * dw; cap(s.tmp) < need {
		s.tmp = make([]int32, need)
	}
	tmp := s.tmp[:rows*dw]
	s.parallel(rows, func(a, b int) {
		n := s.wx.n
		y := a
		if n == 4 {
			// Two rows at a time share each column's weights and offset.
			for ; y+1 < b; y += 2 {
				horizontal4x2(tmp[y*dw:(y+1)*dw], tmp[(y+1)*dw:(y+2)*dw],
					src[(row0+y)*sw:(row0+y+1)*sw], src[(row0+y+1)*sw:(row0+y+2)*sw], s.wx.first, s.wx.w)
			}
		}
		for ; y < b; y++ {
			line := src[(row0+y)*sw : (row0+y+1)*sw]
			out := tmp[y*dw : (y+1)*dw]
			if n == 4 {
				horizontal4(out, line, s.wx.first, s.wx.w)
				continue
			}
			for j := range out {
				f := s.wx.first[j]
				ws := s.wx.w[j*n : j*n+n]
				px := line[f : f+n]
				var acc int32
				for k, w := range ws {
					acc += w * int32(px[k])
				}
				out[j] = acc >> (weightBits - interBits)
			}
		}
	})
	s.parallel(dh, func(a, b int) {
		n := s.wy.n
		acc := make([]int32, dw)
		for i := a; i < b; i++ {
			if n == 4 {
				f := s.wy.first[i] - row0
				out := dst[(r.Min.Y+i)*dstStride+r.Min.X : (r.Min.Y+i)*dstStride+r.Max.X]
				if i+1 < b && s.wy.first[i+1]-row0 == f+1 {
					// Neighbouring rows read four of the same five rows.
					next := dst[(r.Min.Y+i+1)*dstStride+r.Min.X : (r.Min.Y+i+1)*dstStride+r.Max.X]
					vertical4x2(out, next, tmp[f*dw:(f+5)*dw], dw, s.wy.w[i*4:i*4+8])
					i++
					continue
				}
				vertical4(out, tmp[f*dw:(f+4)*dw], dw, s.wy.w[i*4:i*4+4])
				continue
			}
			for j := range acc {
				acc[j] = 0
			}
			f := s.wy.first[i] - row0
			for k, w := range s.wy.w[i*n : i*n+n] {
				if w == 0 {
					continue
				}
				in := tmp[(f+k)*dw : (f+k+1)*dw]
				for j, v := range in {
					acc[j] += w * v
				}
			}
			out := dst[(r.Min.Y+i)*dstStride+r.Min.X : (r.Min.Y+i)*dstStride+r.Max.X]
			const round = 1 << (weightBits + interBits - 1)
			for j, v := range acc {
				v = (v + round) >> (weightBits + interBits)
				out[j] = uint8(min(max(v, 0), 255))
			}
		}
	})
}

// parallel runs fn over [0, n) split into contiguous bands.
func (s *Sampler) parallel(n int, fn func(a, b int)) {
	w := min(s.workers, n/16)
	if w <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := 0; i < w; i++ {
		a, b := n*i/w, n*(i+1)/w
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(a, b)
		}()
	}
	wg.Wait()
}

func horizontal4(out []int32, line []byte, first []int, w []int32) {
	first = first[:len(out)]
	w = w[:len(out)*4]
	for j := range out {
		f := first[j]
		p := line[f : f+4 : f+4]
		ws := w[j*4 : j*4+4 : j*4+4]
		out[j] = (ws[0]*int32(p[0]) + ws[1]*int32(p[1]) + ws[2]*int32(p[2]) + ws[3]*int32(p[3])) >> (weightBits - interBits)
	}
}

func horizontal4x2(out0, out1 []int32, line0, line1 []byte, first []int, w []int32) {
	first = first[:len(out0)]
	out1 = out1[:len(out0)]
	w = w[:len(out0)*4]
	line1 = line1[:len(line0)]
	for j := range out0 {
		f := first[j]
		ws := w[j*4 : j*4+4 : j*4+4]
		w0, w1, w2, w3 := ws[0], ws[1], ws[2], ws[3]
		p := line0[f : f+4 : f+4]
		q := line1[f : f+4 : f+4]
		out0[j] = (w0*int32(p[0]) + w1*int32(p[1]) + w2*int32(p[2]) + w3*int32(p[3])) >> (weightBits - interBits)
		out1[j] = (w0*int32(q[0]) + w1*int32(q[1]) + w2*int32(q[2]) + w3*int32(q[3])) >> (weightBits - interBits)
	}
}

func vertical4(out []byte, rows []int32, dw int, w []int32) {
	r0 := rows[0*dw : 1*dw]
	r1 := rows[1*dw : 2*dw][:len(r0)]
	r2 := rows[2*dw : 3*dw][:len(r0)]
	r3 := rows[3*dw : 4*dw][:len(r0)]
	out = out[:len(r0)]
	w0, w1, w2, w3 := w[0], w[1], w[2], w[3]
	const round = 1 << (weightBits + interBits - 1)
	for j := range r0 {
		v := (w0*r0[j] + w1*r1[j] + w2*r2[j] + w3*r3[j] + round) >> (weightBits + interBits)
		out[j] = uint8(min(max(v, 0), 255))
	}
}

func vertical4x2(out0, out1 []byte, rows []int32, dw int, w []int32) {
	r0 := rows[0*dw : 1*dw]
	r1 := rows[1*dw : 2*dw][:len(r0)]
	r2 := rows[2*dw : 3*dw][:len(r0)]
	r3 := rows[3*dw : 4*dw][:len(r0)]
	r4 := rows[4*dw : 5*dw][:len(r0)]
	out0 = out0[:len(r0)]
	out1 = out1[:len(r0)]
	a0, a1, a2, a3 := w[0], w[1], w[2], w[3]
	b0, b1, b2, b3 := w[4], w[5], w[6], w[7]
	const round = 1 << (weightBits + interBits - 1)
	for j := range r0 {
		v1, v2, v3 := r1[j], r2[j], r3[j]
		u := (a0*r0[j] + a1*v1 + a2*v2 + a3*v3 + round) >> (weightBits + interBits)
		v := (b0*v1 + b1*v2 + b2*v3 + b3*r4[j] + round) >> (weightBits + interBits)
		out0[j] = uint8(min(max(u, 0), 255))
		out1[j] = uint8(min(max(v, 0), 255))
	}
}
