package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/presets"
)

func newPresetsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "presets",
		Short: "List the output, quality, motion and transition presets",
		Long: `Presets lists the named things kenburns knows, from its registry: output
presets for --size (and a storyboard's output preset), quality presets for
--quality, motion presets for
--motion, and transitions for --transition ("kenburns transitions"
describes each).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPresets(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

// qualityNotes says what a quality preset is for.
func qualityNotes(q setting.Quality) string {
	switch q {
	case setting.QualityDraft:
		return "fast previews: half the size, one pass"
	case setting.QualityHigh:
		return "archiving: slower, larger, x264's full lookahead"
	}
	return "the default"
}

func runPresets(ctx context.Context, stdout, stderr io.Writer) error {
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "Output presets (--size):")
	for _, sz := range presets.Sizes() {
		fps := ""
		if sz.FPS.Num > 0 {
			fps = ", " + sz.FPS.String() + " fps"
		}
		fmt.Fprintf(tw, "  %s\t%dx%d%s\t%s\n", sz.Name, sz.Width, sz.Height, fps, sz.Desc)
	}
	fmt.Fprintln(tw, "\nQuality presets (--quality):")
	for _, q := range setting.QualityNames() {
		crf, preset := setting.CodecH264.EncoderDefaults(setting.Quality(q))
		fmt.Fprintf(tw, "  %s\tH.264 crf %d, preset %s\t%s\n", q, crf, preset, qualityNotes(setting.Quality(q)))
	}
	fmt.Fprintln(tw, "\nMotion presets (--motion):")
	fmt.Fprintf(tw, "  %s\n", strings.Join(append([]string{presets.MotionAuto, presets.MotionRandom}, presets.MotionNames()...), " "))
	rows, err := transitionRows(ctx)
	if err != nil && !errors.Is(err, render.ErrNoFFmpeg) {
		return err
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.name
	}
	fmt.Fprintln(tw, "\nTransitions (--transition; kenburns transitions describes them):")
	fmt.Fprintf(tw, "  %s\n", strings.Join(names, " "))
	return tw.Flush()
}
