package studio

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/presets"
	"github.com/kenburns/kenburns/slideshow"
)

// State is what the page shows: the plan's slides as the planner made
// them, the problems of the draft, and the names the editors offer.
type State struct {
	File     string    `json:"file"`
	Saved    bool      `json:"saved"`    // the draft is what is on disk
	Changed  bool      `json:"changed"`  // the file on disk changed since loaded
	Valid    bool      `json:"valid"`    // the slides are the draft's plan (else the last valid one)
	Width    int       `json:"width"`    // output size
	Height   int       `json:"height"`   //
	FPS      float64   `json:"fps"`      //
	Problems []Problem `json:"problems"` // as validate reports them
	Slides   []Slide   `json:"slides"`   //
	Fits     []string  `json:"fits"`     // the names each editor offers
	Eases    []string  `json:"eases"`    //
	Motions  []string  `json:"motions"`  //
	Trans    []string  `json:"transitions"`
	Music    Music     `json:"music"`
	Warnings []string  `json:"warnings"` // the plan's, as render prints them
}

// Problem is one validation problem, placed at the slide and field it
// concerns when it has a place in the file.
type Problem struct {
	Slide int `json:"slide"` // 0-based; -1 = not a slide's
	Track int `json:"track"` // 0-based music track; -1 = not a track's
	// Field is the slide's or track's key ("duration", "volume", ...),
	// or a storyboard setting (music_fit, sync, sync_min, music); "" =
	// the slide or the file.
	Field string `json:"field"`
	Line  int    `json:"line"`
	Col   int    `json:"col"`
	Msg   string `json:"msg"`  // the message, as validate prints it after the place
	Text  string `json:"text"` // file:line:col: message
}

// Slide is one slide as planned.
type Slide struct {
	Photo     string     `json:"photo"` // as the file names it, relative to the storyboard
	Name      string     `json:"name"`
	Duration  float64    `json:"duration"` // seconds, transitions included
	Frames    int        `json:"frames"`
	Fit       string     `json:"fit"`       // what the planner resolved
	FitSet    string     `json:"fitSet"`    // what the slide sets; "" = from defaults
	MotionSet string     `json:"motionSet"` // the preset the slide names; "" = keyframes or automatic
	Keyed     bool       `json:"keyed"`     // the slide's motion is written as keyframes
	Out       Transition `json:"out"`
	InFrames  int        `json:"inFrames"` // frames shared with the previous slide's transition
	Keyframes []Keyframe `json:"keyframes"`
	BaseW     float64    `json:"baseW"` // the window at zoom 1, in fractions of the photo: the locked aspect
	BaseH     float64    `json:"baseH"`
	PhotoW    int        `json:"photoW"` // the upright photo's size
	PhotoH    int        `json:"photoH"`
	TransSet  bool       `json:"transSet"` // the slide sets its transition
	DurSet    bool       `json:"durSet"`
	// Caption is the slide's caption as the storyboard writes it, ""
	// for none; Title is set for a title slide.
	Caption string     `json:"caption"`
	Title   *TitleText `json:"title,omitempty"`
	// Thumb changes whenever the slide's thumbnail does: the page names
	// it in the thumbnail's URL, which the browser caches.
	Thumb string `json:"thumb"`
	// Planned is the slide's duration before beat sync moved its cuts;
	// 0 when sync did not change it.
	Planned float64 `json:"planned"`
}

// TitleText is a title slide's texts as the storyboard writes them.
type TitleText struct {
	Title      string `json:"title"`
	Subtitle   string `json:"subtitle"`
	Background string `json:"background"` // "#rrggbb"; "" = the storyboard's
}

// Transition is a slide's transition into the next.
type Transition struct {
	Name     string  `json:"name"`
	Duration float64 `json:"duration"`
	Frames   int     `json:"frames"`
}

// Keyframe is a keyframe of the plan's motion: its time and the window
// the video shows then.
type Keyframe struct {
	At   float64 `json:"at"` // seconds into the slide
	Win  Win     `json:"win"`
	Ease string  `json:"ease"`
}

// Win is a window in fractions of the upright photo (effects.Rect as the
// page names it).
type Win struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

func (w Win) rect() effects.Rect { return effects.Rect{X: w.X, Y: w.Y, W: w.W, H: w.H} }

