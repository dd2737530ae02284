// Package interest finds where a photo is interesting, so that automatic
// motion can head there: a coarse map of fine detail, skin tones and
// saturated colour, the three features of smartcrop.js (Jonas Wagner,
// MIT), computed on a small copy of the photo, and the choice of windows
// on that map.
//
// A Map is quantised to bytes as it is computed, so that a map read back
// from the cache and a fresh one give byte-identical plans.
package interest

import (
	"image"
	"math"
)

// Version changes whenever the map of the same pixels would differ: it is
// part of the cache key.
const Version = 1

// AnalysisSide is the long side, in pixels, of the copy of the photo the
// map is computed on: large enough for faces and boats to be tens of
// pixels, small enough to cost a few milliseconds.
const AnalysisSide = 256

// GridSide is the map's long side in cells. Windows are placed to a cell,
// 1/64 of the photo, which no viewer can tell from finer placement.
const GridSide = 64

// The weights of the features, after smartcrop.js. Skin counts most, as a
// face is what a viewer looks at first; saturation counts little, and more
// where it has detail, so that a blue sky does not win over what is under it.
const (
	detailWeight     = 1.0
	skinWeight       = 1.6
	saturationWeight = 0.35
	skinThreshold    = 0.8 // cosine-like closeness to skin colour below which nothing counts
	satThreshold     = 0.4
)

// Map is how interesting each cell of a grid laid over the upright photo
// is, from 0 (flat field) to 255.
type Map struct {
	W int     `json:"w"`
	H int     `json:"h"`
	V []uint8 `json:"v"` // row-major, W*H
}

// At returns the value of cell (x, y).
func (m *Map) At(x, y int) uint8 { return m.V[y*m.W+x] }

// Analyze computes the map of img, a small upright copy of a photo (at most
// AnalysisSide on its long side is plenty; larger only costs time).
func Analyze(img *image.NRGBA) *Map {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w < 1 || h < 1 {
		return &Map{W: 1, H: 1, V: []uint8{0}}
	}
	lum := make([]float32, w*h)
	for y := 0; y < h; y++ {
		row := img.Pix[(y)*img.Stride:]
		for x := 0; x < w; x++ {
			p := row[4*x : 4*x+3]
			lum[y*w+x] = 0.2126*float32(p[0]) + 0.7152*float32(p[1]) + 0.0722*float32(p[2])
		}
	}
	gw, gh := gridSize(w, h)
	sum := make([]float32, gw*gh)
	count := make([]float32, gw*gh)
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride:]
		cy := y * gh / h
		for x := 0; x < w; x++ {
			p := row[4*x : 4*x+3]
			detail := edge(lum, w, h, x, y)
			v := detailWeight*detail +
				skinWeight*skin(p[0], p[1], p[2])*(0.5+detail) +
				saturationWeight*saturation(p[0], p[1], p[2])*(0.2+detail)
			c := cy*gw + x*gw/w
			sum[c] += v
			count[c]++
		}
	}
	m := &Map{W: gw, H: gh, V: make([]uint8, gw*gh)}
	for i := range sum {
		if count[i] > 0 {
			// A cell whose every pixel is a strong edge or skin is
			// saturated; typical texture sits in the middle of the range.
			m.V[i] = uint8(math.Round(math.Min(1, float64(sum[i]/count[i])) * 255))
		}
	}
	return m
}

// gridSize is the map's size for a w x h image: GridSide cells on the long
// side (fewer for a tinier image), the short side in proportion.
func gridSize(w, h int) (gw, gh int) {
	long := min(GridSide, max(w, h))
	if w >= h {
		return long, max(1, int(math.Round(float64(long)*float64(h)/float64(w))))
	}
	return max(1, int(math.Round(float64(long)*float64(w)/float64(h)))), long
}

// edge is the strength of the Laplacian of luminance at (x, y), 0 to 1:
// fine detail, which a soft gradient or a flat field has none of.
func edge(lum []float32, w, h, x, y int) float32 {
	c := lum[y*w+x]
	at := func(x, y int) float32 {
		x = min(max(x, 0), w-1)
		y = min(max(y, 0), h-1)
		return lum[y*w+x]
	}
	d := 4*c - at(x-1, y) - at(x+1, y) - at(x, y-1) - at(x, y+1)
	if d < 0 {
		d = -d
	}
	// A step of a quarter of the range between neighbours is full detail;
	// JPEG noise on a flat field stays near zero.
	return min(1, d/64)
}

// skin is how close a colour is to skin tones, 0 to 1, as smartcrop.js
// measures it: the distance of the normalised colour from a reference
// skin colour, among colours neither too dark nor too light.
func skin(r, g, b uint8) float32 {
	rf, gf, bf := float64(r), float64(g), float64(b)
	mag := math.Sqrt(rf*rf + gf*gf + bf*bf)
	if mag == 0 {
		return 0
	}
	const sr, sg, sb = 0.78, 0.57, 0.44
	dr, dg, db := rf/mag-sr, gf/mag-sg, bf/mag-sb
	s := 1 - math.Sqrt(dr*dr+dg*dg+db*db)
	l := (0.2126*rf + 0.7152*gf + 0.0722*bf) / 255
	if s < skinThreshold || l < 0.2 || l > 0.98 {
		return 0
	}
	return float32((s - skinThreshold) / (1 - skinThreshold))
}

// saturation is how saturated a colour is beyond a threshold, 0 to 1, among
// colours neither near black nor near white.
func saturation(r, g, b uint8) float32 {
	hi := float64(max(r, g, b)) / 255
	lo := float64(min(r, g, b)) / 255
	l := (hi + lo) / 2
	if hi == lo || l < 0.05 || l > 0.9 {
		return 0
	}
	d := hi - lo
	s := d / (hi + lo)
	if l > 0.5 {
		s = d / (2 - hi - lo)
	}
	if s < satThreshold {
		return 0
	}
	return float32((s - satThreshold) / (1 - satThreshold))
}
