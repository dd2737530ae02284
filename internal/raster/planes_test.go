package raster

import (
	"fmt"
	"image"
	"image/color"
	"testing"
)

// TestNRGBARoundTrip converts flat colours to planes and back: NRGBA must
// invert FromNRGBA to within the rounding of 8-bit limited range.
func TestNRGBARoundTrip(t *testing.T) {
	for _, c := range []color.NRGBA{
		{0, 0, 0, 255}, {255, 255, 255, 255}, {255, 0, 0, 255}, {0, 255, 0, 255},
		{0, 0, 255, 255}, {255, 200, 0, 255}, {12, 130, 240, 255}, {128, 128, 128, 255},
	} {
		t.Run(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B), func(t *testing.T) {
			img := image.NewNRGBA(image.Rect(0, 0, 6, 4))
			for i := 0; i < len(img.Pix); i += 4 {
				img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 255
			}
			back := FromNRGBA(img).NRGBA()
			if back.Bounds() != img.Bounds() {
				t.Fatalf("size %v, want %v", back.Bounds(), img.Bounds())
			}
			for i := 0; i < len(img.Pix); i++ {
				if d := int(back.Pix[i]) - int(img.Pix[i]); d < -2 || d > 2 {
					t.Fatalf("byte %d: got %d, want %d±2 (%v)", i, back.Pix[i], img.Pix[i], back.Pix[:4])
				}
			}
		})
	}
}
