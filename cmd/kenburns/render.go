package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// renderOptions are the render command's flags.
type renderOptions struct {
	planFlags
	progress  setting.Progress
	jobs      int
	dryRun    bool
	keepWork  bool
	overwrite bool
	cache     cacheFlags
	shard     setting.Shard
	// changed reports whether a flag was given on the command line, so
	// that a storyboard's settings give way only to explicit flags.
	changed func(flag string) bool
}

func (o *renderOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.Output, "output", "o", "kenburns.mp4", "output video file; the extension picks the format: "+strings.Join(setting.OutputExtensions(), ", "))
	fs.BoolVarP(&o.overwrite, "overwrite", "y", false, "replace the output file if it exists")
	o.planFlags.addFlags(fs)
	o.addEncoderFlags(fs)
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "ffmpeg processes at once")
	o.progress = setting.ProgressAuto
	fs.Var(&o.progress, "progress", "progress display: auto (a bar on a terminal, else plain lines), bar, plain, json or none")
	fs.BoolVar(&o.SkipBad, "skip-bad", false, "leave out photos that cannot be read (with a warning) instead of stopping")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the plan and the exact ffmpeg commands; render nothing")
	fs.BoolVar(&o.keepWork, "keep-work", false, "keep the temporary work directory (for debugging)")
	o.cache.addFlags(fs, true)
	fs.Var(&o.shard, "shard", "encode only part I of N (from 0) of the video's chunks into the --cache folder and write no video; a plain render with the same --cache then joins them")
}

