package raster

import (
	"image"
	"image/color"
	"testing"
)

// TestOverlayBlend checks the overlay's placement and blending: nothing
// at opacity 0, the colour where it is opaque, half way at half alpha,
// and no sample outside its even-aligned rectangle touched.
func TestOverlayBlend(t *testing.T) {
	const w, h = 16, 8
	img := image.NewRGBA(image.Rect(5, 3, 9, 5))
	for y := 3; y < 5; y++ {
		for x := 5; x < 9; x++ {
			img.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
		}
	}
	img.SetRGBA(8, 4, color.RGBA{128, 128, 128, 128}) // white at half alpha, premultiplied
	o := NewOverlay(img, w, h)
	if o.X != 4 || o.Y != 2 || o.W != 6 || o.H != 4 {
		t.Fatalf("overlay at %d,%d %dx%d, want 4,2 6x4 (even-aligned)", o.X, o.Y, o.W, o.H)
	}
	p := New(w, h)
	under := o.Under(p)
	o.Blend(p, 1)
	o.Restore(p, under)
	for i, v := range p.Pix {
		if v != New(w, h).Pix[i] {
			t.Fatalf("Restore left sample %d at %d", i, v)
		}
	}
	o.Blend(p, 0)
	for i, v := range p.Y {
		if v != 16 {
			t.Fatalf("opacity 0 changed sample %d to %d", i, v)
		}
	}
	o.Blend(p, 1)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := p.Y[y*w+x]
			switch {
			case x == 8 && y == 4:
				if v < 120 || v > 130 {
					t.Errorf("half-alpha sample %d, want about 125", v)
				}
			case x >= 5 && x < 9 && y >= 3 && y < 5:
				if v != 235 {
					t.Errorf("opaque sample (%d,%d) = %d, want 235", x, y, v)
				}
			default:
				if v != 16 {
					t.Errorf("sample (%d,%d) outside the text = %d, want 16", x, y, v)
				}
			}
		}
	}
	for i, v := range p.Cb {
		if v != 128 || p.Cr[i] != 128 {
			t.Errorf("white text changed chroma sample %d: %d,%d", i, v, p.Cr[i])
		}
	}
}
