package raster

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

func randomPlanes(w, h int, seed uint64) *Planes {
	p := New(w, h)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range p.Pix {
		p.Pix[i] = byte(16 + r.IntN(220))
	}
	return p
}

// TestDrawExact checks the cases where the right answer is known exactly:
// a 1:1 window on whole pixels copies the source, a whole-pixel shift
// shifts it, a flat picture stays flat at any scale and offset.
func TestDrawExact(t *testing.T) {
	src := randomPlanes(64, 48, 1)
	s := NewSampler(2)
	t.Run("identity", func(t *testing.T) {
		dst := New(64, 48)
		s.Draw(dst, dst.Bounds(), src, Window{0, 0, 64, 48})
		for i := range dst.Pix {
			if dst.Pix[i] != src.Pix[i] {
				t.Fatalf("byte %d: %d, want %d", i, dst.Pix[i], src.Pix[i])
			}
		}
	})
	t.Run("whole-pixel shift", func(t *testing.T) {
		dst := New(32, 24)
		s.Draw(dst, dst.Bounds(), src, Window{10, 6, 32, 24})
		for y := 0; y < 24; y++ {
			for x := 0; x < 32; x++ {
				if got, want := dst.Y[y*32+x], src.Y[(y+6)*64+x+10]; got != want {
					t.Fatalf("(%d,%d): %d, want %d", x, y, got, want)
				}
			}
		}
	})
	t.Run("flat stays flat", func(t *testing.T) {
		flat := New(100, 60)
		flat.Fill(120, 90, 200)
		dst := New(64, 36)
		for _, win := range []Window{{0.3, 0.7, 80.5, 45.2}, {10.25, 3.5, 33.3, 18.7}, {0, 0, 100, 60}} {
			s.Draw(dst, dst.Bounds(), flat, win)
			for i, v := range dst.Y {
				if v != 120 {
					t.Fatalf("window %+v: Y[%d] = %d", win, i, v)
				}
			}
			for i, v := range dst.Cr {
				if v != 200 {
					t.Fatalf("window %+v: Cr[%d] = %d", win, i, v)
				}
			}
		}
	})
	t.Run("half-pixel shift interpolates", func(t *testing.T) {
		ramp := New(64, 16)
		for y := 0; y < 16; y++ {
			for x := 0; x < 64; x++ {
				ramp.Y[y*64+x] = byte(50 + 2*x)
			}
		}
		dst := New(32, 16)
		s.Draw(dst, dst.Bounds(), ramp, Window{10.5, 0, 32, 16})
		// A linear ramp is reproduced exactly by Catmull-Rom: 50+2*(x+10.5).
		for x := 2; x < 30; x++ {
			if got, want := int(dst.Y[4*32+x]), 50+2*x+21; got != want {
				t.Errorf("x=%d: %d, want %d", x, got, want)
			}
		}
	})
}

// TestDrawIntoRect checks that drawing into part of the frame leaves the
// rest (the background) alone.
func TestDrawIntoRect(t *testing.T) {
	src := randomPlanes(40, 40, 2)
	dst := New(64, 36)
	dst.Fill(30, 40, 50)
	r := image.Rect(12, 2, 52, 34)
	NewSampler(1).Draw(dst, r, src, Window{0, 0, 40, 40})
	for y := 0; y < 36; y++ {
		for x := 0; x < 64; x++ {
			if !(image.Pt(x, y).In(r)) && dst.Y[y*64+x] != 30 {
				t.Fatalf("background changed at (%d,%d)", x, y)
			}
		}
	}
}

func TestRGBToYCbCr(t *testing.T) {
	tests := []struct {
		c         color.NRGBA
		y, cb, cr uint8
	}{
		{color.NRGBA{0, 0, 0, 255}, 16, 128, 128},
		{color.NRGBA{255, 255, 255, 255}, 235, 128, 128},
		{color.NRGBA{255, 0, 0, 255}, 63, 102, 240}, // BT.709 red
	}
	for _, tt := range tests {
		y, cb, cr := RGBToYCbCr(tt.c.R, tt.c.G, tt.c.B)
		if y != tt.y || cb != tt.cb || cr != tt.cr {
			t.Errorf("%v: got %d %d %d, want %d %d %d", tt.c, y, cb, cr, tt.y, tt.cb, tt.cr)
		}
	}
}

// TestFromNRGBAMatchesFloat checks the fixed-point conversion against the
// floating-point reference on random colours.
func TestFromNRGBAMatchesFloat(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 32))
	r := rand.New(rand.NewPCG(3, 4))
	for i := range img.Pix {
		img.Pix[i] = byte(r.IntN(256))
	}
	p := FromNRGBA(img)
	worst := 0
	for y := 0; y < 32; y++ {
		for x := 0; x < 64; x++ {
			o := y*img.Stride + x*4
			want, _, _ := RGBToYCbCr(img.Pix[o], img.Pix[o+1], img.Pix[o+2])
			worst = max(worst, abs(int(p.Y[y*64+x])-int(want)))
		}
	}
	for y := 0; y < 32; y += 2 {
		for x := 0; x < 64; x += 2 {
			var cb, cr float64
			for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				o := (y+d[1])*img.Stride + (x+d[0])*4
				_, b, c := RGBToYCbCr(img.Pix[o], img.Pix[o+1], img.Pix[o+2])
				cb += float64(b) / 4
				cr += float64(c) / 4
			}
			worst = max(worst, abs(int(p.Cb[(y/2)*32+x/2])-int(cb+0.5)), abs(int(p.Cr[(y/2)*32+x/2])-int(cr+0.5)))
		}
	}
	if worst > 1 {
		t.Errorf("fixed point differs from the reference by up to %d levels", worst)
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestDrawTinySource draws from pictures smaller than the filter: a 2x2
// photo (1x1 chroma) and a 2-pixel-wide one, enlarged and shrunk.
func TestDrawTinySource(t *testing.T) {
	for _, size := range [][2]int{{2, 2}, {2, 700}, {700, 2}, {4, 4}} {
		src := New(size[0], size[1])
		src.Fill(100, 110, 120)
		for _, k := range []*Sampler{NewSampler(1), NewReducer(1)} {
			dst := New(64, 36)
			k.Draw(dst, dst.Bounds(), src, Window{0.25, 0.25, float64(size[0]) / 2, float64(size[1]) / 2})
			if dst.Y[0] != 100 || dst.Cb[0] != 110 || dst.Cr[len(dst.Cr)-1] != 120 {
				t.Errorf("%v: got Y %d Cb %d Cr %d, want 100 110 120", size, dst.Y[0], dst.Cb[0], dst.Cr[len(dst.Cr)-1])
			}
		}
	}
}
