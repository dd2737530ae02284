package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/renameio/v2"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/slideshow"
)

// initOptions are the init command's flags: the folder pipeline's
// settings, which init writes down, and where to write.
type initOptions struct {
	planFlags
	file      string // the storyboard; "" or "-" = standard output
	video     string // the video the storyboard names
	overwrite bool
}

func (o *initOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.file, "output", "o", "", "storyboard file to write (default: standard output)")
	fs.StringVar(&o.video, "video", "", "video file the storyboard renders to (default: the storyboard's name with .mp4)")
	fs.BoolVarP(&o.overwrite, "overwrite", "y", false, "replace the storyboard file if it exists")
	o.planFlags.addFlags(fs)
}

func newInitCmd() *cobra.Command {
	o := &initOptions{planFlags: newPlanFlags()}
	cmd := &cobra.Command{
		Use:   "init [flags] PHOTO|FOLDER...",
		Short: "Write a storyboard for photos, with motions chosen, ready to edit",
		Long: `Init writes a YAML storyboard for the photos: their order, durations,
transitions, and each slide's motion as keyframes, exactly the motion
"kenburns render" would choose for them with the same flags and seed. Edit it,
check it with "kenburns validate", render it with "kenburns render"; rendered
unchanged, it gives the same video as rendering the photos directly.`,
		Example: `  kenburns init ~/Pictures/trip -o trip.yaml
  kenburns init --size vertical --duration 5s photos/*.jpg -o reel.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("init: name at least one photo or folder")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.finish(args); err != nil {
				return err
			}
			if o.file != "" && o.file != "-" && !slideshow.IsStoryboard(o.file) {
				return usageError{fmt.Errorf("init: -o %s: name the storyboard .yaml or .yml", o.file)}
			}
			return runInit(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}

func runInit(ctx context.Context, o *initOptions, stdout io.Writer) error {
	toStdout := o.file == "" || o.file == "-"
	dir, video := ".", o.video
	if !toStdout {
		dir = filepath.Dir(o.file)
		if video == "" {
			video = strings.TrimSuffix(o.file, filepath.Ext(o.file)) + ".mp4"
		}
		if !o.overwrite {
			if _, err := os.Stat(o.file); err == nil {
				return fmt.Errorf("%w: %s already exists: pass -y to replace it", slideshow.ErrInvalid, o.file)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%w: %s: %w", slideshow.ErrInvalid, o.file, err)
			}
		}
	} else if video == "" {
		video = "kenburns.mp4"
	}
	o.Output = video
	pl, err := openPlan(ctx, o.Options, nil)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := storyboard.Write(&b, slideshow.Freeze(pl.plan, pl.opts), dir, strings.Join(o.Inputs, ", ")); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if toStdout {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create folder for the storyboard: %w", err)
	}
	if err := writeFileAtomic(o.file, b.Bytes()); err != nil {
		return fmt.Errorf("write storyboard: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d slides, %s; edit it, then: kenburns render %s\n", o.file, len(pl.plan.Slides), pl.plan.Duration(), o.file)
	return nil
}

// writeFileAtomic writes data to a temporary file and renames it into
// place (renameio), so that an interrupted or failed write never leaves
// half a file, nor spoils an existing one, whose permissions are kept.
func writeFileAtomic(path string, data []byte) error {
	return renameio.WriteFile(path, data, 0o644, renameio.WithExistingPermissions())
}