// state makes the page's State. Called with mu held.
func (s *Server) state() State {
	st := State{
		File: filepath.Base(s.path), Saved: s.saved, Changed: s.diskChanged(), Valid: s.valid,
		Fits: setting.FitNames(), Eases: effects.EaseNames(), Motions: presets.MotionNames(),
		Trans: append([]string{"none"}, effects.XfadeNames()...), Problems: []Problem{}, Slides: []Slide{}, Warnings: []string{},
	}
	for _, p := range s.probs {
		st.Problems = append(st.Problems, s.place(p))
	}
	p := s.plan
	if p == nil {
		return st
	}
	st.Width, st.Height, st.FPS = p.Width, p.Height, p.FPS.Float()
	fps := p.FPS.Float()
	for i, ps := range p.Slides {
		sl := Slide{
			Photo: filepath.ToSlash(s.rel(ps.Photo.Path)), Name: filepath.Base(ps.Photo.Path),
			Duration: ps.Duration.Seconds(), Frames: ps.Frames, Fit: string(ps.Fit),
			Out:   Transition{Name: ps.Out.Name, Duration: ps.Out.Duration.Seconds(), Frames: ps.Out.Frames},
			BaseW: ps.Motion.Frame.BaseW, BaseH: ps.Motion.Frame.BaseH,
			PhotoW: ps.Photo.Width, PhotoH: ps.Photo.Height,
		}
		if j := p.Prev(i); j >= 0 {
			sl.InFrames = p.Slides[j].Out.Frames
		}
		texts(&sl, ps)
		if d := syncShift(p, i); d != 0 {
			sl.Planned = sl.Duration - d
		}
		if s.valid && i < len(s.sb.Slides) {
			set := s.sb.Slides[i].Setting
			sl.Caption = s.sb.Slides[i].Caption
			if ts := s.sb.Slides[i].Title; ts != nil && sl.Title != nil {
				sl.Title.Title, sl.Title.Subtitle = ts.Text, ts.Subtitle
				if c := ts.Background; c != nil {
					sl.Title.Background = fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
				}
			}
			sl.FitSet = string(set.Fit)
			sl.DurSet = set.Duration != nil
			sl.TransSet = set.Transition != nil
			if m := set.Motion; m != nil {
				sl.MotionSet = m.Preset
				sl.Keyed = m.Preset == ""
			}
		}
		for _, k := range ps.Motion.Keyframes {
			sl.Keyframes = append(sl.Keyframes, Keyframe{At: k.At / fps, Win: Win(ps.Motion.At(k.At)), Ease: k.Ease.String()})
		}
		st.Slides = append(st.Slides, sl)
	}
	st.Music = s.music(p)
	st.Warnings = append([]string{}, p.Warnings...)
	return st
}

// texts fills in a slide's caption, title and thumbnail name from the
// plan's slide.
func texts(sl *Slide, ps slideshow.Slide) {
	sl.Thumb = sl.Photo
	if ps.Caption != nil {
		sl.Caption = ps.Caption.Text
	}
	t := ps.Title
	if t == nil {
		return
	}
	sl.Title = &TitleText{Title: t.Text, Subtitle: t.Subtitle}
	sl.Name = strings.ReplaceAll(t.Text, "\n", " ")
	if t.Photo == nil {
		sl.Photo = ""
	}
	// The thumbnail is the title drawn: it changes with any of its looks.
	sum := sha256.Sum256(fmt.Appendf(nil, "%q %q %v %v %q", t.Text, t.Subtitle, t.Style, t.Background, sl.Photo))
	sl.Thumb = "title:" + hex.EncodeToString(sum[:8])
}

// syncShift is how much beat sync lengthened slide i: the move of the
// cut after it less the move of the cut before it.
func syncShift(p *slideshow.Plan, i int) float64 {
	var d time.Duration
	for _, c := range p.Cuts {
		switch c.Slide {
		case i:
			d += c.Synced - c.Planned
		case i - 1:
			d -= c.Synced - c.Planned
		}
	}
	return d.Seconds()
}

// rel makes a photo's path relative to the storyboard's folder.
func (s *Server) rel(p string) string {
	if r, err := filepath.Rel(filepath.Dir(s.path), p); err == nil {
		return r
	}
	return p
}

// place finds the slide and field a problem's position falls in: the
// last slide starting at or before it, and that slide's last key starting
// at or before it.
func (s *Server) place(p storyboard.Problem) Problem {
	out := Problem{Slide: -1, Track: -1, Line: p.Line, Col: p.Col, Msg: p.Msg, Text: p.String()}
	if p.Line == 0 {
		return out
	}
	if f := storyboard.FieldAt(s.draft, p.Line, p.Col); musicSetting[f.Key] {
		out.Field, out.Track = f.Key, f.Track
		if f.Track >= 0 {
			out.Field = f.Sub
		}
		return out
	}
	if s.sb == nil {
		return out
	}
	before := func(q storyboard.Pos) bool {
		return q.Line > 0 && (q.Line < p.Line || q.Line == p.Line && q.Col <= p.Col)
	}
	for i := range s.sb.Slides {
		if before(s.sb.Slides[i].Pos) {
			out.Slide = i
		}
	}
	if out.Slide < 0 {
		return out
	}
	var best storyboard.Pos
	sl := &s.sb.Slides[out.Slide]
	for _, key := range []string{"photo", "duration", "transition", "fit", "motion", "zoom", "caption", "title", "subtitle", "background", "style"} {
		q := sl.PosOf(key)
		if before(q) && (q.Line > best.Line || q.Line == best.Line && q.Col > best.Col) {
			best, out.Field = q, key
		}
	}
	return out
}
