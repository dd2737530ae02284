package slideshow

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

func TestCaptionFromName(t *testing.T) {
	tests := []struct{ path, want string }{
		{"photos/2024-07-01 Harbour at dawn.jpg", "Harbour at dawn"},
		{"2024-07-01_18.45_Evening_glow.jpeg", "Evening glow"},
		{"20240701 Harbour.jpg", "Harbour"},
		{"IMG_0001.JPG", "IMG 0001"},
		{"7 Dwarves.png", "7 Dwarves"},
		{"café \"quoted\" 'photo' [1].jpg", "café \"quoted\" 'photo' [1]"},
		{"2024-07-01.jpg", "2024-07-01"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := CaptionFromName(tt.path); got != tt.want {
				t.Errorf("CaptionFromName(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// TestCaptionsFrom plans a folder with --captions-from and checks each
// slide's caption, and that init writes them into the storyboard.
func TestCaptionsFrom(t *testing.T) {
	ps := []photo.Info{
		{Path: "trip/2024-07-01 Harbour at dawn.jpg", Format: "jpeg", Orientation: 1, Width: 4000, Height: 3000, Description: "The harbour: 05:42"},
		{Path: "trip/IMG_2.jpg", Format: "jpeg", Orientation: 1, Width: 4000, Height: 3000},
	}
	tests := []struct {
		from setting.CaptionSource
		want []string
	}{
		{setting.CaptionsFromNone, []string{"", ""}},
		{setting.CaptionsFromName, []string{"Harbour at dawn", "IMG 2"}},
		{setting.CaptionsFromEXIF, []string{"The harbour: 05:42", ""}},
	}
	for _, tt := range tests {
		t.Run(string(tt.from), func(t *testing.T) {
			o := DefaultOptions()
			o.CaptionsFrom = tt.from
			p, err := planPhotos(ps, o)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range p.Slides {
				got := ""
				if s.Caption != nil {
					got = s.Caption.Text
				}
				if got != tt.want[i] {
					t.Errorf("slide %d: caption %q, want %q", i+1, got, tt.want[i])
				}
			}
			var b bytes.Buffer
			if err := storyboard.Write(&b, Freeze(p, o), ".", "a test"); err != nil {
				t.Fatal(err)
			}
			sb, err := storyboard.Parse("init.yaml", b.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range sb.Slides {
				if s.Caption != tt.want[i] {
					t.Errorf("init wrote slide %d's caption as %q, want %q", i+1, s.Caption, tt.want[i])
				}
			}
		})
	}
}

func parseBoard(t *testing.T, src string) *storyboard.Storyboard {
	t.Helper()
	sb, err := storyboard.Parse(filepath.Join(t.TempDir(), "show.yaml"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sb
}

// TestTitleAndCaptionPlan checks how the planner resolves styles and
// places title slides and cues on the timeline.
func TestTitleAndCaptionPlan(t *testing.T) {
	sb := parseBoard(t, `output: {size: 640x360, fps: 10}
defaults: {duration: 2s, transition: {type: fade, duration: 1s}, style: {box: true, size: 4%}}
slides:
  - title: "Summer 2026"
    subtitle: "one"
    background: "#102030"
  - photo: a.jpg
    caption: "first: 12:00"
    style: {position: top, fade_in: 0.3s, fade_out: 2s}
  - photo: b.jpg
    caption: "last"
`)
	for i := 1; i < 3; i++ {
		sb.Slides[i].Info = &photo.Info{Path: sb.Slides[i].Photo, Format: "jpeg", Orientation: 1, Width: 1200, Height: 900}
	}
	p, err := Build(context.Background(), sb, StoryboardOptions(sb, DefaultOptions()))
	if err != nil {
		t.Fatal(err)
	}
	title := p.Slides[0]
	if title.Title == nil || title.Title.Text != "Summer 2026" || title.Title.Subtitle != "one" || setting.FormatColor(title.Title.Background) != "#102030" {
		t.Fatalf("title %+v", title.Title)
	}
	if title.Work.X != 640 || title.Work.Y != 360 || title.Photo.Format != "title" || title.Frames != 20 {
		t.Errorf("title slide: work %v, format %q, %d frames", title.Work, title.Photo.Format, title.Frames)
	}
	if st := title.Title.Style; st.Size != 0.04 || !st.Box || st.Position != setting.PositionCenter {
		t.Errorf("title style %+v: want defaults' size and box, centred", st)
	}
	c := p.Slides[1].Caption
	if c == nil || c.Style.Position != setting.PositionTop || c.Style.Size != 0.04 || !c.Style.Box || !c.Style.Shadow {
		t.Fatalf("caption %+v", c)
	}
	// 0.3 s is 3 frames; 2 s is 20, capped at half the slide.
	if c.FadeIn != 3 || c.FadeOut != 10 {
		t.Errorf("caption fades %d and %d frames, want 3 and 10", c.FadeIn, c.FadeOut)
	}
	cues := p.Cues()
	want := []Cue{{Slide: 1, Start: 10, End: 20, Text: "first: 12:00"}, {Slide: 2, Start: 20, End: 40, Text: "last"}}
	if len(cues) != len(want) || cues[0] != want[0] || cues[1] != want[1] {
		t.Errorf("cues %+v, want %+v", cues, want)
	}
	d := p.Document()
	if d.Captions != "burn" || len(d.Cues) != 2 || d.Slides[0].Title == nil || d.Slides[1].Caption == nil || d.Slides[1].Caption.Style.Font != "Go Regular" {
		t.Errorf("document: captions %q, cues %v, title %v, caption %v", d.Captions, d.Cues, d.Slides[0].Title, d.Slides[1].Caption)
	}
}

// TestSoftCaptionsWarn checks that an animated image, which cannot carry
// subtitles, gets a warning for soft captions rather than silence.
func TestSoftCaptionsWarn(t *testing.T) {
	o := DefaultOptions()
	o.CaptionsFrom, o.Captions, o.Output = setting.CaptionsFromName, setting.CaptionsSoft, "show.gif"
	p, err := planPhotos(photos(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "cannot carry subtitles") {
		t.Errorf("warnings %q", p.Warnings)
	}
}
