package raster

import (
	"image"
	"testing"
)

func BenchmarkDraw1080p(b *testing.B) {
	for _, bc := range []struct {
		name string
		zoom float64
	}{{"zoom1.0", 1}, {"zoom1.2", 1.2}} {
		b.Run(bc.name, func(b *testing.B) {
			src := New(2304, 1296)
			for i := range src.Pix {
				src.Pix[i] = byte(i * 7)
			}
			dst := New(1920, 1080)
			s := NewSampler(0)
			w := 2304 / bc.zoom
			h := 1296 / bc.zoom
			for i := 0; i < b.N; i++ {
				s.Draw(dst, image.Rect(0, 0, 1920, 1080), src, Window{X: 0.3 + float64(i%7)*0.1, Y: 0.2, W: w - 1, H: h - 1})
			}
		})
	}
}
