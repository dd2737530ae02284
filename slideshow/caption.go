package slideshow

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/text"
)

// Caption is text over a slide, drawn into the picture or given as a
// subtitle (Plan.Captions says which).
type Caption struct {
	Text  string
	Style text.Style
	// FadeIn and FadeOut are the frames over which a burned-in caption
	// fades in at the slide's start and out at its end.
	FadeIn, FadeOut int
}

// Title is a title slide's content: text on a colour, or on a photo
// blurred and darkened as the blur fit's background.
type Title struct {
	Text, Subtitle string
	Style          text.Style
	Background     color.NRGBA
	Photo          *photo.Info // nil: on the colour
}

// Paras returns the title's text as paragraphs: the title, and the
// subtitle at half its size.
func (t *Title) Paras() []text.Para {
	ps := []text.Para{{Text: t.Text, Scale: 1}}
	if t.Subtitle != "" {
		ps = append(ps, text.Para{Text: t.Subtitle, Scale: 0.5})
	}
	return ps
}

// Default looks of captions and titles.
const (
	DefaultCaptionSize = 0.05 // of the frame's height
	DefaultTitleSize   = 0.1
	DefaultTextFade    = 500 * time.Millisecond
)

// Cue is a caption's time as a subtitle: from the slide's first frame to
// the next slide's first (the end of the video for the last), so that cues
// never overlap.
type Cue struct {
	Slide      int
	Start, End int // frames of the video, End excluded
	Text       string
}

// Cues returns the subtitle cues of the plan's captions, in order. In a
// loop the first slide's cue starts at frame 0.
func (p *Plan) Cues() []Cue {
	var cues []Cue
	for i, s := range p.Slides {
		if s.Caption == nil || s.Caption.Text == "" {
			continue
		}
		end := s.Start + s.Frames - s.Out.Frames
		if p.Next(i) < 0 || i == len(p.Slides)-1 {
			end = min(p.Frames, s.Start+s.Frames)
		}
		cues = append(cues, Cue{Slide: i, Start: max(0, s.Start), End: min(p.Frames, end), Text: s.Caption.Text})
	}
	return cues
}

// styleOf resolves a style as written over the options' and the kind's
// defaults.
func (b *builder) styleOf(spec storyboard.StyleSpec, size float64, pos setting.Position) (text.Style, time.Duration, time.Duration) {
	st := text.Style{Font: b.opts.Font, Size: size, Color: color.NRGBA{255, 255, 255, 255}, Position: pos, Shadow: true}
	fadeIn, fadeOut := DefaultTextFade, DefaultTextFade
	if spec.Font != "" {
		st.Font = spec.Font
	}
	if spec.Size > 0 {
		st.Size = spec.Size
	}
	if spec.Color != nil {
		st.Color = *spec.Color
	}
	if spec.Position != "" {
		st.Position = spec.Position
	}
	if spec.Box != nil {
		st.Box = *spec.Box
	}
	if spec.Shadow != nil {
		st.Shadow = *spec.Shadow
	}
	if spec.FadeIn != nil {
		fadeIn = *spec.FadeIn
	}
	if spec.FadeOut != nil {
		fadeOut = *spec.FadeOut
	}
	return st, fadeIn, fadeOut
}

