package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/studio"
	"github.com/kenburns/kenburns/slideshow"
)

// studioOptions are the studio command's flags: the plan flags (defaults
// for what the storyboard leaves out, and init's settings for a folder),
// and where to serve.
type studioOptions struct {
	planFlags
	port int
	open bool
}

func newStudioCmd() *cobra.Command {
	o := &studioOptions{planFlags: newPlanFlags()}
	cmd := &cobra.Command{
		Use:   "studio [flags] STORYBOARD.yaml|FOLDER",
		Short: "Frame every photo by hand in a local web page, with a live preview",
		Long: `Studio serves a web page on this machine (127.0.0.1 only) that edits a
storyboard: reorder, add and remove slides, move and resize each keyframe's
window on the photo, set times, easings, durations, fits, motions and
transitions, edit captions and title slides, and see the exact frame the
video shows at any moment, drawn by the same engine as render. Saving rewrites only what changed in the
file, comments included. Given a folder, it first writes FOLDER.yaml beside
it, as init would, unless that file exists. Ctrl-C stops it.`,
		Example: `  kenburns studio trip.yaml
  kenburns studio ~/Pictures/trip --open
  kenburns studio trip.yaml --port 8080`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("studio: name one storyboard or one folder")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.finish(args); err != nil {
				return err
			}
			if o.port < 0 || o.port > 65535 {
				return usageError{fmt.Errorf("--port %d: want 0 (a free port) to 65535", o.port)}
			}
			return runStudio(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	fs.IntVar(&o.port, "port", 0, "port on 127.0.0.1 to serve on (0: a free one)")
	fs.BoolVar(&o.open, "open", false, "open the page in the web browser")
	o.planFlags.addFlags(fs)
	return cmd
}

func runStudio(ctx context.Context, o *studioOptions, stdout io.Writer) error {
	path := o.Inputs[0]
	if !slideshow.IsStoryboard(path) {
		var err error
		if path, err = studioStoryboard(ctx, o, stdout); err != nil {
			return err
		}
	}
	// As for render: photos' interest maps and the video's chunks are
	// kept, so planning after an edit and rendering again are quick.
	if o.Cache == nil {
		o.Cache = noteCache()
	}
	srv, err := studio.New(ctx, path, o.Options)
	if err != nil {
		return fmt.Errorf("%w: %w", slideshow.ErrInvalid, err)
	}
	ln, err := studio.Listen(o.port)
	if err != nil {
		return err
	}
	url := studio.URL(ln)
	fmt.Fprintf(stdout, "kenburns studio: editing %s at %s (Ctrl-C stops)\n", path, url)
	if o.open {
		if err := render.OpenURL(ctx, url); err != nil {
			fmt.Fprintf(stdout, "could not open a browser (%v): open %s yourself\n", err, url)
		}
	}
	return srv.Serve(ctx, ln)
}

// studioStoryboard is the storyboard for a folder: FOLDER.yaml beside it,
// written as init writes it unless it exists.
func studioStoryboard(ctx context.Context, o *studioOptions, stdout io.Writer) (string, error) {
	dir := filepath.Clean(o.Inputs[0])
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", usageError{fmt.Errorf("studio: %s is neither a storyboard (.yaml) nor a folder", o.Inputs[0])}
	}
	if filepath.Base(dir) == "." || filepath.Base(dir) == ".." {
		// "." has no name to give the storyboard: use the folder's own.
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", err
		}
		dir = abs
	}
	if filepath.Dir(dir) == dir {
		return "", usageError{fmt.Errorf("studio: %s: name a folder of photos, not the root", o.Inputs[0])}
	}
	file := dir + ".yaml"
	if _, err := os.Stat(file); err == nil {
		fmt.Fprintf(stdout, "%s exists: editing it\n", file)
		return file, nil
	}
	in := &initOptions{planFlags: o.planFlags, file: file}
	in.Inputs = []string{dir}
	return file, runInit(ctx, in, stdout)
}
