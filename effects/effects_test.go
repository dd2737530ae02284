package effects

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/golden"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCoverFrame(t *testing.T) {
	tests := []struct {
		name         string
		photo, out   float64
		wantW, wantH float64
	}{
		{"same shape", 16.0 / 9, 16.0 / 9, 1, 1},
		{"4:3 in 16:9", 4.0 / 3, 16.0 / 9, 1, 0.75},
		{"panorama in 16:9", 4, 16.0 / 9, 16.0 / 9 / 4, 1},
		{"portrait in 16:9", 2.0 / 3, 16.0 / 9, 1, 0.375},
		{"landscape in 9:16", 3.0 / 2, 9.0 / 16, 0.375, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := CoverFrame(tt.photo, tt.out)
			if !near(f.BaseW, tt.wantW) || !near(f.BaseH, tt.wantH) {
				t.Errorf("got %gx%g, want %gx%g", f.BaseW, f.BaseH, tt.wantW, tt.wantH)
			}
		})
	}
}

func TestWindowStaysOnPhoto(t *testing.T) {
	f := CoverFrame(4.0/3, 16.0/9) // base window 1 x 0.75
	tests := []struct {
		name      string
		z, cx, cy float64
		want      Rect
	}{
		{"centred", 1, 0.5, 0.5, Rect{0, 0.125, 1, 0.75}},
		{"corner clamps", 2, 0, 0, Rect{0, 0, 0.5, 0.375}},
		{"far corner clamps", 2, 1, 1, Rect{0.5, 0.625, 0.5, 0.375}},
		{"inside untouched", 2, 0.4, 0.6, Rect{0.15, 0.4125, 0.5, 0.375}},
		{"zoom below 1 is centred", 0.5, 0.1, 0.1, Rect{-0.5, -0.25, 2, 1.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Window(tt.z, tt.cx, tt.cy)
			if !near(got.X, tt.want.X) || !near(got.Y, tt.want.Y) || !near(got.W, tt.want.W) || !near(got.H, tt.want.H) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFromRect(t *testing.T) {
	f := CoverFrame(2, 16.0/9)
	z, cx, cy := f.FromRect(Rect{0.25, 0.25, 0.5, 0.5})
	w := f.Window(z, cx, cy)
	if w.W > 0.5+1e-9 || w.H > 0.5+1e-9 || !near(cx, 0.5) || !near(cy, 0.5) {
		t.Errorf("window %+v does not fit the rect", w)
	}
	if !near(w.W, 0.5) && !near(w.H, 0.5) {
		t.Errorf("window %+v touches neither side of the rect", w)
	}
}

func TestEase(t *testing.T) {
	for _, e := range []Ease{Linear, EaseIn, EaseOut, EaseInOut} {
		t.Run(e.String(), func(t *testing.T) {
			if !near(e.Apply(0), 0) || !near(e.Apply(1), 1) {
				t.Errorf("does not run from 0 to 1: %g, %g", e.Apply(0), e.Apply(1))
			}
			prev := 0.0
			for i := 1; i <= 100; i++ {
				v := e.Apply(float64(i) / 100)
				if v < prev {
					t.Fatalf("not monotonic at %d", i)
				}
				prev = v
			}
			back, err := ParseEase(e.String())
			if err != nil || back != e {
				t.Errorf("ParseEase(%q) = %v, %v", e.String(), back, err)
			}
		})
	}
	if EaseInOut.Apply(0.5) != 0.5 || EaseIn.Apply(0.5) >= 0.5 || EaseOut.Apply(0.5) <= 0.5 {
		t.Error("easings have the wrong shape")
	}
	if _, err := ParseEase("bounce"); err == nil {
		t.Error("unknown easing accepted")
	}
}

func TestMotionAt(t *testing.T) {
	m := Motion{
		Frame: CoverFrame(16.0/9, 16.0/9),
		Keyframes: []Keyframe{
			{At: 10, Zoom: 1, CX: 0.5, CY: 0.5},
			{At: 20, Zoom: 2, CX: 0.3, CY: 0.4, Ease: EaseInOut},
			{At: 30, Zoom: 2, CX: 0.3, CY: 0.4}, // hold
			{At: 40, Zoom: 2, CX: 0.7, CY: 0.4},
		},
	}
	tests := []struct {
		n         float64
		z, cx, cy float64
	}{
		{0, 1, 0.5, 0.5}, // before the first keyframe: hold
		{10, 1, 0.5, 0.5},
		{15, math.Sqrt2, 0.4, 0.45}, // half way, in-out eased to 0.5: geometric zoom
		{20, 2, 0.3, 0.4},
		{25, 2, 0.3, 0.4}, // hold
		{35, 2, 0.5, 0.4}, // linear pan
		{99, 2, 0.7, 0.4}, // after the last: hold
	}
	for _, tt := range tests {
		got := m.At(tt.n)
		want := m.Frame.Window(tt.z, tt.cx, tt.cy)
		if !near(got.X, want.X) || !near(got.Y, want.Y) || !near(got.W, want.W) {
			t.Errorf("At(%g) = %+v, want %+v", tt.n, got, want)
		}
	}
	if m.MaxZoom() != 2 {
		t.Errorf("MaxZoom = %g", m.MaxZoom())
	}
}

func TestCheckTransition(t *testing.T) {
	tests := []struct {
		name, suggest string
		ok            bool
	}{
		{"fade", "", true},
		{"none", "", true},
		{"zoomin", "", true},
		{"fdae", "fade", false},
		{"wipleft", "wipeleft", false},
		{"circle-open", "circleopen", false},
		{"custom", "random", false}, // within typo distance of random
		{"xyzzy-plugh", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTransition(tt.name)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckTransition(%q) = %v", tt.name, err)
			}
			if err != nil {
				ue := err.(*UnknownError)
				if ue.Suggest != tt.suggest {
					t.Errorf("suggested %q, want %q", ue.Suggest, tt.suggest)
				}
			}
		})
	}
}

func TestEscape(t *testing.T) {
	if got := Escape(`a:b'c\d`); got != `a\:b\'c\\d` {
		t.Errorf("Escape = %q", got)
	}
}

func TestSeconds(t *testing.T) {
	if got := Seconds(90, 30); got != "3.000000" {
		t.Errorf("Seconds(90, 30) = %q", got)
	}
	if got := Seconds(1, 3); got != "0.333333" {
		t.Errorf("Seconds(1, 3) = %q", got)
	}
}

func TestZoompanExprs(t *testing.T) {
	m := Motion{
		Frame: CoverFrame(16.0/9, 16.0/9),
		Keyframes: []Keyframe{
			{At: 0, Zoom: 1, CX: 0.5, CY: 0.5},
			{At: 60, Zoom: 1.5, CX: 0.25, CY: 0.5, Ease: EaseOut},
			{At: 70, Zoom: 1.5, CX: 0.25, CY: 0.5},
			{At: 99, Zoom: 1.2, CX: 0.6, CY: 0.3, Ease: EaseInOut},
		},
	}
	z, x, y := ZoompanExprs(m, 30, 2304, 1296, 8, 0)
	golden.Check(t, filepath.Join("testdata", "zoompan.golden"), "z="+z+"\nx="+x+"\ny="+y+"\n")
}
