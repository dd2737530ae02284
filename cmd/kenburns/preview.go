package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// Draft settings of a one-slide preview video, unless flags say otherwise:
// x264's fastest preset at a quality that still shows the motion, at most
// draftWidth wide.
const (
	draftCRF    = 28
	draftPreset = "ultrafast"
	draftWidth  = 640
)

// previewOptions are the preview command's flags: the plan flags, so that
// the preview shows the video render would make, and where it goes.
type previewOptions struct {
	planFlags
	output    string
	overwrite bool
	slide     int // 1-based; 0 = every slide
	jobs      int
	thumb     int
	progress  setting.Progress
	changed   func(flag string) bool
}

func newPreviewCmd() *cobra.Command {
	o := &previewOptions{planFlags: newPlanFlags()}
	o.CRF, o.EncoderPreset = draftCRF, draftPreset
	cmd := &cobra.Command{
		Use:   "preview [flags] STORYBOARD.yaml|PHOTO|FOLDER... -o SHEET.png|SLIDE.mp4",
		Short: "Preview a video without rendering it: a contact sheet, or one slide as a draft",
		Long: `Preview shows the video render would make with the same arguments, without
rendering it.

With -o SHEET.png it writes a contact sheet: for every slide its first,
middle and last frame, drawn by the same engine as the video at thumbnail
size, labelled with its number, photo, duration and transition, and the
whole photo with each keyframe's window drawn on it as a numbered
rectangle.

With --slide N -o SLIDE.mp4 it renders slide N with its neighbouring
transitions, at draft quality (x264 ultrafast, crf 28, 640 pixels wide
unless --size, --crf or --x264-preset say otherwise), without music. The
draft has exactly the slide's frames: its incoming transition, the slide,
and its outgoing transition.
` + exitStatusHelp,
		Example: `  kenburns preview trip.yaml -o sheet.png
  kenburns preview ~/Pictures/trip --fit blur -o sheet.png -y
  kenburns preview trip.yaml --slide 3 -o slide3.mp4`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("preview: name a storyboard, or photos or folders")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// -o names the preview, never the video: it does not
			// override the storyboard's output.
			o.changed = func(name string) bool { return name != "output" && o.given(name) }
			if err := o.finish(args); err != nil {
				return err
			}
			if o.jobs < 1 {
				return usageError{fmt.Errorf("--jobs %d: want at least 1", o.jobs)}
			}
			if o.thumb < 32 || o.thumb > 2048 {
				return usageError{fmt.Errorf("--thumb %d: want 32 to 2048 pixels", o.thumb)}
			}
			if o.slide < 0 {
				return usageError{fmt.Errorf("--slide %d: slides are numbered from 1", o.slide)}
			}
			return runPreview(cmd.Context(), o, cmd.ErrOrStderr())
		},
	}
	fs := cmd.Flags()
	fs.StringVarP(&o.output, "output", "o", "preview.png", "the contact sheet (.png), or with --slide the draft video (.mp4)")
	fs.BoolVarP(&o.overwrite, "overwrite", "y", false, "replace the output file if it exists")
	o.planFlags.addFlags(fs)
	fs.IntVar(&o.slide, "slide", 0, "preview only slide N (1-based): a draft video with -o .mp4, its row with -o .png")
	fs.IntVar(&o.thumb, "thumb", 256, "contact sheet: the longer side of each thumbnail, in pixels")
	fs.IntVar(&o.CRF, "crf", o.CRF, "draft video: H.264 quality (0-51)")
	fs.StringVar(&o.EncoderPreset, "x264-preset", o.EncoderPreset, "draft video: H.264 speed preset")
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "photos decoded (or ffmpeg processes) at once")
	o.progress = setting.ProgressNone
	fs.Var(&o.progress, "progress", "draft video: progress display: auto, bar, plain, json or none")
	fs.BoolVar(&o.SkipBad, "skip-bad", false, "leave out photos that cannot be read (with a warning) instead of stopping")
	return cmd
}

