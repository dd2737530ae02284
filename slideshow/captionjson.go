package slideshow

import (
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/text"
)

// DocCaption is a slide's caption in a Document.
type DocCaption struct {
	Text  string   `json:"text"`
	Style DocStyle `json:"style"`
	// FadeIn and FadeOut are frames of the burned-in caption's fades.
	FadeIn  int `json:"fade_in_frames"`
	FadeOut int `json:"fade_out_frames"`
}

// DocTitle is a title slide's content in a Document.
type DocTitle struct {
	Text       string   `json:"text"`
	Subtitle   string   `json:"subtitle,omitempty"`
	Background string   `json:"background"`      // #rrggbb
	Photo      string   `json:"photo,omitempty"` // shown blurred behind the text
	Style      DocStyle `json:"style"`
}

// DocStyle is how a caption or title looks.
type DocStyle struct {
	Font     string  `json:"font"` // a file, or "Go Regular"
	Size     float64 `json:"size"` // of the frame's height
	Color    string  `json:"color"`
	Position string  `json:"position"`
	Box      bool    `json:"box"`
	Shadow   bool    `json:"shadow"`
}

// DocCue is a caption's subtitle cue.
type DocCue struct {
	Slide      int     `json:"slide"` // 1-based
	StartFrame int     `json:"start_frame"`
	EndFrame   int     `json:"end_frame"` // excluded
	Start      float64 `json:"start_seconds"`
	End        float64 `json:"end_seconds"`
	Text       string  `json:"text"`
}

func docStyle(st text.Style) DocStyle {
	font := st.Font
	if font == "" {
		font = text.GoRegular
	}
	return DocStyle{Font: font, Size: st.Size, Color: setting.FormatColor(st.Color), Position: string(st.Position), Box: st.Box, Shadow: st.Shadow}
}

// docText fills the captions of a Document: each slide's caption and
// title, and the cues.
func (p *Plan) docText(d *Document) {
	d.Captions = string(p.Captions)
	d.SRT = p.SRT
	for i, s := range p.Slides {
		if c := s.Caption; c != nil {
			d.Slides[i].Caption = &DocCaption{Text: c.Text, Style: docStyle(c.Style), FadeIn: c.FadeIn, FadeOut: c.FadeOut}
		}
		if t := s.Title; t != nil {
			dt := &DocTitle{Text: t.Text, Subtitle: t.Subtitle, Background: setting.FormatColor(t.Background), Style: docStyle(t.Style)}
			if t.Photo != nil {
				dt.Photo = t.Photo.Path
			}
			d.Slides[i].Title = dt
		}
	}
	for _, c := range p.Cues() {
		d.Cues = append(d.Cues, DocCue{Slide: c.Slide + 1, StartFrame: c.Start, EndFrame: c.End,
			Start: p.FPS.Seconds(c.Start), End: p.FPS.Seconds(c.End), Text: c.Text})
	}
}
