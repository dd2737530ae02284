package storyboard

import (
	"image/color"
	"time"

	"github.com/goccy/go-yaml/ast"

	"github.com/kenburns/kenburns/internal/setting"
)

// StyleSpec is how captions and titles look, as written in defaults or a
// slide; fields left out are zero or nil and come from the defaults, then
// from the program's.
type StyleSpec struct {
	Font            string // resolved against Dir; "" = not set
	Size            float64
	Color           *color.NRGBA
	Position        setting.Position // "" = not set
	Box, Shadow     *bool
	FadeIn, FadeOut *time.Duration
	Pos, FontPos    Pos
}

// TitleSpec is a title slide's text and background, as written. A title
// slide may name a photo, which is then shown blurred behind the text.
type TitleSpec struct {
	Text, Subtitle string
	Background     *color.NRGBA // nil = the storyboard's background
	Pos            Pos
}

// styleKeys are the keys of style.
var styleKeys = []string{"font", "size", "color", "position", "box", "shadow", "fade_in", "fade_out"}

func (d *decoder) decodeStyle(n ast.Node, sb *Storyboard) *StyleSpec {
	fs, ok := d.fields(n, "style", styleKeys...)
	if !ok {
		return nil
	}
	st := &StyleSpec{Pos: pos(n)}
	if f, ok := fs["font"]; ok {
		if s, ok := d.str(f.value, "style font"); ok {
			if s == "" {
				d.add(pos(f.value), "style font is empty: name a .ttf or .otf file, or leave font out for the bundled Go font")
			} else {
				st.Font, st.FontPos = sb.Resolve(s), pos(f.value)
			}
		}
	}
	if f, ok := fs["size"]; ok {
		if s, ok := d.str(f.value, "style size"); ok {
			if v, err := setting.ParseTextSize(s); err != nil {
				d.add(pos(f.value), "style size: %v", err)
			} else {
				st.Size = v
			}
		}
	}
	if f, ok := fs["color"]; ok {
		if s, ok := d.str(f.value, "style color"); ok {
			if c, err := setting.ParseColor(s); err != nil {
				d.add(pos(f.value), "style color: %v", err)
			} else {
				st.Color = &c
			}
		}
	}
	if f, ok := fs["position"]; ok {
		if s, ok := d.name(f.value, "style position", setting.PositionNames()); ok {
			st.Position = setting.Position(s)
		}
	}
	for _, k := range []struct {
		key string
		dst **bool
	}{{"box", &st.Box}, {"shadow", &st.Shadow}} {
		if f, ok := fs[k.key]; ok {
			if v, ok := d.boolean(f.value, "style "+k.key); ok {
				*k.dst = &v
			}
		}
	}
	for _, k := range []struct {
		key string
		dst **time.Duration
	}{{"fade_in", &st.FadeIn}, {"fade_out", &st.FadeOut}} {
		if f, ok := fs[k.key]; ok {
			if v, ok := d.seconds(f.value, "style "+k.key); ok {
				*k.dst = &v
			}
		}
	}
	return st
}

// decodeText decodes the slide's caption and, for a title slide, its title,
// subtitle and background; it reports whether the slide is a title slide.
func (d *decoder) decodeText(fs map[string]field, s *Slide) bool {
	if f, ok := fs["caption"]; ok {
		if v, ok := d.str(f.value, "caption"); ok {
			s.Caption = v
		}
	}
	f, ok := fs["title"]
	if !ok {
		for _, k := range []string{"subtitle", "background"} {
			if f, ok := fs[k]; ok {
				d.add(pos(f.key), "%s belongs to a title slide: add title: \"...\" (or remove %s)", k, k)
			}
		}
		return false
	}
	t := &TitleSpec{Pos: pos(f.value)}
	if v, ok := d.str(f.value, "title"); ok {
		t.Text = v
	}
	if f, ok := fs["subtitle"]; ok {
		if v, ok := d.str(f.value, "subtitle"); ok {
			t.Subtitle = v
		}
	}
	if f, ok := fs["background"]; ok {
		if v, ok := d.str(f.value, "background"); ok {
			if c, err := setting.ParseColor(v); err != nil {
				d.add(pos(f.value), "background: %v", err)
			} else {
				t.Background = &c
			}
		}
	}
	s.Title = t
	return true
}

// merge returns the style with what over sets replacing base's.
func (base StyleSpec) merge(over *StyleSpec) StyleSpec {
	if over == nil {
		return base
	}
	if over.Font != "" {
		base.Font, base.FontPos = over.Font, over.FontPos
	}
	if over.Size > 0 {
		base.Size = over.Size
	}
	if over.Color != nil {
		base.Color = over.Color
	}
	if over.Position != "" {
		base.Position = over.Position
	}
	if over.Box != nil {
		base.Box = over.Box
	}
	if over.Shadow != nil {
		base.Shadow = over.Shadow
	}
	if over.FadeIn != nil {
		base.FadeIn = over.FadeIn
	}
	if over.FadeOut != nil {
		base.FadeOut = over.FadeOut
	}
	return base
}

// StyleOf returns slide i's style: its own over the defaults'.
func (sb *Storyboard) StyleOf(i int) StyleSpec {
	var st StyleSpec
	st = st.merge(sb.Defaults.Style)
	return st.merge(sb.Slides[i].Setting.Style)
}

// decodeOutputCaptions decodes output.captions and output.srt.
func (d *decoder) decodeOutputCaptions(fs map[string]field, sb *Storyboard) {
	if f, ok := fs["captions"]; ok {
		if s, ok := d.name(f.value, "output captions", setting.CaptionsNames()); ok {
			sb.Output.Captions = setting.Captions(s)
		}
	}
	if f, ok := fs["srt"]; ok {
		if v, ok := d.boolean(f.value, "output srt"); ok {
			sb.Output.SRT = &v
		}
	}
}
