// Package storyboard is the YAML storyboard format: its types, a decoder
// that keeps every value's line and column, the checks that need nothing
// but the file's text, and the writer "kenburns init" uses.
//
// Parsing does no I/O beyond reading the file: whether photos and music
// exist, and whether timings and windows fit the output, is for the
// planner to find, and it reports those problems at the positions kept
// here.
package storyboard

import (
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
)

// maxNodes bounds the work of resolving aliases, so that a file of a few
// lines cannot expand into billions of nodes.
const maxNodes = 100_000

// Pos is a place in a storyboard file, 1-based; the zero Pos is nowhere.
type Pos struct{ Line, Col int }

// Storyboard is a storyboard: which photos to show, in what order, for how
// long and with what motion. Settings left out are nil or empty and come
// from the defaults, then from the program's. A storyboard made from a
// folder (see slideshow.FromPhotos) has no file and no positions.
type Storyboard struct {
	Path string // the file, as given; "" when made from photos
	Dir  string // the folder relative paths in the file start from

	Output     OutputSettings
	Defaults   SlideSettings
	Music      []Music
	MusicPlan  MusicPlan
	Seed       *int64
	Engine     setting.Engine // "" = not set
	Background *color.NRGBA
	Slides     []Slide

	src      []byte
	where    map[string]Pos // positions of top-level and defaults values, by key path
	problems []Problem      // found while parsing
}

// Problems returns the problems found in the file's text while parsing.
func (sb *Storyboard) Problems() []Problem { return sb.problems }

// Source returns the file's text as parsed, for showing lines in messages.
func (sb *Storyboard) Source() []byte { return sb.src }

// PosOf returns where the file sets a top-level or defaults key
// ("duration", "transition", "fit", ...); the zero Pos if it does not.
func (sb *Storyboard) PosOf(key string) Pos { return sb.where[key] }

// OutputSettings is the storyboard's output section.
type OutputSettings struct {
	File          string       // resolved against Dir; "" = the storyboard's name with .mp4
	Width, Height int          // 0 = not set
	FPS           setting.Rate // zero = not set
	// FadeIn and FadeOut fade the video from and to FadeColor; nil = not
	// set. Loop makes it seamless on repeat.
	FadeIn, FadeOut *time.Duration
	FadeColor       *color.NRGBA
	Loop            *bool
	// Captions is how captions reach the video; "" = not set. SRT asks
	// for a .srt file beside the video.
	Captions setting.Captions
	SRT      *bool
	// FadePos is where a fade is set (fade_in if both are),
	// LoopPos where loop is.
	FadePos, LoopPos Pos
}

// SlideSettings are what defaults and each slide may set.
type SlideSettings struct {
	Duration   *time.Duration
	Transition *TransitionSetting
	Fit        setting.Fit // "" = not set
	Motion     *MotionSpec // nil = not set
	Zoom       float64     // how far automatic and preset motions zoom; 0 = not set
	Style      *StyleSpec  // of captions and titles; nil = not set
}

// TransitionSetting is a transition as written: a type and a length.
type TransitionSetting struct {
	Type     string // "" = not set
	Duration *time.Duration
	Pos      Pos
}

// Slide is one entry of slides.
type Slide struct {
	Photo string // resolved against Dir
	// Info is the photo's header, filled in by whoever reads the photo
	// (the planner's probe step, or the folder scan); nil until then or
	// when the photo cannot be read.
	Info *photo.Info
	// Caption is drawn over the slide or given as a subtitle; "" = none.
	Caption string
	// Title makes a title slide: text on a colour, or on the photo
	// blurred when Photo is set; nil for a photo slide.
	Title   *TitleSpec
	Pos     Pos // of the entry
	Setting SlideSettings
	where   map[string]Pos
}

// PosOf returns where the slide sets key ("photo", "duration", "fit",
// ...); the zero Pos if it does not.
func (s *Slide) PosOf(key string) Pos { return s.where[key] }

// MotionSpec is a motion as written: a named preset ("auto", "none",
// "zoom-in", ...) or keyframes.
type MotionSpec struct {
	Preset    string
	Keyframes []KeyframeSpec
	Pos       Pos
	// FromTo records that the motion was written as {from: ..., to: ...},
	// so that messages name from and to rather than keyframes 1 and 2.
	FromTo bool
}

// KeyframeSpec is a keyframe as written. Nil fields were left out and
// repeat the previous keyframe's value (the first keyframe's default is the
// base window at the centre), so a keyframe with only a time is a hold.
type KeyframeSpec struct {
	At                      *Time
	Zoom                    *float64
	Center                  *[2]float64
	Rect                    *effects.Rect
	Ease                    effects.Ease
	Pos, ZoomPos, CenterPos Pos
}

// Time is a moment of a slide: seconds from its start, or a fraction of it.
type Time struct {
	Seconds    float64
	Fraction   float64
	IsFraction bool
	Pos        Pos
}

// String formats t as written.
func (t Time) String() string {
	if t.IsFraction {
		return strconv.FormatFloat(t.Fraction*100, 'g', -1, 64) + "%"
	}
	return strconv.FormatFloat(t.Seconds, 'g', -1, 64) + "s"
}

// Load reads and parses the storyboard at path.
func Load(path string) (*Storyboard, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		reason := err
		if errors.Is(err, fs.ErrNotExist) {
			reason = errors.New("no such file")
		}
		return nil, &ReadError{Path: path, Err: reason}
	}
	return Parse(path, src)
}

// ReadError is a storyboard file that cannot be read at all.
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string { return fmt.Sprintf("read storyboard %s: %v", e.Path, e.Err) }
func (e *ReadError) Unwrap() error { return e.Err }

// Resolve makes a path from the file relative to the storyboard's folder.
func (sb *Storyboard) Resolve(p string) string {
	if filepath.IsAbs(p) || sb.Dir == "" {
		return p
	}
	return filepath.Join(sb.Dir, p)
}
