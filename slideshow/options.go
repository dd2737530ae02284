package slideshow

import (
	"errors"
	"fmt"
	"image/color"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/presets"
)

// ErrInvalid marks errors caused by the user's input or flags rather than
// by rendering; the command maps it to exit code 2.
var ErrInvalid = errors.New("invalid input")

// invalid marks an error as ErrInvalid without changing its message.
type invalid struct{ error }

func (e invalid) Is(target error) bool { return target == ErrInvalid }
func (e invalid) Unwrap() error        { return e.error }

// Options are the settings of a video that a storyboard leaves to the
// program: the command's flags, or the defaults. The zero value is not
// useful; start from DefaultOptions.
type Options struct {
	Inputs []string // photo files and folders in order, or one storyboard
	Output string

	Width, Height      int
	FPS                setting.Rate
	Duration           time.Duration // per photo
	Transition         string        // xfade name, "none" or "random"
	TransitionDuration time.Duration
	// Xfades are the installed ffmpeg's xfade transitions, which names
	// are checked against; nil checks against ffmpeg 5.1's, so planning
	// needs no ffmpeg.
	Xfades     []string
	Motion     string  // "auto", "none" or a motion preset name
	Zoom       float64 // how far auto motion zooms
	Fit        setting.Fit
	Background color.NRGBA
	Sort       setting.Sort
	Recursive  bool
	Seed       int64
	Engine     setting.Engine

	// Music are the tracks, in order; --audio gives files alone
	// (TrackFiles).
	Music []storyboard.Music
	// AudioFadeOut fades the music out at the video's end: the last
	// track's fade_out.
	AudioFadeOut time.Duration
	// AudioCrossfade and AudioVolume are every track's crossfade into
	// the next and volume (a factor) where the track sets none.
	AudioCrossfade time.Duration
	AudioVolume    float64
	// MusicFit says how the music's length and the video's meet.
	MusicFit setting.MusicFit
	// Sync moves the cuts to the music's onsets; no slide becomes
	// shorter than SyncMin.
	Sync    setting.Sync
	SyncMin time.Duration
	// AudioReader reads the music's headers and onsets; nil plans without
	// reading them, so that trims are not checked against the files and
	// music_fit music and beat sync cannot be planned.
	AudioReader AudioReader

	// FadeIn and FadeOut fade the video from and to FadeColor at its
	// start and end, music included; 0 = no fade.
	FadeIn, FadeOut time.Duration
	FadeColor       color.NRGBA
	// Loop makes the video seamless on repeat (see Plan.Loop).
	Loop bool

	// Captions is how captions reach the video; SRT writes them to a
	// .srt file beside it too. CaptionsFrom gives a folder's photos
	// captions from their names or EXIF. Font is the font of captions
	// and titles that do not name one; "" is the bundled Go font.
	Captions     setting.Captions
	SRT          bool
	CaptionsFrom setting.CaptionSource
	Font         string

	// Codec is the video codec; CodecAuto follows the output's
	// extension, which also picks the container.
	Codec setting.Codec
	// Container is the output's file format; the planner sets it from
	// Output's extension.
	Container setting.Container
	// Quality picks the crf, encoder preset and (for draft) the size that
	// flags and the storyboard leave open.
	Quality setting.Quality
	// CRF is the encoder's quality scale; CRFAuto leaves it to Codec and
	// Quality.
	CRF int
	// EncoderPreset is the encoder's speed preset; "" leaves it to Codec
	// and Quality.
	EncoderPreset string
	// EncoderArgs are passed to the encoder unchecked, after kenburns' own.
	EncoderArgs []string
	// SizeGiven and FPSGiven say that the user chose the size and rate
	// explicitly, so that the quality preset and the animated-image
	// defaults leave them alone.
	SizeGiven, FPSGiven bool
	MaxPixels           int
	// SkipBad leaves out photos that cannot be read instead of failing.
	SkipBad bool
	// Cache remembers each photo's interest map by its content, so that
	// planning again does not decode it again; nil analyses every time.
	Cache *cache.Cache
}

// DefaultOptions returns the options a plain "kenburns render" uses.
func DefaultOptions() Options {
	return Options{
		Width: 1920, Height: 1080, FPS: setting.Rate{Num: 30, Den: 1},
		Duration:           4 * time.Second,
		Transition:         "fade",
		TransitionDuration: time.Second,
		Motion:             presets.MotionAuto,
		Zoom:               1.2,
		Fit:                setting.FitAuto,
		Background:         color.NRGBA{A: 255},
		FadeColor:          color.NRGBA{A: 255},
		Sort:               setting.SortName,
		Seed:               1,
		Engine:             setting.EngineSmooth,
		AudioFadeOut:       2 * time.Second,
		AudioCrossfade:     time.Second,
		AudioVolume:        1,
		MusicFit:           setting.MusicFitVideo,
		Sync:               setting.SyncNone,
		SyncMin:            DefaultSyncMin,
		Codec:              setting.CodecAuto,
		Quality:            setting.QualityNormal,
		CRF:                CRFAuto,
		Captions:           setting.CaptionsBurn,
		CaptionsFrom:       setting.CaptionsFromNone,
	}
}

// check applies the one bound of each kind of value to the options, which
// may come from flags, a storyboard or a program.
func (o *Options) check() error {
	var errs []error
	add := func(what string, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", what, err))
		}
	}
	add("size", setting.CheckSize(o.Width, o.Height))
	add("fps", setting.CheckRate(o.FPS))
	for _, d := range []struct {
		what string
		d    time.Duration
	}{{"duration", o.Duration}, {"transition duration", o.TransitionDuration}, {"audio fade", o.AudioFadeOut}, {"audio crossfade", o.AudioCrossfade}, {"sync min", o.SyncMin}, {"fade in", o.FadeIn}, {"fade out", o.FadeOut}} {
		if d.d < 0 || d.d > setting.MaxDuration {
			add(d.what, fmt.Errorf("%s: want 0 to %s", d.d, setting.MaxDuration))
		}
	}
	if o.Duration <= 0 {
		add("duration", fmt.Errorf("%s: must be positive", o.Duration))
	}
	add("zoom", setting.CheckZoom(o.Zoom))
	if o.CRF != CRFAuto {
		add("crf", setting.CheckCRF(o.CRF))
	}
	if _, err := o.encoding(); err != nil {
		errs = append(errs, err)
	}
	if _, err := setting.VolumeFactor(o.AudioVolume); err != nil {
		add("audio volume", err)
	}
	_, err := setting.ParseMusicFit(string(o.MusicFit))
	add("music fit", err)
	_, err = setting.ParseSync(string(o.Sync))
	add("sync", err)
	_, err = setting.ParseCaptions(string(o.Captions))
	add("captions", err)
	_, err = setting.ParseSort(string(o.Sort))
	add("sort", err)
	_, err = setting.ParseEngine(string(o.Engine))
	add("engine", err)
	_, err = setting.ParseFit(string(o.Fit))
	add("fit", err)
	xfades := o.Xfades
	if xfades == nil {
		xfades = effects.XfadeNames()
	}
	if err := effects.CheckTransitionIn(o.Transition, xfades); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		// Build adds its own "invalid input: " prefix.
		return invalid{errors.Join(errs...)}
	}
	return nil
}
