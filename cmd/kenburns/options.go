package main

import (
	"errors"
	"strings"

	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/presets"
	"github.com/kenburns/kenburns/slideshow"
)

// planFlags are the flags that shape the video, shared by render, plan and
// init so that the three describe the same video for the same flags. Each
// flag is parsed and bounded by the same code as its storyboard key.
type planFlags struct {
	slideshow.Options
	size  string
	maxMP float64
	// flags is the command's flag set, to tell a frame rate given with
	// --fps from one an output preset implies.
	flags *pflag.FlagSet
	// presetFPS records that the --size preset set the frame rate, which
	// then counts as given on the command line.
	presetFPS bool
}

func newPlanFlags() planFlags {
	return planFlags{Options: slideshow.DefaultOptions(), size: "1920x1080", maxMP: 100}
}

func (o *planFlags) addFlags(fs *pflag.FlagSet) {
	o.flags = fs
	fs.StringVar(&o.size, "size", o.size, "output size WxH, or "+strings.Join(presets.SizeNames(), ", "))
	fs.Var(&o.FPS, "fps", "frames per second: a whole number or a fraction such as 30000/1001 (29.97)")
	fs.Var(setting.DurationValue{D: &o.Duration}, "duration", "time each photo is shown (plain numbers are seconds)")
	fs.StringVar(&o.Transition, "transition", o.Transition, "transition between photos: none (hard cut) or any ffmpeg xfade name (fade, wipeleft, dissolve, ...)")
	fs.Var(setting.DurationValue{D: &o.TransitionDuration}, "transition-duration", "length of each transition")
	fs.StringVar(&o.Motion, "motion", o.Motion, "motion: auto (smart), random, none, or a preset such as zoom-in-smart, zoom-out-top-left, pan-right")
	fs.Float64Var(&o.Zoom, "zoom", o.Zoom, "how far auto motion zooms in (1 = no zoom)")
	fs.Var(&o.Fit, "fit", "how photos fill the frame: "+strings.Join(setting.FitNames(), ", "))
	fs.Var(setting.ColorValue{C: &o.Background}, "background", "colour behind transparent photos and padding (black, white, #rrggbb)")
	fs.Var(&o.Sort, "sort", "order of photos in a folder: name (natural order) or date (EXIF capture time, else file time)")
	fs.BoolVarP(&o.Recursive, "recursive", "r", false, "include photos in subfolders")
	fs.Int64Var(&o.Seed, "seed", o.Seed, "seed for auto motion: the same seed gives the same video")
	fs.Var(&o.Engine, "engine", "motion engine: smooth (sub-pixel) or zoompan (ffmpeg's classic, whole-pixel steps)")
	addMusicFlags(fs, &o.Options)
	fs.Var(setting.DurationValue{D: &o.FadeIn}, "fade-in", "fade the video in from --fade-color over this long at its start (music too)")
	fs.Var(setting.DurationValue{D: &o.FadeOut}, "fade-out", "fade the video out to --fade-color over this long at its end (music too)")
	fs.Var(setting.ColorValue{C: &o.FadeColor}, "fade-color", "colour of --fade-in and --fade-out (black, white, #rrggbb)")
	fs.BoolVar(&o.Loop, "loop", false, "seamless loop: the last photo crossfades into the first, music too")
	fs.Var(&o.Captions, "captions", "how captions reach the video: "+strings.Join(setting.CaptionsNames(), ", ")+" (soft: a subtitle stream)")
	fs.BoolVar(&o.SRT, "srt", false, "also write the captions to a .srt file beside the video")
	fs.Var(&o.CaptionsFrom, "captions-from", "captions for a folder's photos: none, name (the file name without a leading date) or exif (the photo's title)")
	fs.StringVar(&o.Font, "font", "", "TTF or OTF font file for captions and titles (default: the bundled Go font)")
	fs.Float64Var(&o.maxMP, "max-megapixels", o.maxMP, "refuse photos larger than this, before decoding them")
}

// finish turns the flags that need parsing into options.
func (o *planFlags) finish(args []string) error {
	o.Inputs = args
	w, h, err := presets.ParseSize(o.size)
	if err != nil {
		return usageError{err}
	}
	o.Width, o.Height = w, h
	if sz, ok := presets.SizePreset(o.size); ok && sz.FPS.Num > 0 && !o.flags.Changed("fps") {
		o.FPS, o.presetFPS = sz.FPS, true
	}
	if o.maxMP <= 0 {
		return usageError{errors.New("--max-megapixels must be above 0")}
	}
	o.MaxPixels = int(o.maxMP * 1e6)
	// The quality preset and the animated-image defaults choose a size
	// and rate only where the user did not.
	o.SizeGiven, o.FPSGiven = o.given("size"), o.given("fps")
	return nil
}

// given reports whether flag was set on the command line, directly or, for
// the frame rate, by an output preset such as gif.
func (o *planFlags) given(flag string) bool {
	return o.flags.Changed(flag) || flag == "fps" && o.presetFPS
}
