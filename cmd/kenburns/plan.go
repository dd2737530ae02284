package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// planOptions are the plan command's flags: the render flags, which the
// plan must honour to describe the same video, and the output format.
type planOptions struct {
	renderOptions
	json   bool
	ffmpeg bool
}

func newPlanCmd() *cobra.Command {
	o := &planOptions{renderOptions: renderOptions{planFlags: newPlanFlags()}}
	cmd := &cobra.Command{
		Use:   "plan [flags] STORYBOARD.yaml|PHOTO|FOLDER...",
		Short: "Show the timeline a render would make, without rendering",
		Long: `Plan prints the timeline of the video a render with the same arguments
would make: each slide's photo, start, duration, fit, transition and motion.
--json prints the whole plan for scripts; --ffmpeg prints the exact ffmpeg
commands instead.`,
		Example: `  kenburns plan trip.yaml
  kenburns plan trip.yaml --size vertical --json
  kenburns plan trip.yaml --ffmpeg`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("plan: name a storyboard, or photos or folders")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.changed = o.given
			if err := o.finish(args); err != nil {
				return err
			}
			if o.json && o.ffmpeg {
				return usageError{errors.New("plan: choose --json or --ffmpeg, not both")}
			}
			return runPlan(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	o.addFlags(cmd.Flags())
	// Render-only flags change nothing in a plan.
	for _, f := range []string{"progress", "dry-run", "keep-work", "jobs", "overwrite", "cache", "cache-max", "no-cache"} {
		_ = cmd.Flags().MarkHidden(f)
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print the plan as JSON")
	cmd.Flags().BoolVar(&o.ffmpeg, "ffmpeg", false, "print the exact ffmpeg commands")
	return cmd
}

func runPlan(ctx context.Context, o *planOptions, stdout io.Writer) error {
	pl, err := openPlan(ctx, o.Options, o.changed)
	if err != nil {
		return err
	}
	switch {
	case o.json:
		return writePlanJSON(stdout, pl.plan)
	case o.ffmpeg:
		return printPlan(stdout, pl.plan, setting.Shard{})
	}
	return printTimeline(stdout, pl.plan)
}

// printTimeline writes the plan as a table, one slide per row.
func printTimeline(w io.Writer, p *slideshow.Plan) error {
	fmt.Fprintf(w, "%s: %dx%d, %s fps, %s (%d frames), %d slides, engine %s\n",
		p.Output, p.Width, p.Height, p.FPS, secs(p.Frames, p.FPS), p.Frames, len(p.Slides), p.Engine)
	printMusic(w, p)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SLIDE\tPHOTO\tSTART\tDURATION\tFIT\tTRANSITION\tMOTION")
	for i, s := range p.Slides {
		t := "cut"
		if s.Out.Frames > 0 {
			t = s.Out.Name + " " + secs(s.Out.Frames, p.FPS)
		}
		name := filepath.Base(s.Photo.Path)
		if s.Title != nil {
			name = "title " + strconv.Quote(s.Title.Text)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, name, secs(s.Start, p.FPS), secs(s.Frames, p.FPS), s.Fit, t, motionSummary(s.Motion.Keyframes, p.FPS))
	}
	return tw.Flush()
}

func secs(frames int, fps setting.Rate) string {
	return fmt.Sprintf("%gs", math.Round(fps.Seconds(frames)*1000)/1000)
}

// motionSummary shows each keyframe as zoom@(x,y) at its time, with the
// easing of the segment that reaches it.
func motionSummary(ks []effects.Keyframe, fps setting.Rate) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = fmt.Sprintf("%.3g×(%.2f,%.2f)@%gs", k.Zoom, k.CX, k.CY, math.Round(k.At/fps.Float()*100)/100)
		if i > 0 && k.Ease != effects.Linear {
			parts[i] += " " + k.Ease.String()
		}
	}
	return strings.Join(parts, " → ")
}
