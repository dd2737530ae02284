package render

import (
	"strconv"
	"time"

	ffmpeg "github.com/u2takey/ffmpeg-go"

	"github.com/kenburns/kenburns/internal/onset"
	"github.com/kenburns/kenburns/slideshow"
)

// This file is the music's one path through ffmpeg: every track is trimmed,
// resampled to 48 kHz stereo, set to its volume and faded on its own;
// consecutive tracks crossfade; the whole is repeated, cut or padded with
// silence to the video's length; and the mux encodes it once, as AAC
// (Opus in WebM), with the video's end.

// MusicRate is the one sample rate of the music: every track is
// resampled to it before the tracks meet.
const MusicRate = 48000

// secs writes a time in seconds for a filter's option, to the microsecond.
func secs(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 6, 64) }

// music is the plan's music under the whole video, untrimmed: the tracks
// in order, repeated when MusicFit is loop, then silence without end.
func music(p *slideshow.Plan) *ffmpeg.Stream {
	seen := map[string]int{}
	// Each repeat reads the files again: acrossfade loses its second
	// input when both come from one asplit, which ends them together.
	var all *ffmpeg.Stream
	for k := range p.Repeats() {
		var joined *ffmpeg.Stream
		for i, t := range p.Music {
			s := track(t, seen)
			switch {
			case i == 0:
				joined = s
			case p.Music[i-1].Crossfade > 0:
				joined = ffmpeg.Filter([]*ffmpeg.Stream{joined, s}, "acrossfade", nil, ffmpeg.KwArgs{"d": secs(p.Music[i-1].Crossfade)})
			default:
				joined = ffmpeg.Filter([]*ffmpeg.Stream{joined, s}, "concat", nil, ffmpeg.KwArgs{"n": 2, "v": 0, "a": 1})
			}
		}
		if k == 0 {
			all = joined
		} else {
			all = ffmpeg.Filter([]*ffmpeg.Stream{all, joined}, "acrossfade", nil, ffmpeg.KwArgs{"d": secs(p.LoopJoin())})
		}
	}
	return all.Filter("apad", nil)
}

// track is one track trimmed, at the music's rate and layout, at its
// volume and with its own fades. seen counts the inputs of each file so
// far: ffmpeg-go merges inputs with the same file and options into one,
// which then cannot feed two tracks, so a file's later inputs differ in a
// harmless option.
func track(t slideshow.Track, seen map[string]int) *ffmpeg.Stream {
	in := ffmpeg.KwArgs{}
	if n := seen[t.File]; n > 0 {
		in["thread_queue_size"] = 8 + n
	}
	seen[t.File]++
	s := ffmpeg.Input(filePath(t.File), in).Audio()
	trim := ffmpeg.KwArgs{}
	if t.Start > 0 {
		trim["start"] = secs(t.Start)
	}
	if t.End > 0 && t.End < t.Info.Duration {
		trim["end"] = secs(t.End)
	}
	if len(trim) > 0 {
		s = s.Filter("atrim", nil, trim).Filter("asetpts", ffmpeg.Args{"PTS-STARTPTS"})
	}
	s = s.Filter("aresample", ffmpeg.Args{strconv.Itoa(MusicRate)}).
		Filter("aformat", nil, ffmpeg.KwArgs{"sample_fmts": "fltp", "sample_rates": MusicRate, "channel_layouts": "stereo"})
	if t.Volume != 1 && t.Volume > 0 {
		s = s.Filter("volume", nil, ffmpeg.KwArgs{"volume": strconv.FormatFloat(t.Volume, 'f', -1, 64)})
	}
	if t.FadeIn > 0 {
		s = s.Filter("afade", nil, ffmpeg.KwArgs{"t": "in", "st": secs(0), "d": secs(t.FadeIn)})
	}
	if l := t.Length(); t.FadeOut > 0 && l > 0 {
		d := min(t.FadeOut, l)
		s = s.Filter("afade", nil, ffmpeg.KwArgs{"t": "out", "st": secs(l - d), "d": secs(d)})
	}
	return s
}

// musicEnd is where the music ends in the video: at the video's end, or
// earlier when music_fit video leaves silence after a shorter piece.
func musicEnd(p *slideshow.Plan) time.Duration {
	total := p.Duration()
	if m := p.MusicLength(); m > 0 && m < total && p.Repeats() == 1 {
		return m
	}
	return total
}

// DecodeCommand returns the ffmpeg command that decodes the first audio
// stream of path to mono 32-bit float samples on stdout, at the rate
// onset detection wants.
func DecodeCommand(path string) (Command, error) {
	args, err := compose("decode "+path, func() []string {
		return ffmpeg.Input(filePath(path)).Audio().
			Output("pipe:1", ffmpeg.KwArgs{"ac": 1, "ar": onset.SampleRate, "f": "f32le", "c:a": "pcm_f32le"}).
			GlobalArgs("-hide_banner", "-nostdin", "-loglevel", "error", "-nostats").GetArgs()
	})
	return Command{Chunk: -1, Args: args}, err
}
