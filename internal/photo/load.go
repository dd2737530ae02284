package photo

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"os"

	"github.com/disintegration/imaging"
)

// Load decodes the photo at info.Path, turns it upright, composites any
// transparency over bg and resizes it to w x h with a Lanczos filter (w, h
// of 0 keep the upright size). The source file is only read.
func Load(info Info, bg color.Color, w, h int) (*image.NRGBA, error) {
	f, err := os.Open(info.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", info.Format, err)
	}
	// imaging.Clone converts any decoded model to NRGBA in parallel; the
	// generic draw path would take seconds on a 24 MP photo.
	flat := imaging.Clone(img)
	img = nil
	flat = Orient(flat, info.Orientation)
	Flatten(flat, bg)
	if w > 0 && h > 0 && (w != flat.Bounds().Dx() || h != flat.Bounds().Dy()) {
		flat = imaging.Resize(flat, w, h, imaging.Lanczos)
	}
	return flat, nil
}

// Orient applies an EXIF orientation (1..8) so the result is upright.
func Orient(img *image.NRGBA, orientation int) *image.NRGBA {
	switch orientation {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}

// Flatten composites img over the opaque colour bg in place, leaving every
// pixel opaque.
func Flatten(img *image.NRGBA, bg color.Color) {
	r, g, b, _ := bg.RGBA()
	br, bgc, bb := int(r>>8), int(g>>8), int(b>>8)
	p := img.Pix
	for i := 0; i+3 < len(p); i += 4 {
		a := int(p[i+3])
		if a == 255 {
			continue
		}
		p[i] = uint8((int(p[i])*a + br*(255-a) + 127) / 255)
		p[i+1] = uint8((int(p[i+1])*a + bgc*(255-a) + 127) / 255)
		p[i+2] = uint8((int(p[i+2])*a + bb*(255-a) + 127) / 255)
		p[i+3] = 255
	}
}