func newRenderCmd(runF func(context.Context, *renderOptions, io.Writer, io.Writer) error) *cobra.Command {
	o := &renderOptions{planFlags: newPlanFlags()}
	cmd := &cobra.Command{
		Use:   "render [flags] PHOTO|FOLDER...",
		Short: "Render photos or folders of photos to a video",
		Long: `Render turns photos, folders of photos or a YAML storyboard into a video
with slow pans and zooms and transitions between the photos. The output's
extension picks the format: .mp4, .m4v, .mov and .mkv are H.264 and AAC,
.webm is VP9 and Opus, .gif and .webp are animations (480 pixels wide at
15 fps unless --size and --fps say otherwise); --codec picks another codec.

Every photo is read before ffmpeg starts; photos that cannot be read are
listed and nothing is rendered (or, with --skip-bad, they are left out).
The video is written to a temporary file and renamed into place only when
it is complete; source files are never modified. Working copies of the
photos (about 5 MB per photo at 1080p) go to $TMPDIR and are removed at the
end.
` + exitStatusHelp,
		Example: `  kenburns render ~/Pictures/trip -o trip.mp4
  kenburns render a.jpg b.png c.webp -o out.mp4 -y
  kenburns render --sort date --size 1280x720 --fps 25 --duration 5s --transition-duration 1.5s ~/Pictures/trip -o trip.mp4`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("render: name at least one photo or folder")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.changed = o.given
			if err := o.finish(args); err != nil {
				return err
			}
			if o.jobs < 1 {
				return usageError{fmt.Errorf("--jobs %d: want at least 1", o.jobs)}
			}
			if !o.shard.IsZero() && (o.cache.off || o.cache.dir == "") {
				// Shards on other machines, and the join, must see the
				// same chunks: the default cache is this user's own.
				return usageError{fmt.Errorf("--shard %s: name the shared chunk cache with --cache DIR (the shards and the final render use the same folder)", o.shard)}
			}
			if runF != nil {
				return runF(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
			}
			return runRender(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}

func runRender(ctx context.Context, o *renderOptions, stdout, stderr io.Writer) error {
	c, err := o.cache.open()
	if err != nil {
		return err
	}
	// Interest maps go with the chunks, and --no-cache keeps neither.
	o.Options.Cache = c
	pl, err := planWith(ctx, o.Options, o.changed)
	pl.warn(stderr, o.progress == setting.ProgressJSON, err == nil)
	if err != nil {
		return err
	}
	plan := pl.plan
	if o.dryRun {
		return printPlan(stdout, plan, o.shard)
	}
	if !o.shard.IsZero() {
		return renderShard(ctx, o, pl, stderr)
	}
	if err := checkOutput(plan.Output, o.overwrite); err != nil {
		return fmt.Errorf("%w: %w", slideshow.ErrInvalid, err)
	}
	pr := newProgress(o.progress, stderr)
	r := &render.Renderer{Jobs: o.jobs, Progress: pr.update, KeepWork: o.keepWork, Cache: c}
	err = r.Render(ctx, plan)
	var bad *photo.Errors
	if errors.As(err, &bad) && o.SkipBad {
		// Photos whose header read fine but whose pixels do not: plan
		// again without them, on the one path, and render that.
		warnSkipped(stderr, bad.Photos)
		if plan, err = slideshow.Build(ctx, slideshow.Without(pl.sb, bad.Photos), pl.opts); err == nil {
			err = r.Render(ctx, plan)
		}
	}
	pr.finish(plan, err)
	return err
}

// warnSkipped lists photos left out by --skip-bad.
func warnSkipped(w io.Writer, bad []*photo.Error) {
	if len(bad) == 0 {
		return
	}
	fmt.Fprintf(w, "kenburns: warning: skipped %d photo(s) that cannot be used:\n", len(bad))
	for _, b := range bad {
		fmt.Fprintf(w, "  %v\n", b)
	}
}

// renderShard encodes the shard's chunks into the cache. The output is
// not checked: this run writes none, but its extension picks the format,
// which the chunks must share with the render that joins them.
func renderShard(ctx context.Context, o *renderOptions, pl *planned, stderr io.Writer) error {
	plan := pl.plan
	pr := newProgress(o.progress, stderr)
	pr.shard = o.shard
	r := &render.Renderer{Jobs: o.jobs, Progress: pr.update, KeepWork: o.keepWork, Cache: o.Options.Cache}
	err := r.RenderShard(ctx, plan, o.shard)
	var bad *photo.Errors
	if errors.As(err, &bad) && o.SkipBad {
		// As in runRender. The join, also with --skip-bad, leaves the
		// same photos out and finds these chunks.
		warnSkipped(stderr, bad.Photos)
		if plan, err = slideshow.Build(ctx, slideshow.Without(pl.sb, bad.Photos), pl.opts); err == nil {
			err = r.RenderShard(ctx, plan, o.shard)
		}
	}
	pr.finish(plan, err)
	return err
}

// printPlan writes the dry-run view: the timeline and the exact commands;
// for a shard, only its chunks' commands.
func printPlan(w io.Writer, plan *slideshow.Plan, shard setting.Shard) error {
	fmt.Fprintf(w, "# %s: %dx%d, %s fps, %d frames (%s), %d slides, engine %s\n",
		plan.Output, plan.Width, plan.Height, plan.FPS, plan.Frames, plan.Duration(), len(plan.Slides), plan.Engine)
	for i, s := range plan.Slides {
		fmt.Fprintf(w, "# slide %d: %s (%dx%d upright, orientation %d) fit %s, %d frames, working copy %dx%d, then %s\n",
			i+1, s.Photo.Path, s.Photo.Width, s.Photo.Height, s.Photo.Orientation, s.Fit, s.Frames, s.Work.X, s.Work.Y, describe(s.Out))
	}
	const dir = "$WORK"
	fmt.Fprintf(w, "# %s is the run's private work directory; pipe:3 and pipe:4 carry the raw frames kenburns draws\n", dir)
	lo, hi := shard.Range(len(plan.Chunks))
	for i := lo; i < hi; i++ {
		c, err := render.ChunkCommand(plan, i, dir)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, shellQuote(append([]string{"ffmpeg"}, c.Args...)))
	}
	if !shard.IsZero() {
		fmt.Fprintf(w, "# shard %s: chunks %d to %d of %d, into the cache; no video\n", shard, lo+1, hi, len(plan.Chunks))
		return nil
	}
	if pal, err := render.PaletteCommand(plan, dir); err != nil {
		return err
	} else if pal != nil {
		fmt.Fprintln(w, shellQuote(append([]string{"ffmpeg"}, pal.Args...)))
	}
	if loop, err := render.MusicLoopCommand(plan, dir); err != nil {
		return err
	} else if loop != nil {
		fmt.Fprintln(w, shellQuote(append([]string{"ffmpeg"}, loop.Args...)))
	}
	c, err := render.MuxCommand(plan, dir, plan.Output)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, shellQuote(append([]string{"ffmpeg"}, c.Args...)))
	return nil
}

func describe(t slideshow.Transition) string {
	if t.Frames == 0 {
		return "cut"
	}
	return fmt.Sprintf("%s over %d frames", t.Name, t.Frames)
}

// shellQuote renders argv so it can be pasted into a POSIX shell.
func shellQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.IndexFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=+,%@", r))
		}) < 0 {
			q[i] = a
			continue
		}
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// checkOutput refuses, before any work, an output that cannot or must not
// be written: not a video name kenburns writes (which also keeps a render
// from landing on a photo or a piece of music), a missing folder, a
// folder, or an existing file without -y.
func checkOutput(path string, overwrite bool) error {
	if _, err := setting.ContainerOf(path); err != nil {
		return err
	}
	return checkTarget(path, overwrite, "video"+filepath.Ext(path))
}
