package main

import (
	"image"
	"image/color"
)

// sheetInterest is the colour of the interest box on the contact sheet:
// white, apart from the keyframes' colours, dashed so that it reads as a
// guide rather than a window the video shows.
var sheetInterest = color.NRGBA{255, 255, 255, 255}

// dashRect draws r's outline one pixel wide, in dashes of 6 pixels.
func dashRect(dst *image.NRGBA, r image.Rectangle) {
	const on, period = 6, 10
	r = r.Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	for x := r.Min.X; x < r.Max.X; x++ {
		if (x-r.Min.X)%period < on {
			dst.SetNRGBA(x, r.Min.Y, sheetInterest)
			dst.SetNRGBA(x, r.Max.Y-1, sheetInterest)
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if (y-r.Min.Y)%period < on {
			dst.SetNRGBA(r.Min.X, y, sheetInterest)
			dst.SetNRGBA(r.Max.X-1, y, sheetInterest)
		}
	}
}
