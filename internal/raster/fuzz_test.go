package raster

import (
	"math"
	"testing"
)

// FuzzDraw draws arbitrary windows between pictures of arbitrary (small)
// sizes with both filters: nothing may panic, and a flat picture stays
// flat wherever the window lies, inside the picture or not.
func FuzzDraw(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(8), uint8(8), 0.0, 0.0, 1.0, 1.0, false)
	f.Add(uint8(64), uint8(36), uint8(32), uint8(18), 10.5, 3.25, 40.0, 22.5, true)
	f.Add(uint8(3), uint8(200), uint8(100), uint8(2), -5.0, 300.0, 0.01, 1000.0, false)
	f.Fuzz(func(t *testing.T, sw, sh, dw, dh uint8, x, y, w, h float64, reducer bool) {
		for _, v := range []float64{x, y, w, h} {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
				t.Skip()
			}
		}
		if w <= 0 || h <= 0 {
			t.Skip()
		}
		src := New(2*(int(sw)%64+1), 2*(int(sh)%64+1))
		src.Fill(90, 100, 110)
		dst := New(2*(int(dw)%64+1), 2*(int(dh)%64+1))
		s := NewSampler(1)
		if reducer {
			s = NewReducer(1)
		}
		s.Draw(dst, dst.Bounds(), src, Window{x, y, w, h})
		for i, v := range dst.Y {
			if v != 90 {
				t.Fatalf("Y[%d] = %d, want 90", i, v)
			}
		}
	})
}
