package slideshow

import (
	"math"

	"github.com/kenburns/kenburns/internal/setting"
)

// Defaults of animated-image outputs (.gif, .webp) when --size and --fps
// are not given: full HD at 30 fps would make files of hundreds of MB that
// browsers play badly.
const (
	animatedWidth = 480
	animatedFPS   = 15
)

// CRFAuto, as Options.CRF, leaves the quality to the codec and the
// quality preset.
const CRFAuto = -1

// encoding resolves how the output is encoded: its container from the
// output's extension, the codec, the crf and preset the codec and quality
// give (explicit values win), and the size and rate after the quality and
// animated-image defaults. An output without a name is planned as MP4.
func (o *Options) encoding() (Options, error) {
	r := *o
	r.Container = setting.ContainerMP4
	if o.Output != "" {
		c, err := setting.ContainerOf(o.Output)
		if err != nil {
			return r, err
		}
		r.Container = c
	}
	codec, err := r.Container.Resolve(o.Codec)
	if err != nil {
		return r, err
	}
	r.Codec = codec
	q := o.Quality
	if q == "" {
		q = setting.QualityNormal
	}
	r.Quality = q
	crf, preset := codec.EncoderDefaults(q)
	if r.CRF == CRFAuto {
		r.CRF = crf
	}
	if r.EncoderPreset == "" {
		r.EncoderPreset = preset
	}
	if err := codec.CheckCRF(r.CRF); err != nil && !(codec == setting.CodecGIF || codec == setting.CodecWebP) {
		return r, err
	}
	if !r.Container.Audio() {
		r.Music = nil // documented: GIF and WebP carry no sound
	}
	if !r.Container.Joinable() && !o.SizeGiven && r.Width > animatedWidth {
		r.Width, r.Height = animatedWidth, evenRound(float64(r.Height)*animatedWidth/float64(r.Width))
	}
	if !r.Container.Joinable() && !o.FPSGiven {
		r.FPS = setting.Rate{Num: animatedFPS, Den: 1}
	}
	if q == setting.QualityDraft && !o.SizeGiven {
		r.Width, r.Height = evenRound(float64(r.Width)/2), evenRound(float64(r.Height)/2)
	}
	return r, nil
}

// evenRound rounds v to the nearest even size kenburns can encode.
func evenRound(v float64) int {
	return max(setting.MinSize, 2*int(math.Round(v/2)))
}
