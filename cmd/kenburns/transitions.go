package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/render"
)

func newTransitionsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "transitions",
		Short: "List the transitions the installed ffmpeg can render",
		Long: `Transitions lists every transition a slide can use: none (a cut), random
(a different one at each slide, from the seed), and every transition of the
installed ffmpeg's xfade filter, asked of ffmpeg itself, so a newer ffmpeg's
transitions are listed too. Without ffmpeg it lists ffmpeg 5.1's.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTransitions(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

// transitionRow is a line of the transitions listing.
type transitionRow struct{ name, desc string }

// transitionRows are the transitions this machine can render with their
// descriptions: ffmpeg's own list when there is an ffmpeg, else the
// static one (and the reason, for a note).
func transitionRows(ctx context.Context) ([]transitionRow, error) {
	rows := []transitionRow{
		{effects.None, effects.DescribeTransition(effects.None, "")},
		{effects.Random, effects.DescribeTransition(effects.Random, "")},
	}
	opts, err := render.Transitions(ctx, "")
	if err != nil {
		for _, n := range effects.XfadeNames() {
			rows = append(rows, transitionRow{n, effects.DescribeTransition(n, "")})
		}
		return rows, err
	}
	for _, o := range opts {
		rows = append(rows, transitionRow{o.Name, effects.DescribeTransition(o.Name, o.Desc)})
	}
	return rows, nil
}

func runTransitions(ctx context.Context, stdout, stderr io.Writer) error {
	rows, err := transitionRows(ctx)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		if !errors.Is(err, render.ErrNoFFmpeg) {
			return err
		}
		fmt.Fprintf(stderr, "kenburns: %v\nkenburns: listing ffmpeg 5.1's transitions\n", err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r.name, r.desc)
	}
	return tw.Flush()
}
