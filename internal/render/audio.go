package render

import (
	"path/filepath"
	"strconv"
	"time"

	ffmpeg "github.com/u2takey/ffmpeg-go"

	"github.com/kenburns/kenburns/internal/onset"
	"github.com/kenburns/kenburns/slideshow"
)

// This file is the music's one path through ffmpeg: every track is trimmed,
// resampled to 48 kHz stereo, set to its volume and faded on its own;
// consecutive tracks crossfade; the whole is cut or padded with silence
// to the video's length, or repeated from a seamless period that
// MusicLoopCommand writes before the mux; and the mux encodes it once, as
// AAC (Opus in WebM), with the video's end.

// MusicRate is the one sample rate of the music: every track is
// resampled to it before the tracks meet.
const MusicRate = 48000

// secs writes a time in seconds for a filter's option, to the microsecond.
func secs(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 6, 64) }

// music is the plan's music under the whole video, untrimmed: the tracks
// in order, then silence without end; or, when the music repeats, its
// first LoopJoin from the work directory dir followed by its seamless
// period looped without end (see MusicLoopCommand), so that the mux
// reads two small files however long the video is.
func music(p *slideshow.Plan, dir string) *ffmpeg.Stream {
	if p.Repeats() > 1 {
		head := ffmpeg.Input(filePath(musicHeadFile(dir))).Audio()
		period := ffmpeg.Input(filePath(musicPeriodFile(dir)), ffmpeg.KwArgs{"stream_loop": -1}).Audio()
		return ffmpeg.Filter([]*ffmpeg.Stream{head, period}, "concat", nil, ffmpeg.KwArgs{"n": 2, "v": 0, "a": 1})
	}
	return once(p).Filter("apad", nil)
}

// once is the plan's music played once: the tracks in order, each read
// from its file, crossfaded or joined.
func once(p *slideshow.Plan) *ffmpeg.Stream {
	seen := map[string]int{}
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
	return joined
}

// musicHeadFile and musicPeriodFile are where MusicLoopCommand writes the
// looped music's two parts in the work directory dir: 32-bit float WAV,
// so that nothing is lost before the mux encodes them once.
func musicHeadFile(dir string) string   { return filepath.Join(dir, "music-head.wav") }
func musicPeriodFile(dir string) string { return filepath.Join(dir, "music-period.wav") }

// MusicLoopCommand returns the ffmpeg command that prepares music that
// repeats (MusicFit loop) for the mux, or nil when p's music plays once.
//
// With M the music once through and J = LoopJoin, the repeats joined by
// J-second crossfades are M[0,J], then M[J,M-J] followed by M's last J
// crossfaded into its first J, again and again. The command writes the
// head M[0,J] and that period, reading each track once; the mux then
// loops the period's file with -stream_loop, sample for sample the
// repeats crossfaded one by one, with two inputs for any length of video.
// (One graph cannot loop with crossfades itself: acrossfade needs its
// first input's end, and an asplit would have to hold the whole video's
// music.)
func MusicLoopCommand(p *slideshow.Plan, dir string) (*Command, error) {
	if p.Repeats() <= 1 {
		return nil, nil
	}
	j := secs(p.LoopJoin())
	args, err := compose("music loop", func() []string {
		split := once(p).ASplit()
		head := split.Get("0").Filter("atrim", nil, ffmpeg.KwArgs{"end": j})
		body := split.Get("1").
			Filter("atrim", nil, ffmpeg.KwArgs{"start": j}).
			Filter("asetpts", ffmpeg.Args{"PTS-STARTPTS"})
		into := split.Get("2").Filter("atrim", nil, ffmpeg.KwArgs{"end": j})
		period := ffmpeg.Filter([]*ffmpeg.Stream{body, into}, "acrossfade", nil, ffmpeg.KwArgs{"d": j})
		wav := ffmpeg.KwArgs{"c:a": "pcm_f32le", "f": "wav"}
		return ffmpeg.MergeOutputs(
			head.Output(musicHeadFile(dir), wav),
			period.Output(musicPeriodFile(dir), wav),
		).GlobalArgs(globalArgs()...).GetArgs()
	})
	if err != nil {
		return nil, err
	}
	return &Command{Chunk: -1, Args: args}, nil
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
