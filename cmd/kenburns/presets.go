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
	"github.com/kenburns/kenburns/presets"
)

func newPresetsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "presets",
		Short: "List the output, motion and transition presets",
		Long: `Presets lists the named things kenburns knows, from its registry: output
presets for --size (and a storyboard's output preset), motion presets for
--motion, and transitions for --transition ("kenburns transitions"
describes each).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPresets(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
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
	// Quality presets (draft, normal, high) belong here, from the same
	// registry, when they exist.
	fmt.Fprintln(tw, "\nMotion presets (--motion):")
	fmt.Fprintf(tw, "  %s\n", strings.Join(append([]string{presets.MotionAuto}, presets.MotionNames()...), " "))
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
