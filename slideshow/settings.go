package slideshow

import (
	"path/filepath"
	"strings"

	"github.com/kenburns/kenburns/internal/storyboard"
)

// StoryboardOptions returns base with the storyboard's own settings
// applied: output, size, fps, defaults, music, seed, engine and
// background. A command applies its explicit flags to the result, so flags
// win over the file; what a slide sets for itself wins over both.
func StoryboardOptions(sb *storyboard.Storyboard, base Options) Options {
	o := base
	o.Inputs = nil
	switch {
	case sb.Output.File != "":
		o.Output = sb.Output.File
	case sb.Path != "":
		o.Output = strings.TrimSuffix(sb.Path, filepath.Ext(sb.Path)) + ".mp4"
	}
	if sb.Output.Width > 0 {
		o.Width, o.Height = sb.Output.Width, sb.Output.Height
	}
	if sb.Output.FPS.Num > 0 {
		o.FPS = sb.Output.FPS
	}
	if out := sb.Output; out.FadeIn != nil {
		o.FadeIn = *out.FadeIn
	}
	if out := sb.Output; out.FadeOut != nil {
		o.FadeOut = *out.FadeOut
	}
	if out := sb.Output; out.FadeColor != nil {
		o.FadeColor = *out.FadeColor
	}
	if out := sb.Output; out.Loop != nil {
		o.Loop = *out.Loop
	}
	if out := sb.Output; out.Captions != "" {
		o.Captions = out.Captions
	}
	if out := sb.Output; out.SRT != nil {
		o.SRT = *out.SRT
	}
	d := sb.Defaults
	if d.Duration != nil {
		o.Duration = *d.Duration
	}
	if t := d.Transition; t != nil {
		if t.Type != "" {
			o.Transition = t.Type
		}
		if t.Duration != nil {
			o.TransitionDuration = *t.Duration
		}
	}
	if d.Fit != "" {
		o.Fit = d.Fit
	}
	if d.Motion != nil && d.Motion.Preset != "" {
		o.Motion = d.Motion.Preset
	}
	if d.Zoom > 0 {
		o.Zoom = d.Zoom
	}
	musicOptions(sb, &o)
	if sb.Seed != nil {
		o.Seed = *sb.Seed
	}
	if sb.Engine != "" {
		o.Engine = sb.Engine
	}
	if sb.Background != nil {
		o.Background = *sb.Background
	}
	return o
}
