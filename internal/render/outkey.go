package render

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/slideshow"
)

// OutputKey hashes everything that decides the bytes of plan's finished
// video: every chunk's key (the photos' content, framing, motion, frames,
// transitions, encoder settings, engine and ffmpeg versions), the join and
// its music (their command lines and the music files' content), and the
// container. The output's own name is left out, so that a video moved
// with its record stays up to date. c remembers the files' checksums.
func (r *Renderer) OutputKey(ctx context.Context, c *cache.Cache, plan *slideshow.Plan) (string, error) {
	if c == nil {
		return "", errors.New("output key: no cache to remember checksums in")
	}
	if err := r.Lookup(); err != nil {
		return "", err
	}
	version, err := ffmpegVersion(ctx, r.FFmpeg)
	if err != nil {
		return "", err
	}
	chunks := make([]string, len(plan.Chunks))
	for i := range plan.Chunks {
		if chunks[i], err = chunkKey(c, plan, i, version); err != nil {
			return "", err
		}
	}
	music := make([]string, len(plan.Music))
	for i, t := range plan.Music {
		if music[i], err = c.FileSum(t.File); err != nil {
			return "", fmt.Errorf("music %s: %w", t.File, err)
		}
	}
	const dir, out = "$WORK", "$OUT"
	mux, err := MuxCommand(plan, dir, out)
	if err != nil {
		return "", err
	}
	cmds := [][]string{mux.Args}
	if pal, err := PaletteCommand(plan, dir); err != nil {
		return "", err
	} else if pal != nil {
		cmds = append(cmds, pal.Args)
	}
	if loop, err := MusicLoopCommand(plan, dir); err != nil {
		return "", err
	} else if loop != nil {
		cmds = append(cmds, loop.Args)
	}
	// Music is named by its path in the join; its checksum stands for it.
	names := make([]string, 0, 2*len(plan.Music))
	for i, t := range plan.Music {
		names = append(names, t.File, "$MUSIC"+fmt.Sprint(i))
	}
	roles := strings.NewReplacer(names...)
	for _, args := range cmds {
		for j, a := range args {
			args[j] = roles.Replace(a)
		}
	}
	b, err := json.Marshal(struct {
		Engine    int
		FFmpeg    string
		Container string
		Chunks    []string
		Music     []string
		Commands  [][]string
	}{EngineVersion, version, string(plan.Container), chunks, music, cmds})
	if err != nil {
		return "", err
	}
	return cache.Key(b), nil
}
