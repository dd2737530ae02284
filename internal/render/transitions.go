package render

import (
	"context"
	"fmt"
	"os/exec"

	"github.com/kenburns/kenburns/effects"
)

// Transitions asks ffmpeg (a path, or "" to look it up on PATH) which
// xfade transitions it has, from its help for the filter, so that a newer
// ffmpeg's transitions can be listed and used without a new kenburns.
// It returns ErrNoFFmpeg when there is no ffmpeg.
func Transitions(ctx context.Context, ffmpeg string) ([]effects.XfadeOption, error) {
	if ffmpeg == "" {
		p, err := exec.LookPath("ffmpeg")
		if err != nil {
			return nil, ErrNoFFmpeg
		}
		ffmpeg = p
	}
	out, err := exec.CommandContext(ctx, ffmpeg, "-hide_banner", "-nostdin", "-h", "filter=xfade").Output()
	if err != nil {
		return nil, fmt.Errorf("run %s -h filter=xfade: %w", ffmpeg, err)
	}
	opts := effects.ParseXfadeHelp(string(out))
	if len(opts) == 0 {
		return nil, fmt.Errorf("%s has no xfade filter: install ffmpeg 4.3 or newer with the full set of filters (Debian: apt-get install ffmpeg)", ffmpeg)
	}
	return opts, nil
}

// TransitionNames is Transitions' names only.
func TransitionNames(ctx context.Context, ffmpeg string) ([]string, error) {
	opts, err := Transitions(ctx, ffmpeg)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	return names, nil
}
