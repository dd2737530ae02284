// Package text draws captions and titles in Go: one code path for both
// engines. The smooth engine blends the drawn text into its frames; the
// zoompan engine overlays it, saved as a PNG, with ffmpeg. Text is laid out
// in the frame's coordinates with sub-pixel glyph positions and
// anti-aliased edges, once per chunk, so a caption over a moving photo
// stays still and sharp.
package text

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/kenburns/kenburns/internal/setting"
)

// Style is how text looks.
type Style struct {
	Font     string      // a TTF or OTF file; "" = Go Regular, bundled
	Size     float64     // the font's size as a fraction of the frame's height
	Color    color.NRGBA // of the letters
	Position setting.Position
	Box      bool // a translucent dark box behind the text
	Shadow   bool // a dark shadow below and right of the letters
}

// Para is a paragraph of a text block; Scale multiplies the style's size
// (a title's subtitle is smaller than the title).
type Para struct {
	Text  string
	Scale float64
}

// Safe is the margin, as a fraction of each side, that text keeps from the
// frame's edges: the title-safe area of television, so that nothing is cut
// by an overscanning screen or a player's rounded corners.
const Safe = 0.05

var (
	boxColor    = color.NRGBA{A: 140}
	shadowColor = color.NRGBA{A: 170}
)

// glyph is one character placed on a line.
type glyph struct {
	r    rune
	face int // index into the faces; the first for a missing character
	x    fixed.Int26_6
}

// line is a laid-out line of one paragraph.
type line struct {
	glyphs []glyph
	width  fixed.Int26_6
	para   int
}

// Draw lays out paras in style st on a w x h frame and returns the drawn
// block: premultiplied RGBA whose bounds are where it goes in the frame,
// and which is transparent apart from the letters, their shadow and box.
// Long lines wrap at spaces (or anywhere, in a word too long for a line)
// to stay in the safe area; newlines break lines. Characters no font has
// are drawn as the font's empty box: Fonts.Missing lists them for a
// warning. An empty text gives an empty image.
func (f *Fonts) Draw(paras []Para, st Style, w, h int) *image.RGBA {
	frame := image.Rect(0, 0, w, h)
	dst := image.NewRGBA(frame)
	faces := make([][]font.Face, len(paras))
	var lines []line
	var buf sfnt.Buffer
	maxW := fixed.Int26_6(float64(w) * (1 - 2*Safe) * 64)
	type metrics struct{ height, ascent fixed.Int26_6 }
	ms := make([]metrics, len(paras))
	for i, p := range paras {
		px := st.Size * p.Scale * float64(h)
		for _, ft := range f.list {
			face, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				face = nil
			}
			faces[i] = append(faces[i], face)
		}
		m := faces[i][0].Metrics()
		ms[i] = metrics{height: m.Height, ascent: m.Ascent}
		if st.Box {
			maxW -= fixed.Int26_6(px * 0.5 * 64)
		}
		for _, text := range strings.Split(strings.ReplaceAll(p.Text, "\r\n", "\n"), "\n") {
			for _, l := range f.wrap(&buf, faces[i], text, maxW) {
				l.para = i
				lines = append(lines, l)
			}
		}
	}
	if len(lines) == 0 {
		return dst.SubImage(image.Rectangle{}).(*image.RGBA)
	}
	var blockH fixed.Int26_6
	for _, l := range lines {
		blockH += ms[l.para].height
	}
	top := topOf(st.Position, blockH, h)
	// Every line's pen position, then the box around them all.
	type placed struct {
		l    line
		x, y fixed.Int26_6 // baseline start
	}
	var ps []placed
	y := top
	box := image.Rectangle{}
	for _, l := range lines {
		x := (fixed.I(w) - l.width) / 2
		ps = append(ps, placed{l, x, y + ms[l.para].ascent})
		r := image.Rect(x.Floor(), y.Floor(), (x + l.width).Ceil(), (y + ms[l.para].height).Ceil())
		box = box.Union(r)
		y += ms[l.para].height
	}
	if st.Box {
		pad := int(math.Round(st.Size * float64(h) * 0.25))
		b := box.Inset(-pad).Intersect(frame)
		draw.Draw(dst, b, image.NewUniform(boxColor), image.Point{}, draw.Over)
	}
	passes := []struct {
		c      color.NRGBA
		dx, dy fixed.Int26_6
	}{{st.Color, 0, 0}}
	if st.Shadow {
		d := fixed.Int26_6(math.Max(1, st.Size*float64(h)*0.06) * 64)
		passes = []struct {
			c      color.NRGBA
			dx, dy fixed.Int26_6
		}{{shadowColor, d, d}, {st.Color, 0, 0}}
	}
	for _, pass := range passes {
		src := image.NewUniform(pass.c)
		for _, p := range ps {
			for _, g := range p.l.glyphs {
				face := faces[p.l.para][g.face]
				dot := fixed.Point26_6{X: p.x + g.x + pass.dx, Y: p.y + pass.dy}
				dr, mask, mp, _, ok := face.Glyph(dot, g.r)
				if !ok {
					continue
				}
				draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
			}
		}
	}
	return dst.SubImage(opaqueBounds(dst)).(*image.RGBA)
}