// Kinds of preview, chosen by the output's extension.
type previewKind int

const (
	previewSheet previewKind = iota // a contact sheet PNG
	previewVideo                    // one slide as a draft MP4
)

// previewKindOf checks the output's name before any work and says what it
// asks for.
func previewKindOf(path string, slide int) (previewKind, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return previewSheet, nil
	case ".mp4", ".m4v":
		if slide == 0 {
			return 0, fmt.Errorf("output %s: a preview video shows one slide: add --slide N (or use render for the whole video)", path)
		}
		return previewVideo, nil
	}
	return 0, fmt.Errorf("output %s: preview writes a contact sheet (.png) or, with --slide, a draft video (.mp4): name the output .png or .mp4", path)
}

func runPreview(ctx context.Context, o *previewOptions, stderr io.Writer) error {
	kind, err := previewKindOf(o.output, o.slide)
	if err != nil {
		return fmt.Errorf("%w: %w", slideshow.ErrInvalid, err)
	}
	if err := checkTarget(o.output, o.overwrite, "preview"+filepath.Ext(o.output)); err != nil {
		return fmt.Errorf("%w: %w", slideshow.ErrInvalid, err)
	}
	pl, err := openPlan(ctx, o.Options, o.changed)
	pl.warn(stderr, false, err == nil)
	if err != nil {
		return err
	}
	plan := pl.plan
	if o.slide > len(plan.Slides) {
		return usageError{fmt.Errorf("--slide %d: the video has slides 1 to %d", o.slide, len(plan.Slides))}
	}
	if kind == previewVideo {
		return previewSlide(ctx, o, pl, stderr)
	}
	so := sheetOptions{slide: o.slide, jobs: o.jobs, box: o.thumb}
	err = writeSheet(ctx, plan, so, o.output)
	var bad *photo.Errors
	if errors.As(err, &bad) && o.SkipBad {
		// As render does: plan again without the photos whose pixels
		// cannot be read, on the one path.
		warnSkipped(stderr, bad.Photos)
		if plan, err = slideshow.Build(ctx, slideshow.Without(pl.sb, bad.Photos), pl.opts); err == nil {
			err = writeSheet(ctx, plan, so, o.output)
		}
	}
	return err
}

// previewSlide renders the draft of one slide: the plan again at the draft
// size (the framing is in fractions, so it does not change), cut down to
// the slide and its transitions, through the Renderer.
func previewSlide(ctx context.Context, o *previewOptions, pl *planned, stderr io.Writer) error {
	opts := pl.opts
	if !o.changed("size") && opts.Width > draftWidth {
		opts.Width, opts.Height = draftWidth, max(16, 2*int(math.Round(float64(opts.Height)*draftWidth/float64(opts.Width)/2)))
	}
	opts.Output = o.output
	plan, err := slideshow.Build(ctx, pl.sb, opts)
	if err != nil {
		return err
	}
	excerpt, err := plan.Excerpt(o.slide - 1)
	if err != nil {
		return err
	}
	pr := newProgress(o.progress, stderr)
	r := &render.Renderer{Jobs: o.jobs, Progress: pr.update}
	err = r.Render(ctx, excerpt)
	pr.finish(excerpt, err)
	return err
}

// checkTarget refuses an output in a missing folder, a folder (suggesting
// the file name example in it), or an existing file without -y: the rules
// and messages of every command that writes a file.
func checkTarget(path string, overwrite bool, example string) error {
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return fmt.Errorf("output %s: folder %s does not exist", path, filepath.Dir(path))
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output %s: %w", path, err)
	case st.IsDir():
		return fmt.Errorf("output %s is a folder: name a file such as %s", path, filepath.Join(path, example))
	case !overwrite:
		return fmt.Errorf("%s already exists: pass -y to replace it", path)
	}
	return nil
}
