package render

import (
	"fmt"
	"strconv"
	"time"

	ffmpeg "github.com/u2takey/ffmpeg-go"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// This file shapes the video's start and end: fades of the picture inside
// the chunks, and the music's fades and loop in the mux.

// fades adds the plan's fades to chunk c's picture v. They are drawn
// inside the chunk encodes, so that chunks still join by stream copy: the
// chunk's timestamps are moved to the video's time for the fade filters,
// which then use the video's own start and length, and moved back.
//
// A fade in of n frames shows frame 0 in the colour and frame n as it
// is; a fade out of n frames shows the last frame in the colour and the
// frame n before it as it is, so both dim n frames.
func fades(p *slideshow.Plan, c slideshow.Chunk, v *ffmpeg.Stream) *ffmpeg.Stream {
	fps := p.FPS.Float()
	var fs []ffmpeg.KwArgs
	if in := p.FadeIn; in.Frames > 0 && c.First < in.Frames {
		fs = append(fs, ffmpeg.KwArgs{"t": "in", "st": effects.Seconds(0, fps), "d": effects.Seconds(in.Frames, fps), "color": colorArg(in)})
	}
	if out := p.FadeOut; out.Frames > 0 && c.First+c.Frames > p.Frames-out.Frames {
		st := max(0, p.Frames-out.Frames-1)
		fs = append(fs, ffmpeg.KwArgs{"t": "out", "st": effects.Seconds(st, fps), "d": effects.Seconds(out.Frames, fps), "color": colorArg(out)})
	}
	if len(fs) == 0 {
		return v
	}
	// FR*TB turns frames into the stream's time base, exactly.
	v = v.Filter("setpts", ffmpeg.Args{fmt.Sprintf("PTS+%d/(FR*TB)", c.First)})
	for _, f := range fs {
		v = v.Filter("fade", nil, f)
	}
	return v.Filter("setpts", ffmpeg.Args{"PTS-STARTPTS"})
}

// colorArg is a fade's colour as ffmpeg reads it.
func colorArg(f slideshow.Fade) string {
	return effects.Escape(setting.FormatColor(f.Color))
}

// musicEnds shapes the music under the whole video: in a loop its end
// crossfades into its start; otherwise it fades in with the picture, and
// out with the picture's fade out, or over the plan's music fade.
func musicEnds(p *slideshow.Plan, audio *ffmpeg.Stream) *ffmpeg.Stream {
	fps := p.FPS.Float()
	total := p.Duration()
	if p.Loop {
		return loopMusic(p, audio)
	}
	audio = audio.Filter("atrim", nil, ffmpeg.KwArgs{"end": secs(total)})
	if in := p.FadeIn.Frames; in > 0 {
		audio = audio.Filter("afade", nil, ffmpeg.KwArgs{"t": "in", "st": secs(0), "d": effects.Seconds(in, fps)})
	}
	if out := p.FadeOut.Frames; out > 0 {
		// The picture starts to dim at frame Frames-out and is the colour
		// at the last frame: the music fades over the same time, to
		// silence at the video's end.
		return audio.Filter("afade", nil, ffmpeg.KwArgs{
			"t": "out", "st": effects.Seconds(p.Frames-out, fps), "d": effects.Seconds(out, fps),
		})
	}
	if fade := p.AudioFadeOut.Seconds(); fade > 0 {
		// The last track fades out to end where the music ends: the
		// video's last frame, or before silence.
		end := musicEnd(p).Seconds()
		fade = min(fade, end)
		audio = audio.Filter("afade", nil, ffmpeg.KwArgs{
			"t": "out", "st": strconv.FormatFloat(end-fade, 'f', 3, 64), "d": strconv.FormatFloat(fade, 'f', 3, 64),
		})
	}
	return audio
}

// loopMusic makes the music seamless on repeat: with X the length of the
// last transition (at least half a second, at most half the video), the
// video's T seconds of music are the music from X to T+X, whose last X
// seconds crossfade into the music's first X. The last sample then
// continues into the music at X, which is where the video's music starts.
func loopMusic(p *slideshow.Plan, audio *ffmpeg.Stream) *ffmpeg.Stream {
	total := p.Duration()
	x := p.FPS.Time(p.Slides[len(p.Slides)-1].Out.Frames)
	x = min(max(x, 500*time.Millisecond), total/2)
	split := audio.ASplit()
	body := split.Get("0").
		Filter("atrim", nil, ffmpeg.KwArgs{"start": secs(x), "end": secs(total + x)}).
		Filter("asetpts", ffmpeg.Args{"PTS-STARTPTS"})
	head := split.Get("1").Filter("atrim", nil, ffmpeg.KwArgs{"end": secs(x)})
	return ffmpeg.Filter([]*ffmpeg.Stream{body, head}, "acrossfade", nil, ffmpeg.KwArgs{"d": secs(x)})
}
