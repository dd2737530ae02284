package interest

import (
	"math"

	"github.com/kenburns/kenburns/effects"
)

// How a window is scored, in units of the interest it shows.
const (
	// cutWeight is what showing part of a region costs for each unit of
	// interest straddling the window's edge: high, so that a window shifts
	// off a face rather than slicing it whenever a shift can.
	cutWeight = 3.0
	// offCentreWeight discounts interest that sits at the window's edge
	// rather than its middle, so that the window centres on its subject.
	offCentreWeight = 0.5
	// bandCells is how deep, in cells, the strips on either side of a
	// window's edge are that tell whether the edge cuts something.
	bandCells = 2
	// minBox is the interest, out of 255, below which a photo has no
	// interest box: a flat field or a blank sky.
	minBox = 8
)

// table holds summed-area tables of a map and of its first moments, so
// that the interest in any rectangle of cells and its centroid cost O(1).
type table struct {
	w, h      int
	s, sx, sy []float64 // (w+1) x (h+1)
}

func (m *Map) table() *table {
	t := &table{w: m.W, h: m.H}
	n := (m.W + 1) * (m.H + 1)
	t.s, t.sx, t.sy = make([]float64, n), make([]float64, n), make([]float64, n)
	for y := 0; y < m.H; y++ {
		var rs, rx, ry float64
		for x := 0; x < m.W; x++ {
			v := float64(m.At(x, y))
			rs += v
			rx += v * (float64(x) + 0.5)
			ry += v * (float64(y) + 0.5)
			i := (y+1)*(m.W+1) + x + 1
			up := y*(m.W+1) + x + 1
			t.s[i], t.sx[i], t.sy[i] = t.s[up]+rs, t.sx[up]+rx, t.sy[up]+ry
		}
	}
	return t
}

// sum returns the interest in cells [x0, x1) x [y0, y1), clipped to the
// map, and its first moments.
func (t *table) sum(x0, y0, x1, y1 int) (s, sx, sy float64) {
	x0, x1 = max(x0, 0), min(x1, t.w)
	y0, y1 = max(y0, 0), min(y1, t.h)
	if x0 >= x1 || y0 >= y1 {
		return 0, 0, 0
	}
	at := func(a []float64) float64 {
		w := t.w + 1
		return a[y1*w+x1] - a[y0*w+x1] - a[y1*w+x0] + a[y0*w+x0]
	}
	return at(t.s), at(t.sx), at(t.sy)
}

// Best returns the centre, in fractions of the photo, of the window of
// size ww x wh (fractions of the photo) that best frames what is
// interesting: it shows the most interest, centred, and cuts through none
// at its edges when a shift avoids it. On a map with nothing interesting
// it is the middle of the photo.
func (m *Map) Best(ww, wh float64) (cx, cy float64) {
	t := m.table()
	wc, hc := math.Min(ww, 1)*float64(m.W), math.Min(wh, 1)*float64(m.H)
	best := math.Inf(-1)
	cx, cy = 0.5, 0.5
	for _, y0 := range starts(hc, m.H) {
		for _, x0 := range starts(wc, m.W) {
			xi0, yi0 := int(math.Round(x0)), int(math.Round(y0))
			xi1, yi1 := int(math.Round(x0+wc)), int(math.Round(y0+hc))
			in, sx, sy := t.sum(xi0, yi0, xi1, yi1)
			cut := t.cut(xi0, yi0, xi1, yi1)
			wx, wy := x0+wc/2, y0+hc/2
			off := 0.0
			if in > 0 {
				off = math.Hypot((sx/in-wx)/wc, (sy/in-wy)/hc)
			}
			// The last term only breaks ties, towards the photo's middle.
			score := in - cutWeight*cut - offCentreWeight*in*off -
				1e-6*math.Hypot(wx/float64(m.W)-0.5, wy/float64(m.H)-0.5)
			if score > best {
				best, cx, cy = score, wx/float64(m.W), wy/float64(m.H)
			}
		}
	}
	return cx, cy
}

// cut is the interest straddling the edges of the window of cells
// [x0, x1) x [y0, y1): for each edge, what lies both just inside and just
// outside it, which is a region the edge slices through.
func (t *table) cut(x0, y0, x1, y1 int) float64 {
	strip := func(a0, b0, a1, b1 int) float64 { s, _, _ := t.sum(a0, b0, a1, b1); return s }
	k := bandCells
	return math.Min(strip(x0, y0, x0+k, y1), strip(x0-k, y0, x0, y1)) +
		math.Min(strip(x1-k, y0, x1, y1), strip(x1, y0, x1+k, y1)) +
		math.Min(strip(x0, y0, x1, y0+k), strip(x0, y0-k, x1, y0)) +
		math.Min(strip(x0, y1-k, x1, y1), strip(x0, y1, x1, y1+k))
}

// starts lists the positions, in cells, of a window of size size on an
// axis of n cells: every cell, and flush with the far end.
func starts(size float64, n int) []float64 {
	room := float64(n) - size
	if room <= 0 {
		return []float64{room / 2}
	}
	var s []float64
	for p := 0.0; p < room; p++ {
		s = append(s, p)
	}
	return append(s, room)
}

// Box returns the rectangle, in fractions of the photo, around the most
// interesting part of the photo: the cells at least half as interesting as
// the most interesting one, after a little blur so that one noisy cell is
// not a subject. ok is false for a photo with nothing interesting.
func (m *Map) Box() (r effects.Rect, ok bool) {
	t := m.table()
	blur := make([]float64, m.W*m.H)
	top := 0.0
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			s, _, _ := t.sum(x-1, y-1, x+2, y+2)
			n := float64((min(x+2, m.W) - max(x-1, 0)) * (min(y+2, m.H) - max(y-1, 0)))
			blur[y*m.W+x] = s / n
			top = math.Max(top, s/n)
		}
	}
	if top < minBox {
		return effects.Rect{}, false
	}
	x0, y0, x1, y1 := m.W, m.H, 0, 0
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			if blur[y*m.W+x] >= top/2 {
				x0, y0 = min(x0, x), min(y0, y)
				x1, y1 = max(x1, x+1), max(y1, y+1)
			}
		}
	}
	w, h := float64(m.W), float64(m.H)
	return effects.Rect{X: float64(x0) / w, Y: float64(y0) / h, W: float64(x1-x0) / w, H: float64(y1-y0) / h}, true
}
