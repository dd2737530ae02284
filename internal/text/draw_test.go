package text

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/testenv"
)

const hard = `it's 12:00, "quoted" [1] \ 100% ✓`

var white = color.NRGBA{255, 255, 255, 255}

func load(t *testing.T, path string) *Fonts {
	t.Helper()
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestDrawGolden pins the look of a caption: the hard caption,
// boxed and shadowed, on grey at 320x180. Refresh with go test -update.
func TestDrawGolden(t *testing.T) {
	f := load(t, "")
	if len(f.Missing(hard)) > 0 {
		// ✓ comes from a system font (DejaVu Sans on Debian: CI installs
		// fonts-dejavu-core); without one the picture differs.
		t.Skipf("no font on this system has ✓ (fonts tried: %v)", f.Names())
	}
	img := f.Draw([]Para{{Text: hard, Scale: 1}}, Style{Size: 0.07, Color: white, Position: setting.PositionBottom, Box: true, Shadow: true}, 320, 180)
	frame := image.NewRGBA(image.Rect(0, 0, 320, 180))
	draw.Draw(frame, frame.Bounds(), image.NewUniform(color.Gray{128}), image.Point{}, draw.Src)
	draw.Draw(frame, img.Bounds(), img, img.Bounds().Min, draw.Over)
	path := filepath.Join("testdata", "caption-320x180.png")
	if golden.Updating() {
		var b bytes.Buffer
		if err := png.Encode(&b, frame); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, path, b.String())
		return
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	defer fh.Close()
	want, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	// The rasterizer works in float32; allow a step of rounding.
	var worst, differ int
	for y := 0; y < 180; y++ {
		for x := 0; x < 320; x++ {
			r1, g1, b1, _ := frame.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				d = max(d, -d)
				worst = max(worst, d)
				if d > 2 {
					differ++
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d samples differ from %s by more than 2 (worst %d): run go test -update if the change is intended", differ, path, worst)
	}
}

// TestDrawPlacement checks where text goes: in the safe area, centred, at
// the position asked, wrapped when long, and nothing for no text.
func TestDrawPlacement(t *testing.T) {
	f := load(t, "")
	const w, h = 640, 360
	safe := image.Rect(int(Safe*w), int(Safe*h), w-int(Safe*w), h-int(Safe*h))
	long := strings.Repeat("a long caption that goes on ", 6)
	tests := []struct {
		name  string
		text  string
		pos   setting.Position
		check func(t *testing.T, r image.Rectangle)
	}{
		{"bottom", "Harbour at dawn", setting.PositionBottom, func(t *testing.T, r image.Rectangle) {
			if r.Min.Y < h/2 {
				t.Errorf("bottom caption at %v", r)
			}
		}},
		{"top", "Harbour at dawn", setting.PositionTop, func(t *testing.T, r image.Rectangle) {
			if r.Max.Y > h/2 {
				t.Errorf("top caption at %v", r)
			}
		}},
		{"center", "Harbour at dawn", setting.PositionCenter, func(t *testing.T, r image.Rectangle) {
			if c := (r.Min.Y + r.Max.Y) / 2; c < h/2-10 || c > h/2+10 {
				t.Errorf("centred caption at %v", r)
			}
		}},
		{"wrapped", long, setting.PositionBottom, func(t *testing.T, r image.Rectangle) {
			if r.Dy() < 2*int(0.05*h) {
				t.Errorf("long caption on one line: %v", r)
			}
		}},
		{"newline", "one\ntwo", setting.PositionBottom, func(t *testing.T, r image.Rectangle) {
			if r.Dy() < int(0.05*h*1.5) {
				t.Errorf("two lines in %v", r)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.Draw([]Para{{Text: tt.text, Scale: 1}}, Style{Size: 0.05, Color: white, Position: tt.pos}, w, h).Bounds()
			if r.Empty() || !r.In(safe) {
				t.Fatalf("text at %v, want inside the safe area %v", r, safe)
			}
			if c := (r.Min.X + r.Max.X) / 2; c < w/2-2 || c > w/2+2 {
				t.Errorf("text at %v is not centred", r)
			}
			tt.check(t, r)
		})
	}
	if r := f.Draw([]Para{{Text: "", Scale: 1}}, Style{Size: 0.05, Color: white}, w, h).Bounds(); !r.Empty() {
		t.Errorf("empty text drawn at %v", r)
	}
}

// TestDrawLiteral checks that characters are drawn, not interpreted: each
// character of the hard caption adds ink, and a backslash before n is two
// characters, not a line break.
func TestDrawLiteral(t *testing.T) {
	f := load(t, "")
	st := Style{Size: 0.1, Color: white}
	width := func(s string) int { return f.Draw([]Para{{Text: s, Scale: 1}}, st, 1280, 720).Bounds().Dx() }
	for _, r := range hard {
		if r == ' ' {
			continue
		}
		if width("a"+string(r)+"a") <= width("aa") {
			t.Errorf("%q draws nothing", r)
		}
	}
	one := f.Draw([]Para{{Text: `a\nb`, Scale: 1}}, st, 1280, 720).Bounds()
	two := f.Draw([]Para{{Text: "a\nb", Scale: 1}}, st, 1280, 720).Bounds()
	if one.Dy() >= two.Dy() {
		t.Errorf(`"a\nb" (backslash, n) is as tall as two lines: %v, %v`, one, two)
	}
}

// TestEmoji checks that emoji are drawn, in one colour, from a system
// font (fonts-symbola on Debian, which CI installs), and not as the
// replacement character.
func TestEmoji(t *testing.T) {
	const emoji = "🎉🌅❤😀"
	f := load(t, "")
	if m := f.Missing(emoji); len(m) != 0 {
		if !testenv.InCI() {
			t.Skipf("no installed font has %q (install fonts-symbola)", string(m))
		}
		t.Fatalf("no font has %q: CI installs fonts-symbola", string(m))
	}
	st := Style{Size: 0.1, Color: white}
	draw := func(s string) *image.RGBA { return f.Draw([]Para{{Text: s, Scale: 1}}, st, 640, 360) }
	party, repl := draw("🎉"), draw("\uFFFD")
	if party.Bounds() == repl.Bounds() && bytes.Equal(party.Pix, repl.Pix) {
		t.Error("🎉 is drawn as the replacement character")
	}
	if opaque(party) < 20 {
		t.Errorf("🎉 draws %d opaque pixels", opaque(party))
	}
}

func opaque(img *image.RGBA) int {
	n := 0
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] > 128 {
			n++
		}
	}
	return n
}

// TestMissing checks that characters no font has are reported, and drawn
// as something rather than dropped.
func TestMissing(t *testing.T) {
	f := load(t, "")
	if m := f.Missing("plain text, 100%"); len(m) != 0 {
		t.Errorf("missing %q in plain text", string(m))
	}
	// U+10FFFD is a private-use character no font draws.
	const none = "\U0010FFFD"
	if m := f.Missing("a" + none + "b" + none); string(m) != none {
		t.Errorf("missing %q, want %q once", string(m), none)
	}
	st := Style{Size: 0.1, Color: white}
	if a, b := f.Draw([]Para{{Text: "a" + none + "b", Scale: 1}}, st, 640, 360).Bounds(), f.Draw([]Para{{Text: "ab", Scale: 1}}, st, 640, 360).Bounds(); a.Dx() <= b.Dx() {
		t.Errorf("a missing character is dropped: %v vs %v", a, b)
	}
}

// TestLoadErrors checks that a font that cannot be used is an error that
// names it.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	notFont := filepath.Join(dir, "notes.ttf")
	if err := os.WriteFile(notFont, []byte("not a font"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.ttf"), "missing.ttf: no such file"},
		{notFont, "notes.ttf: not a TrueType or OpenType font"},
		{dir, "font " + dir},
	} {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			_, err := Load(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load(%s) = %v, want an error with %q", tt.path, err, tt.want)
			}
			if CheckFont(tt.path) == nil {
				t.Errorf("CheckFont(%s) accepts it", tt.path)
			}
		})
	}
}
