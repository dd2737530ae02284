package main

import (
	"path/filepath"
	"strings"

	"github.com/kenburns/kenburns/slideshow"
)

// isStoryboard reports whether a render argument names a YAML storyboard.
func isStoryboard(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// storyboardPlan plans a render of the storyboard at path; flags given on
// the command line (o.changed) override the storyboard's settings.
func storyboardPlan(o *renderOptions, path string) (*slideshow.Plan, error) {
	sb, err := slideshow.LoadStoryboard(path)
	if err != nil {
		return nil, err
	}
	opts := sb.Options(o.Options)
	if o.changed != nil {
		overrideFlags(&opts, &o.Options, o.changed)
	}
	return sb.Plan(opts)
}

// overrideFlags copies into dst the settings of src whose flags were given
// explicitly, so that they win over the storyboard.
func overrideFlags(dst, src *slideshow.Options, changed func(string) bool) {
	for _, f := range []struct {
		flag string
		set  func()
	}{
		{"output", func() { dst.Output = src.Output }},
		{"size", func() { dst.Width, dst.Height = src.Width, src.Height }},
		{"fps", func() { dst.FPS = src.FPS }},
		{"duration", func() { dst.Duration = src.Duration }},
		{"transition", func() { dst.Transition = src.Transition }},
		{"transition-duration", func() { dst.TransitionDuration = src.TransitionDuration }},
		{"motion", func() { dst.Motion = src.Motion }},
		{"zoom", func() { dst.Zoom = src.Zoom }},
		{"fit", func() { dst.Fit = src.Fit }},
		{"background", func() { dst.Background = src.Background }},
		{"seed", func() { dst.Seed = src.Seed }},
		{"engine", func() { dst.Engine = src.Engine }},
		{"audio", func() { dst.Audio = src.Audio }},
		{"audio-fade", func() { dst.AudioFadeOut = src.AudioFadeOut }},
	} {
		if changed(f.flag) {
			f.set()
		}
	}
}
