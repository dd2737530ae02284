package slideshow

import (
	"time"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
)

// JSONVersion is the version of the format Document describes. It changes
// only when a field changes meaning or goes away; new fields may appear
// in any version.
const JSONVersion = 1

// Document is the plan as "kenburns plan --json" prints it: a documented,
// versioned format for scripts. Names are snake_case, times are given in
// seconds and in frames, windows as fractions of the upright photo, and
// colours as #rrggbb.
type Document struct {
	Version   int     `json:"version"`
	Output    string  `json:"output"`
	Width     int     `json:"width"`
	Height    int     `json:"height"`
	FPS       float64 `json:"fps"`
	FPSExact  string  `json:"fps_exact"` // "30" or "30000/1001"
	Frames    int     `json:"frames"`
	Seconds   float64 `json:"seconds"`
	Engine    string  `json:"engine"`
	Container string  `json:"container"`
	Codec     string  `json:"codec"`
	CRF       int     `json:"crf"`
	// EncoderPreset is the encoder's speed preset; X264Preset repeats it
	// for scripts written before other codecs.
	EncoderPreset string   `json:"encoder_preset"`
	X264Preset    string   `json:"x264_preset"`
	EncoderArgs   []string `json:"encoder_args,omitempty"`
	Background    string   `json:"background"`
	Music         []string `json:"music"`
	FadeOut       float64  `json:"music_fade_out_seconds"`
	// Tracks are the music's tracks as played; MusicFit how the music
	// and the video meet; Sync what the cuts follow, and Cuts the cuts
	// beat sync moved.
	Tracks   []DocTrack `json:"music_tracks"`
	MusicFit string     `json:"music_fit"`
	Sync     string     `json:"sync"`
	Cuts     []DocCut   `json:"cuts,omitempty"`
	// PictureFadeIn and PictureFadeOut fade the whole video from and to a
	// colour; absent when there is none.
	PictureFadeIn  *DocFade `json:"fade_in,omitempty"`
	PictureFadeOut *DocFade `json:"fade_out,omitempty"`
	// Loop says the video is cut to play seamlessly on repeat; the first
	// slide's start is then before the video's first frame.
	Loop bool `json:"loop,omitempty"`
	// Captions is how captions reach the video (burn, soft, both, none);
	// Cues are their subtitle times; SRT is the sidecar file, if any.
	Captions string     `json:"captions"`
	Cues     []DocCue   `json:"cues,omitempty"`
	SRT      string     `json:"srt,omitempty"`
	Slides   []DocSlide `json:"slides"`
	Chunks   []DocChunk `json:"chunks"`
}

// DocFade is a fade of the whole picture from or to a colour.
type DocFade struct {
	Frames  int     `json:"frames"`
	Seconds float64 `json:"seconds"`
	Color   string  `json:"color"`
}

// DocSlide is one slide of a Document.
type DocSlide struct {
	Photo      DocPhoto      `json:"photo"`
	StartFrame int           `json:"start_frame"`
	Start      float64       `json:"start_seconds"`
	Frames     int           `json:"frames"`
	Seconds    float64       `json:"seconds"` // on screen, transitions included, as rounded to frames
	Fit        string        `json:"fit"`
	Transition DocTransition `json:"transition_out"`
	WorkWidth  int           `json:"work_width"`
	WorkHeight int           `json:"work_height"`
	// Dest is where the photo is drawn in the frame, in pixels.
	Dest DocRect `json:"dest"`
	// Interest is the most interesting part of the photo, which smart
	// motion frames, in fractions of the upright photo; null when the
	// slide's motion did not look at the photo or nothing stands out.
	Interest  *DocRect      `json:"interest"`
	Keyframes []DocKeyframe `json:"keyframes"`
	// Caption is the text over the slide; Title makes it a title slide.
	Caption *DocCaption `json:"caption,omitempty"`
	Title   *DocTitle   `json:"title,omitempty"`
}

// DocPhoto is a slide's photo as its header was read.
type DocPhoto struct {
	Path        string    `json:"path"`
	Format      string    `json:"format"`
	Width       int       `json:"width"` // upright
	Height      int       `json:"height"`
	Orientation int       `json:"orientation"`
	Taken       time.Time `json:"taken"`
	// TakenFrom is "exif", or "file_time" when the capture time is a
	// guess from the file's modification time.
	TakenFrom string `json:"taken_from"`
}

