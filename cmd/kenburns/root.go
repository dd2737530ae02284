package main

import (
	"runtime/debug"

	"github.com/spf13/cobra"
)

const exitStatusHelp = `
EXIT STATUS
  0    success
  1    render failure (ffmpeg failed or is missing, disk full, ...)
  2    invalid input or usage (bad photo, bad flag, output exists without -y)
  130  interrupted (Ctrl-C or SIGTERM); nothing is left behind`

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "kenburns",
		Short: "Turn photos into a video with slow pans, zooms and crossfades",
		Long: `kenburns turns a folder of photos into a video with the Ken Burns effect:
each photo slowly pans and zooms, photos crossfade into each other, music
plays underneath. Motion is sub-pixel smooth, photos are shown upright,
and source files are never modified.
` + exitStatusHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	root.AddCommand(newRenderCmd(nil))
	root.AddCommand(newValidateCmd(), newPlanCmd(), newInitCmd(), newPreviewCmd(), newCacheCmd(), newBatchCmd())
	root.AddCommand(newTransitionsCmd(), newPresetsCmd())
	root.AddCommand(newStudioCmd())
	return root
}

// version is the module version, or the commit it was built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
			v = "dev-" + s.Value[:12]
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}