// topOf is the top of a block of height bh in a frame of height h.
func topOf(p setting.Position, bh fixed.Int26_6, h int) fixed.Int26_6 {
	margin := fixed.Int26_6(float64(h) * Safe * 64)
	switch p {
	case setting.PositionTop:
		return margin
	case setting.PositionCenter:
		return (fixed.I(h) - bh) / 2
	}
	return fixed.I(h) - margin - bh
}

// wrap breaks text into lines no wider than maxW, at spaces where it can.
func (f *Fonts) wrap(buf *sfnt.Buffer, faces []font.Face, text string, maxW fixed.Int26_6) []line {
	words := strings.Split(text, " ")
	var out []line
	var cur []rune
	flush := func() {
		out = append(out, f.layout(buf, faces, cur))
		cur = nil
	}
	for _, w := range words {
		try := append(append([]rune(nil), cur...), []rune(w)...)
		if len(cur) > 0 {
			try = append(append(append([]rune(nil), cur...), ' '), []rune(w)...)
		}
		if f.layout(buf, faces, try).width <= maxW {
			cur = try
			continue
		}
		if len(cur) > 0 {
			flush()
		}
		// A word too long for a line alone is broken where it must be.
		for _, r := range w {
			next := append(cur, r)
			if len(cur) > 0 && f.layout(buf, faces, next).width > maxW {
				flush()
				next = []rune{r}
			}
			cur = next
		}
	}
	flush()
	return out
}

// layout places the characters of one line, each in the first font that
// has it, kerning pairs in the same font.
func (f *Fonts) layout(buf *sfnt.Buffer, faces []font.Face, rs []rune) line {
	var l line
	var x fixed.Int26_6
	prev := rune(-1)
	prevFace := -1
	for _, r := range rs {
		if r == '\t' {
			r = ' '
		}
		if invisible(r) {
			continue
		}
		fi := f.which(buf, r)
		if fi < 0 {
			// Shown as the replacement character, and Missing warns.
			r = 0xFFFD
			fi = max(0, f.which(buf, r))
		}
		if faces[fi] == nil {
			fi = 0
		}
		if fi == prevFace && prev >= 0 {
			x += faces[fi].Kern(prev, r)
		}
		l.glyphs = append(l.glyphs, glyph{r: r, face: fi, x: x})
		adv, _ := faces[fi].GlyphAdvance(r)
		x += adv
		prev, prevFace = r, fi
	}
	l.width = x
	return l
}

// opaqueBounds is the smallest rectangle holding every pixel of img that
// is not fully transparent.
func opaqueBounds(img *image.RGBA) image.Rectangle {
	b := img.Bounds()
	x0, y0, x1, y1 := b.Max.X, b.Max.Y, b.Min.X, b.Min.Y
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[(y-b.Min.Y)*img.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			if row[(x-b.Min.X)*4+3] != 0 {
				x0, x1 = min(x0, x), max(x1, x+1)
				y0, y1 = min(y0, y), max(y1, y+1)
			}
		}
	}
	if x1 <= x0 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1, y1)
}
