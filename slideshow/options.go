package slideshow

import (
	"errors"
	"image/color"
	"time"
)

// ErrInvalid marks errors caused by the user's input or flags rather than
// by rendering; the command maps it to exit code 2.
var ErrInvalid = errors.New("invalid input")

// Fit modes say how a photo fills the frame.
const (
	FitAuto = "auto" // crop, but pan photos whose shape differs from the frame
	FitCrop = "crop" // cover the frame; zoom motions only
	FitPad  = "pad"  // the whole photo on a solid background
	FitBlur = "blur" // the whole photo on a blurred, darkened copy of itself
)

// Engines that move the photo.
const (
	EngineSmooth  = "smooth"  // sub-pixel resampling in Go, frames piped to ffmpeg
	EngineZoompan = "zoompan" // ffmpeg's zoompan: whole-pixel steps, the classic look
)

// Options are everything a render can be asked for. The zero value is not
// useful; start from DefaultOptions.
type Options struct {
	Inputs    []string // photo files and folders, in order
	Output    string
	Overwrite bool

	Width, Height      int
	FPS                int
	Duration           time.Duration // per photo
	Transition         string        // xfade name or "none"
	TransitionDuration time.Duration
	Motion             string  // "auto", "none" or a motion preset name
	Zoom               float64 // how far auto motion zooms
	Fit                string
	Background         color.NRGBA
	Sort               string // "name" or "date"
	Recursive          bool
	Seed               int64
	Engine             string

	Audio        []string
	AudioFadeOut time.Duration

	CRF        int
	X264Preset string
	MaxPixels  int
	Jobs       int
	// SkipBad leaves out photos that cannot be read instead of failing.
	SkipBad bool
}

// DefaultOptions returns the options a plain "kenburns render" uses.
func DefaultOptions() Options {
	return Options{
		Width: 1920, Height: 1080, FPS: 30,
		Duration:           4 * time.Second,
		Transition:         "fade",
		TransitionDuration: time.Second,
		Motion:             "auto",
		Zoom:               1.2,
		Fit:                FitAuto,
		Background:         color.NRGBA{A: 255},
		Sort:               "name",
		Seed:               1,
		Engine:             EngineSmooth,
		AudioFadeOut:       2 * time.Second,
		CRF:                20,
		X264Preset:         "medium",
	}
}
