package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kenburns/kenburns/slideshow"
)

// validateOptions are the validate command's arguments.
type validateOptions struct {
	Files []string
}

func newValidateCmd() *cobra.Command {
	o := &validateOptions{}
	return &cobra.Command{
		Use:   "validate STORYBOARD.yaml|FOLDER|PHOTO...",
		Short: "Check storyboards, folders or photos and list every problem, without rendering",
		Long: `Validate reads each storyboard and lists every problem in it at once, as
file:line:col with the source line and a caret under the value: unknown keys
and names (with a "did you mean"), wrong types, missing or unreadable photos
and music, keyframes out of order or beyond their slide, transitions longer
than a slide they join, and windows that leave the photo. A folder or a
photo is checked as "kenburns render" would read it: every photo's header.

EXIT STATUS
  0    everything named is valid
  2    at least one has a problem
  130  interrupted (Ctrl-C or SIGTERM)`,
		Example: `  kenburns validate trip.yaml
  kenburns validate examples/*.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("validate: name at least one storyboard, folder or photo")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args
			return runValidate(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
}

func runValidate(ctx context.Context, o *validateOptions, stdout io.Writer) error {
	bad := 0
	for _, f := range o.Files {
		opts := slideshow.DefaultOptions()
		opts.Inputs = []string{f}
		pl, err := openPlan(ctx, opts, nil)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil {
			p := pl.plan
			fmt.Fprintf(stdout, "%s: ok: %d slides, %s at %dx%d, %s fps\n", f, len(p.Slides), p.Duration(), p.Width, p.Height, p.FPS)
			for _, w := range p.Warnings {
				fmt.Fprintf(stdout, "%s: warning: %s\n", f, w)
			}
			continue
		}
		bad++
		fmt.Fprintln(stdout, err)
	}
	if bad > 0 {
		return fmt.Errorf("%w: %d of %d storyboards have problems", slideshow.ErrInvalid, bad, len(o.Files))
	}
	return nil
}
