package photo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

// quadrantColours are the colours of the quadrants of the upright test
// picture: all four differ, so each of the eight orientations gives a
// different stored picture.
func quadrantColours() [4]color.NRGBA {
	return [4]color.NRGBA{
		{220, 30, 30, 255},  // top left: red
		{30, 200, 30, 255},  // top right: green
		{30, 30, 220, 255},  // bottom left: blue
		{230, 220, 30, 255}, // bottom right: yellow
	}
}

// uprightPicture is w x h (w != h, so that a missing quarter turn shows in
// the size) with four coloured quadrants.
func uprightPicture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	colours := quadrantColours()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			q := 0
			if x >= w/2 {
				q++
			}
			if y >= h/2 {
				q += 2
			}
			img.SetNRGBA(x, y, colours[q])
		}
	}
	return img
}

// storedPicture is what a camera writes for the upright picture u with
// the EXIF orientation o, from the definition in the EXIF standard (where
// the stored 0th row and 0th column are seen), independently of Orient.
func storedPicture(u *image.NRGBA, o int) *image.NRGBA {
	uw, uh := u.Rect.Dx(), u.Rect.Dy()
	sw, sh := uw, uh
	if o >= 5 {
		sw, sh = uh, uw
	}
	s := image.NewNRGBA(image.Rect(0, 0, sw, sh))
	for sy := 0; sy < sh; sy++ {
		for sx := 0; sx < sw; sx++ {
			var ux, uy int
			switch o {
			case 1: // 0th row at the top, 0th column on the left
				ux, uy = sx, sy
			case 2: // top, right
				ux, uy = sw-1-sx, sy
			case 3: // bottom, right
				ux, uy = sw-1-sx, sh-1-sy
			case 4: // bottom, left
				ux, uy = sx, sh-1-sy
			case 5: // left, top
				ux, uy = sy, sx
			case 6: // right, top
				ux, uy = sh-1-sy, sx
			case 7: // right, bottom
				ux, uy = sh-1-sy, sw-1-sx
			case 8: // left, bottom
				ux, uy = sy, sw-1-sx
			}
			s.SetNRGBA(sx, sy, u.NRGBAAt(ux, uy))
		}
	}
	return s
}

// exifSegment is a minimal APP1 Exif segment: a big-endian TIFF header and
// one IFD holding only the Orientation tag.
func exifSegment(orientation int) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")                        // big endian, TIFF magic
	binary.Write(&tiff, binary.BigEndian, uint32(8))      // offset of IFD0
	binary.Write(&tiff, binary.BigEndian, uint16(1))      // one entry
	binary.Write(&tiff, binary.BigEndian, uint16(0x0112)) // Orientation
	binary.Write(&tiff, binary.BigEndian, uint16(3))      // SHORT
	binary.Write(&tiff, binary.BigEndian, uint32(1))      // count
	binary.Write(&tiff, binary.BigEndian, uint16(orientation))
	binary.Write(&tiff, binary.BigEndian, uint16(0)) // padding of the value
	binary.Write(&tiff, binary.BigEndian, uint32(0)) // no IFD1
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// jpegWithSegments encodes img as a JPEG with the given marker segments
// (APP1 Exif, APP2 ICC, ...) inserted right after the start-of-image marker.
func jpegWithSegments(t testing.TB, img image.Image, segs ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	out := append([]byte{}, b[:2]...)
	for _, seg := range segs {
		out = append(out, seg...)
	}
	return append(out, b[2:]...)
}

// jpegWithOrientation encodes img as a JPEG carrying the EXIF orientation.
func jpegWithOrientation(t *testing.T, img image.Image, orientation int) []byte {
	t.Helper()
	return jpegWithSegments(t, img, exifSegment(orientation))
}

// TestOrientations stores one upright picture as JPEGs with each of the
// eight EXIF orientations: Probe must report the upright size and Load
// must give back the upright picture.
func TestOrientations(t *testing.T) {
	const w, h = 64, 40
	upright := uprightPicture(w, h)
	dir := t.TempDir()
	for o := 1; o <= 8; o++ {
		t.Run(fmt.Sprintf("orientation %d", o), func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("o%d.jpg", o))
			if err := os.WriteFile(path, jpegWithOrientation(t, storedPicture(upright, o), o), 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(path, 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			if info.Orientation != o || info.Width != w || info.Height != h {
				t.Fatalf("Probe = orientation %d, %dx%d; want %d, %dx%d", info.Orientation, info.Width, info.Height, o, w, h)
			}
			for _, size := range []struct{ w, h int }{{0, 0}, {w / 2, h / 2}} {
				img, err := Load(info, color.Black, size.w, size.h)
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				checkQuadrants(t, img)
			}
		})
	}
}

// checkQuadrants compares the middle of each quadrant of img with the
// upright picture's colours (JPEG leaves them a few levels off).
func checkQuadrants(t *testing.T, img *image.NRGBA) {
	t.Helper()
	b := img.Bounds()
	for q, want := range quadrantColours() {
		x := b.Min.X + b.Dx()/4 + (q%2)*b.Dx()/2
		y := b.Min.Y + b.Dy()/4 + (q/2)*b.Dy()/2
		got := img.NRGBAAt(x, y)
		if absDiff(got.R, want.R) > 24 || absDiff(got.G, want.G) > 24 || absDiff(got.B, want.B) > 24 {
			t.Errorf("%dx%d: quadrant %d at (%d,%d) is %v, want about %v", b.Dx(), b.Dy(), q, x, y, got, want)
		}
	}
}

func absDiff(a, b uint8) int {
	return max(int(a)-int(b), int(b)-int(a))
}
