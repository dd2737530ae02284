package render

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/slideshow"
)

// EngineVersion names the way kenburns draws and encodes frames. Bump it
// with any change that alters the frames of a plan, so that chunks cached
// by an older kenburns are never joined with new ones. TestEngineVersion
// fails when frames change and it was not bumped.
const EngineVersion = 3

// slideKey is what decides the pixels a slide contributes to a chunk.
type slideKey struct {
	Photo       string // sha256 of the photo file
	Orientation int
	Fit         string
	Work, Dest  string
	Frame       effects.Frame
	Keyframes   []effects.Keyframe
	Start, N    int // the slide's frames this chunk shows
	// Text is the burned-in caption or the title, with the content of
	// their fonts; nil for a photo slide without one.
	Text *textKey `json:",omitempty"`
}

// chunkKey hashes everything that decides chunk i's bytes: the photos'
// content, their framing and motion, the frames shown, the transition, the
// output's size, rate and colours, the encoder settings and the versions of
// kenburns' engine and of ffmpeg. Slide numbers and file names are left
// out, so that a chunk is found again after slides are added or moved.
func chunkKey(c *cache.Cache, plan *slideshow.Plan, i int, ffmpegVersion string) (string, error) {
	ch := plan.Chunks[i]
	s := plan.Slides[ch.Slide]
	slides := []slideKey{}
	add := func(idx, start, n int) error {
		sl := plan.Slides[idx]
		var sum string
		if sl.Title == nil {
			var err error
			if sum, err = c.FileSum(sl.Photo.Path); err != nil {
				return fmt.Errorf("slide %d (%s): %w", idx+1, sl.Photo.Path, err)
			}
		}
		tk, err := textKeyOf(c, plan, sl)
		if err != nil {
			return fmt.Errorf("slide %d (%s): %w", idx+1, sl.Photo.Path, err)
		}
		slides = append(slides, slideKey{
			Photo: sum, Orientation: sl.Photo.Orientation, Fit: string(sl.Fit),
			Work: sl.Work.String(), Dest: sl.Dest.String(), Frame: sl.Motion.Frame, Keyframes: sl.Motion.Keyframes,
			Start: start, N: n, Text: tk,
		})
		return nil
	}
	if err := add(ch.Slide, ch.Start, ch.Frames); err != nil {
		return "", err
	}
	next := plan.Next(ch.Slide) // the first slide, after the last in a loop
	if s.Out.Frames > 0 {
		if err := add(next, 0, s.Out.Frames); err != nil {
			return "", err
		}
	}
	// The command line carries the encoder settings, the transition and
	// the zoompan expressions; the work directory's names are by slide
	// number, so they are replaced by their roles.
	const dir = "$WORK"
	cmd, err := ChunkCommand(plan, i, dir)
	if err != nil {
		return "", err
	}
	roles := strings.NewReplacer(
		workFile(dir, ch.Slide), "$A", backFile(dir, ch.Slide), "$A-BACK",
		workFile(dir, next), "$B", backFile(dir, next), "$B-BACK",
		captionFile(dir, ch.Slide), "$A-CAPTION", captionFile(dir, next), "$B-CAPTION",
		chunkFile(dir, i), "$OUT", graphFile(dir, i), "$GRAPH",
	)
	args := make([]string, len(cmd.Args))
	for j, a := range cmd.Args {
		args[j] = roles.Replace(a)
	}
	b, err := json.Marshal(struct {
		Engine     int
		FFmpeg     string
		Args       []string
		Slides     []slideKey
		Background string
		Pipes      []Pipe
	}{EngineVersion, ffmpegVersion, args, slides, fmt.Sprint(plan.Background), normalPipes(cmd.Pipes, ch.Slide)})
	if err != nil {
		return "", err
	}
	return cache.Key(b), nil
}

// normalPipes makes pipes independent of slide numbers.
func normalPipes(ps []Pipe, first int) []Pipe {
	out := make([]Pipe, len(ps))
	for i, p := range ps {
		p.Slide -= first
		out[i] = p
	}
	return out
}

// ffmpegVersion is the first line of "ffmpeg -version": another ffmpeg
// may encode other bytes, and chunks joined by stream copy must agree.
func ffmpegVersion(ctx context.Context, ffmpeg string) (string, error) {
	out, err := exec.CommandContext(ctx, ffmpeg, "-hide_banner", "-nostdin", "-version").Output()
	if err != nil {
		return "", fmt.Errorf("run %s -version: %w", ffmpeg, err)
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return line, nil
}
