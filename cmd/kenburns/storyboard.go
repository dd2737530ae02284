package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/slideshow"
)

// planned is what the one path from arguments to a plan produced.
type planned struct {
	sb   *storyboard.Storyboard
	opts slideshow.Options // the storyboard's settings with explicit flags applied
	in   *slideshow.Inputs // what a folder scan found; empty for a storyboard
	plan *slideshow.Plan
}

// openPlan is the one path from the command line to a plan, for render,
// plan, init and validate: the inputs become a storyboard (a file is
// parsed, photos and folders are collected as init does), flags given on
// the command line (changed) override the storyboard's settings, and the
// planner makes the plan.
func openPlan(ctx context.Context, flags slideshow.Options, changed func(string) bool) (*planned, error) {
	if flags.Cache == nil {
		flags.Cache = noteCache()
	}
	return planWith(ctx, flags, changed)
}

// planWith is openPlan with flags.Cache as it is: nil plans with no cache
// at all, as render --no-cache asks.
func planWith(ctx context.Context, flags slideshow.Options, changed func(string) bool) (*planned, error) {
	if flags.AudioReader == nil {
		// Tracks are read with ffprobe, their onsets remembered in the
		// cache when there is one.
		flags.AudioReader = render.AudioReader{Cache: flags.Cache}
	}
	sb, in, err := slideshow.Open(ctx, flags)
	if err != nil {
		return &planned{in: in}, err
	}
	opts := slideshow.StoryboardOptions(sb, flags)
	if changed != nil {
		overrideFlags(&opts, &flags, changed)
	}
	if effects.CheckTransition(opts.Transition) != nil {
		// Not one of ffmpeg 5.1's: perhaps a newer ffmpeg's. Asking
		// ffmpeg only then keeps planning free of ffmpeg otherwise.
		if names, err := render.TransitionNames(ctx, ""); err == nil {
			opts.Xfades = names
		}
	}
	plan, err := slideshow.Build(ctx, sb, opts)
	return &planned{sb: sb, opts: opts, in: in, plan: plan}, err
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
		{"audio", func() { dst.Music = src.Music }},
		{"audio-fade", func() { dst.AudioFadeOut = src.AudioFadeOut }},
		{"audio-crossfade", func() { dst.AudioCrossfade = src.AudioCrossfade }},
		{"audio-volume", func() { dst.AudioVolume = src.AudioVolume }},
		{"music-fit", func() { dst.MusicFit = src.MusicFit }},
		{"sync", func() { dst.Sync = src.Sync }},
		{"sync-min", func() { dst.SyncMin = src.SyncMin }},
		{"fade-in", func() { dst.FadeIn = src.FadeIn }},
		{"fade-out", func() { dst.FadeOut = src.FadeOut }},
		{"fade-color", func() { dst.FadeColor = src.FadeColor }},
		{"loop", func() { dst.Loop = src.Loop }},
		{"captions", func() { dst.Captions = src.Captions }},
		{"srt", func() { dst.SRT = src.SRT }},
		{"font", func() { dst.Font = src.Font }},
	} {
		if changed(f.flag) {
			f.set()
		}
	}
}

// warn tells on stderr what the plan warns of (music shorter than the
// video, characters no font has) and what the folder scan left out: files
// that are not photos and, once planning succeeded with --skip-bad, the
// photos that cannot be read. Quiet (JSON progress) keeps stderr to JSON
// lines but for the skipped photos.
func (pl *planned) warn(stderr io.Writer, quiet bool, planned bool) {
	if pl.plan != nil && !quiet {
		for _, w := range pl.plan.Warnings {
			fmt.Fprintf(stderr, "kenburns: warning: %s\n", w)
		}
	}
	if pl.in == nil {
		return
	}
	if pl.in.Ignored > 0 && !quiet {
		fmt.Fprintf(stderr, "kenburns: ignored %d file(s) that are not photos\n", pl.in.Ignored)
	}
	if planned {
		warnSkipped(stderr, pl.in.Bad)
	}
}
