package main

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"path/filepath"
	"strconv"

	"github.com/google/renameio/v2"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/slideshow"
)

// sheetOptions shape a contact sheet.
type sheetOptions struct {
	slide int // 1-based; 0 = every slide
	jobs  int // photos decoded at once
	box   int // the longer side of a thumbnail
}

// Contact sheet layout, in pixels: each slide is a row of a label line and
// four cells (first, middle and last frame, then the keyframes), with gap
// between cells and rows.
const (
	sheetGap    = 8
	sheetLabel  = 20 // height of a label line
	sheetFontPt = 13
	sheetStroke = 2 // width of a keyframe rectangle's outline
)

// Colours of the sheet: a dark page so that the frames stand out, and one
// colour per keyframe rectangle, repeating after six.
var (
	sheetPage = color.NRGBA{0x20, 0x20, 0x20, 0xff}
	sheetText = color.NRGBA{0xee, 0xee, 0xee, 0xff}
)

func keyframeColor(k int) color.NRGBA {
	palette := [...]color.NRGBA{
		{0xff, 0xd7, 0x00, 0xff}, // yellow
		{0x00, 0xe5, 0xff, 0xff}, // cyan
		{0xff, 0x40, 0xff, 0xff}, // magenta
		{0x76, 0xff, 0x03, 0xff}, // green
		{0xff, 0x6d, 0x00, 0xff}, // orange
		{0xff, 0xff, 0xff, 0xff}, // white
	}
	return palette[k%len(palette)]
}

// thumbSize is the size of a thumbnail: the output's aspect with the
// longer side box, both even.
func thumbSize(p *slideshow.Plan, box int) (w, h int) {
	even := func(v float64) int { return max(2, 2*int(math.Round(v/2))) }
	if p.Width >= p.Height {
		return even(float64(box)), even(float64(box) * float64(p.Height) / float64(p.Width))
	}
	return even(float64(box) * float64(p.Width) / float64(p.Height)), even(float64(box))
}

// sheetLayout places the rows and cells of a sheet.
type sheetLayout struct {
	tw, th int // thumbnail size
	rows   int
}

func (l sheetLayout) size() image.Point {
	return image.Pt(sheetGap+4*(l.tw+sheetGap), sheetLabel+sheetGap+l.rows*(sheetLabel+l.th+sheetGap))
}

// row is where row r's label line starts.
func (l sheetLayout) row(r int) image.Point {
	return image.Pt(sheetGap, sheetLabel+sheetGap+r*(sheetLabel+l.th+sheetGap))
}

// cell is the rectangle of cell c (0 first, 1 middle, 2 last frame, 3
// keyframes) of row r.
func (l sheetLayout) cell(r, c int) image.Rectangle {
	p := l.row(r).Add(image.Pt(c*(l.tw+sheetGap), sheetLabel))
	return image.Rectangle{Min: p, Max: p.Add(image.Pt(l.tw, l.th))}
}

// sheetFrames are the frames of a slide a sheet shows: first, middle, last.
func sheetFrames(s slideshow.Slide) [3]int {
	return [3]int{0, (s.Frames - 1) / 2, s.Frames - 1}
}

// writeSheet draws the contact sheet of plan and writes it to path as a
// PNG: to a temporary file, renamed into place (renameio) only when
// complete, so that an interruption or a failure leaves nothing behind and
// an existing file untouched.
func writeSheet(ctx context.Context, plan *slideshow.Plan, o sheetOptions, path string) error {
	img, err := drawSheet(ctx, plan, o)
	if err != nil {
		return err
	}
	tmp, err := renameio.NewPendingFile(path, renameio.WithPermissions(0o644), renameio.WithExistingPermissions())
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	defer tmp.Cleanup()
	// Best speed: the sheet is a preview, and default compression would
	// take longer than drawing it.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(tmp, img); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tmp.CloseAtomicallyReplace(); err != nil {
		return fmt.Errorf("move contact sheet into place: %w", err)
	}
	return nil
}

// drawSheet prepares every slide's Still, decoding o.jobs photos at a time,
// and draws the sheet.
func drawSheet(ctx context.Context, plan *slideshow.Plan, o sheetOptions) (*image.NRGBA, error) {
	shown := plan
	first := 0
	if o.slide > 0 {
		// Stills of the one slide only: the plan keeps the others, whose
		// photos need not be decoded.
		one := *plan
		one.Slides = plan.Slides[o.slide-1 : o.slide]
		shown, first = &one, o.slide-1
	}
	tw, th := thumbSize(plan, o.box)
	stills, err := render.Stills(ctx, shown, o.jobs, tw, th)
	if err != nil {
		return nil, err
	}
	face, err := sheetFace()
	if err != nil {
		return nil, err
	}
	defer face.Close()
	l := sheetLayout{tw: tw, th: th, rows: len(stills)}
	sheet := image.NewNRGBA(image.Rectangle{Max: l.size()})
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(sheetPage), image.Point{}, draw.Src)
	// A folder's plan names no video; a storyboard's names the one it
	// describes.
	name := "video"
	if plan.Output != "" {
		name = filepath.Base(plan.Output)
	}
	drawText(sheet, face, image.Pt(sheetGap, sheetGap), fmt.Sprintf("%s: %dx%d, %s fps, %s, %d slides    first | middle | last frame | keyframes",
		name, plan.Width, plan.Height, plan.FPS, secs(plan.Frames, plan.FPS), len(plan.Slides)))
	for r, st := range stills {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		i := first + r
		s := plan.Slides[i]
		drawText(sheet, face, l.row(r), slideLabel(plan, i))
		for c, n := range sheetFrames(s) {
			draw.Draw(sheet, l.cell(r, c), st.Frame(n).NRGBA(), image.Point{}, draw.Src)
		}
		drawKeyframes(sheet, face, l.cell(r, 3), st, s)
	}
	return sheet, nil
}

