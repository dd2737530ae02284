package interest

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// blob is a map of w x h cells, flat but for a block of interest.
func blob(w, h, x0, y0, x1, y1 int) *Map {
	m := &Map{W: w, H: h, V: make([]uint8, w*h)}
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			m.V[y*w+x] = 200
		}
	}
	return m
}

// TestBest: the best window holds the subject whole, centred when it can,
// and shifts rather than cuts it.
func TestBest(t *testing.T) {
	tests := []struct {
		name          string
		m             *Map
		ww, wh        float64 // window, fractions of the photo
		subject       [4]int  // cells x0, y0, x1, y1
		centredWithin float64 // |window centre − subject centre| in fractions, or 0 to skip
	}{
		{"top left, window flush with the corner", blob(64, 40, 4, 4, 12, 10), 0.5, 0.5, [4]int{4, 4, 12, 10}, 0.03},
		{"bottom right", blob(64, 40, 50, 30, 60, 38), 0.5, 0.5, [4]int{50, 30, 60, 38}, 0},
		{"centre", blob(64, 40, 28, 16, 36, 24), 0.4, 0.4, [4]int{28, 16, 36, 24}, 0.03},
		{"wide subject, narrow window", blob(64, 40, 10, 10, 40, 20), 0.6, 0.5, [4]int{10, 10, 40, 20}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cx, cy := tt.m.Best(tt.ww, tt.wh)
			x0, x1 := (cx-tt.ww/2)*float64(tt.m.W), (cx+tt.ww/2)*float64(tt.m.W)
			y0, y1 := (cy-tt.wh/2)*float64(tt.m.H), (cy+tt.wh/2)*float64(tt.m.H)
			s := tt.subject
			if x0 > float64(s[0])+0.5 || x1 < float64(s[2])-0.5 || y0 > float64(s[1])+0.5 || y1 < float64(s[3])-0.5 {
				t.Errorf("window cells (%.1f,%.1f)-(%.1f,%.1f) cut the subject %v", x0, y0, x1, y1, s)
			}
			if x0 < -1e-9 || y0 < -1e-9 || x1 > float64(tt.m.W)+1e-9 || y1 > float64(tt.m.H)+1e-9 {
				t.Errorf("window (%.1f,%.1f)-(%.1f,%.1f) leaves the photo", x0, y0, x1, y1)
			}
			if tt.centredWithin > 0 {
				clamp := func(v, half float64) float64 { return math.Max(half, math.Min(1-half, v)) }
				sx := clamp(float64(s[0]+s[2])/2/float64(tt.m.W), tt.ww/2)
				sy := clamp(float64(s[1]+s[3])/2/float64(tt.m.H), tt.wh/2)
				if d := math.Hypot(cx-sx, cy-sy); d > tt.centredWithin {
					t.Errorf("window centre (%.3f, %.3f) is %.3f from the subject's (%.3f, %.3f)", cx, cy, d, sx, sy)
				}
			}
		})
	}
	if cx, cy := (&Map{W: 8, H: 8, V: make([]uint8, 64)}).Best(0.5, 0.5); cx != 0.5 || cy != 0.5 {
		t.Errorf("a flat map's best window is at (%g, %g), want the middle", cx, cy)
	}
}

// TestBox: the box surrounds the subject, and a flat map has none.
func TestBox(t *testing.T) {
	m := blob(64, 40, 16, 8, 32, 20)
	r, ok := m.Box()
	if !ok {
		t.Fatal("no box around a clear subject")
	}
	if r.X > 16.0/64+0.02 || r.Y > 8.0/40+0.03 || r.X+r.W < 32.0/64-0.02 || r.Y+r.H < 20.0/40-0.03 {
		t.Errorf("box %+v does not hold the subject (0.25, 0.2)-(0.5, 0.5)", r)
	}
	if r.W > 0.5 || r.H > 0.6 {
		t.Errorf("box %+v is much larger than the subject", r)
	}
	if _, ok := (&Map{W: 8, H: 8, V: make([]uint8, 64)}).Box(); ok {
		t.Error("a flat map has a box")
	}
}

// TestAnalyze: detail and skin score above a flat field, and the map is
// deterministic.
func TestAnalyze(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 256, 160))
	for y := 0; y < 160; y++ {
		for x := 0; x < 256; x++ {
			c := color.NRGBA{90, 110, 130, 255} // a flat blue-grey field
			if x >= 160 && x < 224 && y >= 40 && y < 100 && (x/4+y/4)%2 == 0 {
				c = color.NRGBA{250, 250, 250, 255} // a checkered, detailed region
			}
			if x >= 20 && x < 70 && y >= 90 && y < 140 {
				c = color.NRGBA{224, 172, 140, 255} // a skin-coloured region
			}
			img.Set(x, y, c)
		}
	}
	m := Analyze(img)
	cell := func(px, py int) uint8 { return m.At(px*m.W/256, py*m.H/160) }
	flat, detail, skin := cell(120, 20), cell(190, 70), cell(45, 115)
	if detail <= flat+20 || skin <= flat+20 {
		t.Errorf("interest: flat %d, detail %d, skin %d: want both well above flat", flat, detail, skin)
	}
	again := Analyze(img)
	for i := range m.V {
		if m.V[i] != again.V[i] {
			t.Fatal("two analyses of one image differ")
		}
	}
}