// texts sets every slide's caption and title and checks their fonts; a
// character no font has is a warning, not a problem.
func (b *builder) texts() {
	fonts := map[string]*text.Fonts{}
	load := func(i int, st text.Style, at storyboard.Pos) *text.Fonts {
		if f, ok := fonts[st.Font]; ok {
			return f
		}
		f, err := text.Load(st.Font)
		if err != nil {
			b.ps.Add(at, "%s%v: name a readable .ttf or .otf file, or leave font out for the bundled Go font", label(i, b.sb.Slides[i].Photo), err)
		}
		fonts[st.Font] = f
		return f
	}
	warn := func(i int, what, s string, f *text.Fonts) {
		if f == nil {
			return
		}
		if miss := f.Missing(s); len(miss) > 0 {
			var list []string
			for _, r := range miss {
				list = append(list, fmt.Sprintf("%c (U+%04X)", r, r))
			}
			b.p.Warnings = append(b.p.Warnings, fmt.Sprintf("%sno font has %s of the %s: drawn as \uFFFD; name a font that has it with style: {font: ...}",
				label(i, b.sb.Slides[i].Photo), strings.Join(list, ", "), what))
		}
	}
	for i, sl := range b.sb.Slides {
		spec := b.sb.StyleOf(i)
		fontAt := spec.FontPos
		if fontAt == (storyboard.Pos{}) {
			fontAt = spec.Pos
		}
		s := &b.p.Slides[i]
		caption := sl.Caption
		if caption == "" && sl.Title == nil && b.sb.Path == "" {
			caption = b.opts.captionFor(sl)
		}
		if caption != "" {
			st, fi, fo := b.styleOf(spec, DefaultCaptionSize, setting.PositionBottom)
			s.Caption = &Caption{Text: caption, Style: st, FadeIn: b.fadeFrames(fi, s.Frames), FadeOut: b.fadeFrames(fo, s.Frames)}
			if b.p.Captions.Burned() {
				warn(i, "caption", caption, load(i, st, fontAt))
			}
		}
		if t := sl.Title; t != nil {
			st, _, _ := b.styleOf(spec, DefaultTitleSize, setting.PositionCenter)
			s.Title = &Title{Text: t.Text, Subtitle: t.Subtitle, Style: st, Background: b.opts.Background, Photo: titlePhoto(sl)}
			if t.Background != nil {
				s.Title.Background = *t.Background
			}
			warn(i, "title", t.Text+t.Subtitle, load(i, st, fontAt))
		}
	}
	if b.p.Captions.Soft() && !b.p.Container.Joinable() && len(b.p.Cues()) > 0 {
		b.p.Warnings = append(b.p.Warnings, fmt.Sprintf("captions: a %s cannot carry subtitles: use captions: burn to draw them into the picture, or --srt for a sidecar file", b.p.Container))
	}
}

// fadeFrames is a caption fade in frames, at most half the slide.
func (b *builder) fadeFrames(d time.Duration, frames int) int {
	n := int(math.Round(d.Seconds() * b.p.FPS.Float()))
	return max(0, min(n, frames/2))
}

// captionFor is a folder photo's caption, from its name or its EXIF as
// the options ask; "" for none.
func (o Options) captionFor(sl storyboard.Slide) string {
	switch o.CaptionsFrom {
	case setting.CaptionsFromName:
		return CaptionFromName(sl.Photo)
	case setting.CaptionsFromEXIF:
		if sl.Info != nil {
			return sl.Info.Description
		}
	}
	return ""
}

// CaptionFromName makes a caption of a photo's file name: without the
// folder and extension, without a leading date or time ("2024-07-01
// Harbour at dawn.jpg" is "Harbour at dawn"), underscores read as spaces.
func CaptionFromName(path string) string {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	name = strings.ReplaceAll(name, "_", " ")
	rest := strings.TrimLeft(name, "0123456789-.:_ T")
	// Only strip a date-like prefix: digits and separators followed by a
	// space, so "7 Dwarves" stays a caption but "2024-07-01 Harbour" does not.
	if rest != name && rest != "" && len(name)-len(rest) >= 6 {
		name = rest
	}
	return strings.TrimSpace(name)
}

// titleSlide frames a title slide: a still, full frame, whose working copy
// the renderer draws at the output size.
func (b *builder) titleSlide(i int) {
	s := &b.p.Slides[i]
	sl := b.sb.Slides[i]
	for _, k := range []string{"motion", "fit", "zoom"} {
		if at := sl.PosOf(k); at != (storyboard.Pos{}) {
			b.ps.Add(at, "slide %d: a title slide is still and fills the frame: remove %s", i+1, k)
		}
	}
	s.Photo = photo.Info{Path: sl.Photo, Format: "title", Orientation: 1, Width: b.p.Width, Height: b.p.Height}
	b.p.frame(s, setting.FitCrop)
	s.Motion.Keyframes = []effects.Keyframe{{At: 0, Zoom: 1, CX: 0.5, CY: 0.5}}
}

// titlePhoto is the photo behind a title slide, as read, or nil.
func titlePhoto(sl storyboard.Slide) *photo.Info {
	if sl.Title == nil || sl.Info == nil {
		return nil
	}
	info := *sl.Info
	return &info
}