// slideLabel is a row's label: number, photo, duration and transition out,
// such as "3  harbour.jpg  4s  fade 1s →".
func slideLabel(p *slideshow.Plan, i int) string {
	s := p.Slides[i]
	t := "cut"
	if s.Out.Frames > 0 {
		t = s.Out.Name + " " + secs(s.Out.Frames, p.FPS) + " →"
	}
	if i == len(p.Slides)-1 {
		t = "end"
	}
	name := filepath.Base(s.Photo.Path)
	if s.Title != nil {
		name = "title " + strconv.Quote(s.Title.Text)
	}
	return fmt.Sprintf("%d  %s  %s  %s  fit %s", i+1, name, secs(s.Frames, p.FPS), t, s.Fit)
}

// drawKeyframes draws the whole photo in cell with each keyframe's window,
// the window the video shows at that keyframe's frame, as a numbered
// rectangle, over the interest box smart motion framed, dashed.
func drawKeyframes(dst *image.NRGBA, face font.Face, cell image.Rectangle, st *render.Still, s slideshow.Slide) {
	pic, r := st.Photo(cell.Dx(), cell.Dy())
	draw.Draw(dst, cell, pic.NRGBA(), image.Point{}, draw.Src)
	r = r.Add(cell.Min)
	if s.Interest != nil {
		dashRect(dst, windowRect(*s.Interest, r))
	}
	// Keyframes with the same window (a hold) share one rectangle,
	// labelled with all their numbers.
	type mark struct {
		box   image.Rectangle
		k     int // the first keyframe's index, which picks the colour
		label string
	}
	var marks []mark
	for k, kf := range s.Motion.Keyframes {
		box := windowRect(s.Motion.At(kf.At), r)
		if n := len(marks); n > 0 && marks[n-1].box == box {
			marks[n-1].label += "," + fmt.Sprint(k+1)
			continue
		}
		marks = append(marks, mark{box, k, fmt.Sprint(k + 1)})
	}
	for _, m := range marks {
		c := keyframeColor(m.k)
		strokeRect(dst, m.box, c)
		d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: face}
		d.Dot = fixed.P(m.box.Min.X+sheetStroke+2, m.box.Min.Y+sheetStroke+face.Metrics().Ascent.Ceil())
		d.DrawString(m.label)
	}
}

// windowRect maps a window in fractions of the photo to the pixels of r,
// where the photo is drawn.
func windowRect(win effects.Rect, r image.Rectangle) image.Rectangle {
	fx := func(v float64) int { return r.Min.X + int(math.Round(v*float64(r.Dx()))) }
	fy := func(v float64) int { return r.Min.Y + int(math.Round(v*float64(r.Dy()))) }
	return image.Rect(fx(win.X), fy(win.Y), fx(win.X+win.W), fy(win.Y+win.H))
}

// strokeRect draws r's outline, sheetStroke pixels wide, inside r.
func strokeRect(dst *image.NRGBA, r image.Rectangle, c color.NRGBA) {
	u := image.NewUniform(c)
	w := sheetStroke
	for _, e := range []image.Rectangle{
		{r.Min, image.Pt(r.Max.X, r.Min.Y+w)},
		{image.Pt(r.Min.X, r.Max.Y-w), r.Max},
		{r.Min, image.Pt(r.Min.X+w, r.Max.Y)},
		{image.Pt(r.Max.X-w, r.Min.Y), r.Max},
	} {
		draw.Draw(dst, e.Intersect(r), u, image.Point{}, draw.Src)
	}
}

// sheetFace is Go Regular, built into the binary: no font files to find,
// and it has the arrows and accents of labels and file names.
func sheetFace() (font.Face, error) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("load the built-in font: %w", err)
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: sheetFontPt, DPI: 72, Hinting: font.HintingFull})
}

// drawText writes s with its top-left corner at p.
func drawText(dst *image.NRGBA, face font.Face, p image.Point, s string) {
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(sheetText), Face: face}
	d.Dot = fixed.P(p.X, p.Y+face.Metrics().Ascent.Ceil())
	d.DrawString(s)
}
