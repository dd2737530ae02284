package render

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/google/renameio/v2"

	ffmpeg "github.com/u2takey/ffmpeg-go"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// subtitleFile is the captions as SRT in the work directory, the soft
// subtitle stream's input.
func subtitleFile(dir string) string { return filepath.Join(dir, "captions.srt") }

// SRT returns the plan's captions as a SubRip file: one cue per caption,
// timed to its slide (see Plan.Cues), times rounded to the millisecond.
// Text is kept as written, line breaks included; a blank line would end a
// cue early, so blank lines inside a caption are dropped.
func SRT(p *slideshow.Plan) string {
	var b strings.Builder
	for i, c := range p.Cues() {
		var lines []string
		for _, l := range strings.Split(strings.ReplaceAll(c.Text, "\r\n", "\n"), "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n\n", i+1, srtTime(p.FPS.Seconds(c.Start)), srtTime(p.FPS.Seconds(c.End)), strings.Join(lines, "\n"))
	}
	return b.String()
}

// srtTime formats seconds as SubRip's HH:MM:SS,mmm.
func srtTime(s float64) string {
	ms := int64(math.Round(s * 1000))
	return fmt.Sprintf("%02d:%02d:%02d,%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// softSubtitles reports whether the plan's video gets a subtitle stream:
// the captions are soft, there are any, and the container can carry them
// (GIF and WebP cannot; the planner warned).
func softSubtitles(p *slideshow.Plan) bool {
	return p.Captions.Soft() && p.Container.Joinable() && len(p.Cues()) > 0
}

// subtitleCodec is the subtitle format each container carries.
func subtitleCodec(c setting.Container) string {
	switch c {
	case setting.ContainerMKV:
		return "srt"
	case setting.ContainerWebM:
		return "webvtt"
	}
	return "mov_text"
}

// subtitles returns the subtitle stream for the mux and sets its codec in
// kw; nil when the video gets none.
func subtitles(p *slideshow.Plan, dir string, kw ffmpeg.KwArgs) []*ffmpeg.Stream {
	if !softSubtitles(p) {
		return nil
	}
	kw["c:s"] = subtitleCodec(p.Container)
	return []*ffmpeg.Stream{ffmpeg.Input(subtitleFile(dir), ffmpeg.KwArgs{"f": "srt"}).Get("s")}
}

// writeSidecar writes the captions to the plan's .srt file beside the
// video: to a temporary file first, renamed into place.
func writeSidecar(p *slideshow.Plan) error {
	if p.SRT == "" {
		return nil
	}
	if err := renameio.WriteFile(p.SRT, []byte(SRT(p)), 0o644, renameio.WithExistingPermissions()); err != nil {
		return fmt.Errorf("write subtitles %s: %w", p.SRT, err)
	}
	return nil
}