// DocTransition is how a slide hands over to the next; "none" with no
// frames is a cut.
type DocTransition struct {
	Type    string  `json:"type"`
	Frames  int     `json:"frames"`
	Seconds float64 `json:"seconds"`
}

// DocKeyframe is a keyframe: where the window is at a frame of the slide.
type DocKeyframe struct {
	Frame   float64    `json:"frame"` // into the slide; may be fractional
	Seconds float64    `json:"seconds"`
	Zoom    float64    `json:"zoom"`
	Center  [2]float64 `json:"center"` // fractions of the upright photo
	Window  DocRect    `json:"window"` // fractions of the upright photo
	Ease    string     `json:"ease"`   // of the move arriving here
}

// DocRect is a rectangle: x, y, width, height.
type DocRect struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// DocChunk is one separately encoded piece of the video.
type DocChunk struct {
	Slide      int `json:"slide"`       // 1-based
	SlideFrame int `json:"slide_frame"` // the slide's frame the chunk starts at
	FirstFrame int `json:"first_frame"` // in the video
	Frames     int `json:"frames"`
}

// Document returns the plan in the documented JSON format.
func (p *Plan) Document() Document {
	sec := func(frames int) float64 { return p.FPS.Seconds(frames) }
	d := Document{
		Version: JSONVersion, Output: p.Output, Width: p.Width, Height: p.Height,
		FPS: p.FPS.Float(), FPSExact: p.FPS.String(), Frames: p.Frames, Seconds: sec(p.Frames),
		Engine: string(p.Engine), Container: string(p.Container), Codec: string(p.Codec),
		CRF: p.CRF, EncoderPreset: p.EncoderPreset, X264Preset: p.EncoderPreset, EncoderArgs: p.EncoderArgs,
		Background: setting.FormatColor(p.Background),
		Music:      []string{}, FadeOut: p.AudioFadeOut.Seconds(),
		Tracks: []DocTrack{}, MusicFit: string(p.MusicFit), Sync: string(p.Sync),
		Slides: []DocSlide{}, Chunks: []DocChunk{},
	}
	for _, f := range []struct {
		fade Fade
		dst  **DocFade
	}{{p.FadeIn, &d.PictureFadeIn}, {p.FadeOut, &d.PictureFadeOut}} {
		if f.fade.Frames > 0 {
			*f.dst = &DocFade{Frames: f.fade.Frames, Seconds: sec(f.fade.Frames), Color: setting.FormatColor(f.fade.Color)}
		}
	}
	d.Loop = p.Loop
	d.musicDoc(p)
	for _, s := range p.Slides {
		ds := DocSlide{
			Photo:      docPhoto(s.Photo),
			StartFrame: s.Start, Start: sec(s.Start), Frames: s.Frames, Seconds: sec(s.Frames),
			Fit:        string(s.Fit),
			Transition: DocTransition{Type: s.Out.Name, Frames: s.Out.Frames, Seconds: sec(s.Out.Frames)},
			WorkWidth:  s.Work.X, WorkHeight: s.Work.Y,
			Dest:      DocRect{float64(s.Dest.Min.X), float64(s.Dest.Min.Y), float64(s.Dest.Dx()), float64(s.Dest.Dy())},
			Keyframes: []DocKeyframe{},
		}
		if r := s.Interest; r != nil {
			ds.Interest = &DocRect{r.X, r.Y, r.W, r.H}
		}
		for _, k := range s.Motion.Keyframes {
			w := s.Motion.At(k.At)
			ds.Keyframes = append(ds.Keyframes, DocKeyframe{
				Frame: k.At, Seconds: k.At / p.FPS.Float(), Zoom: k.Zoom, Center: [2]float64{k.CX, k.CY},
				Window: DocRect{w.X, w.Y, w.W, w.H}, Ease: k.Ease.String(),
			})
		}
		d.Slides = append(d.Slides, ds)
	}
	p.docText(&d)
	for _, c := range p.Chunks {
		d.Chunks = append(d.Chunks, DocChunk{Slide: c.Slide + 1, SlideFrame: c.Start, FirstFrame: c.First, Frames: c.Frames})
	}
	return d
}

func docPhoto(i photo.Info) DocPhoto {
	return DocPhoto{Path: i.Path, Format: i.Format, Width: i.Width, Height: i.Height,
		Orientation: i.Orientation, Taken: i.Taken, TakenFrom: string(i.TakenFrom)}
}
