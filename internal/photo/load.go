package photo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"

	"github.com/disintegration/imaging"
)

// Load decodes the photo at info.Path, turns it upright, converts colours
// from an embedded ICC profile (Adobe RGB, Display P3, CMYK, ...) to sRGB,
// composites any transparency over bg and resizes it to w x h with a
// Lanczos filter (w, h of 0 keep the upright size). The source file is
// only read. Truncated or corrupt image data is an error, never a partly
// grey picture, and a decoder panic on a hostile file is returned as an
// error too. Errors do not repeat the path: callers name the file.
//
// Load runs no program for JPEG, PNG, GIF, WebP, BMP and TIFF photos
// other than CMYK ones with a colour profile; use LoadContext for those,
// whose profile Little CMS's transicc evaluates, and for HEIC and AVIF,
// which it decodes with heif-convert.
func Load(info Info, bg color.Color, w, h int) (*image.NRGBA, error) {
	return LoadContext(context.Background(), info, bg, w, h)
}

// LoadContext is Load with a context that ends the program a HEIC or
// AVIF photo, or a CMYK one with a profile, needs: cancelling ctx stops
// it, and the program is bounded by a timeout of its own too.
func LoadContext(ctx context.Context, info Info, bg color.Color, w, h int) (*image.NRGBA, error) {
	f, _, err := open(info.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return load(ctx, f, info, bg, w, h)
}

// load is Load on an open file.
func load(ctx context.Context, r io.ReadSeeker, info Info, bg color.Color, w, h int) (*image.NRGBA, error) {
	var img image.Image
	var icc []byte
	var t *iccTransform
	var err error
	if isHEIF(info.Format) {
		img, t, err = decodeHEIFPhoto(ctx, r, info)
	} else {
		img, icc, err = decode(r, info)
		t = parseICC(icc)
	}
	if err != nil {
		return nil, err
	}
	var flat *image.NRGBA
	switch m := img.(type) {
	case *image.CMYK:
		if isCMYKProfile(icc) {
			if flat, err = convertCMYK(ctx, m, icc, info.Format); err != nil {
				return nil, err
			}
		}
	case *image.YCbCr:
		if info.Format == "webp" {
			flat = studioYCbCrToNRGBA(m, nil)
		}
	case *image.NYCbCrA:
		if info.Format == "webp" {
			flat = studioYCbCrToNRGBA(&m.YCbCr, m)
		}
	}
	if flat == nil {
		// imaging.Clone converts any decoded model to NRGBA in parallel; the
		// generic draw path would take seconds on a 24 MP photo.
		flat = imaging.Clone(img)
	}
	img = nil
	flat = Orient(flat, info.Orientation)
	if t != nil {
		t.convert(flat)
	}
	Flatten(flat, bg)
	if w > 0 && h > 0 && (w != flat.Bounds().Dx() || h != flat.Bounds().Dy()) {
		flat = imaging.Resize(flat, w, h, imaging.Lanczos)
	}
	return flat, nil
}

// errSizeMismatch marks a decoded image whose size is not the one its
// header announced, which FuzzProbe treats as a failure: the pixel budget
// is only as good as that agreement.
var errSizeMismatch = errors.New("size mismatch")

// decode reads the header again, checks it against what Probe saw, and
// decodes the pixels and the embedded ICC profile, if any.
func decode(f io.ReadSeeker, info Info) (img image.Image, icc []byte, err error) {
	cfg, format, ct, err := readConfig(f)
	if err != nil {
		return nil, nil, err
	}
	// The file may have been replaced since Probe checked the pixel budget:
	// decode only what Probe accepted, so that memory stays bounded.
	budget := DefaultMaxPixels
	if sw, sh := info.stored(); sw > 0 && sh > 0 {
		budget = max(sw*sh, 1)
	}
	if err := checkBudget(cfg.Width, cfg.Height, budget); err != nil {
		return nil, nil, fmt.Errorf("the photo changed since it was listed (now %dx%d): %w; run again", cfg.Width, cfg.Height, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, fmt.Errorf("cannot read: %w", err)
	}
	icc = readICC(f, format)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, fmt.Errorf("cannot read: %w", err)
	}
	defer func() {
		// The decoders are fed untrusted bytes: a panic in one must fail
		// this photo, not the whole run.
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("%w %s: the decoder failed (%v); re-export the photo", ErrDamaged, formatName(format), p)
		}
	}()
	if ct != nil {
		// Go's TIFF decoder refuses CMYK (tiffcmyk.go).
		if img, err = ct.decode(f); err != nil {
			return nil, nil, err
		}
	} else if img, _, err = image.Decode(bufio.NewReader(f)); err != nil {
		return nil, nil, damaged(format, "image data", err)
	}
	// Every decoder allocates the size its header announces; a decoded
	// size that differs would mean the budget check above was bypassed.
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, nil, fmt.Errorf("%w %s: %w: the header says %dx%d but the image is %dx%d; re-export the photo",
			ErrDamaged, formatName(format), errSizeMismatch, cfg.Width, cfg.Height, b.Dx(), b.Dy())
	}
	return img, icc, nil
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
