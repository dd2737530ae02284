package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/setting"
)

// cacheFlags choose the chunk cache: where it is, its size cap, or none.
type cacheFlags struct {
	dir string
	off bool
	max string
}

func (o *cacheFlags) addFlags(fs *pflag.FlagSet, withOff bool) {
	fs.StringVar(&o.dir, "cache", "", "chunk cache folder (default: kenburns in the user cache folder)")
	fs.StringVar(&o.max, "cache-max", setting.FormatBytes(cache.DefaultMaxBytes), "size cap of the chunk cache; least recently used chunks go first")
	if withOff {
		fs.BoolVar(&o.off, "no-cache", false, "encode every chunk, and keep none")
	}
}

// open returns the cache the flags choose, or nil for --no-cache.
func (o *cacheFlags) open() (*cache.Cache, error) {
	if o.off {
		if o.dir != "" {
			return nil, usageError{errors.New("--cache and --no-cache: choose one")}
		}
		return nil, nil
	}
	max, err := setting.ParseBytes(o.max)
	if err != nil {
		return nil, usageError{fmt.Errorf("--cache-max: %w", err)}
	}
	dir := o.dir
	if dir == "" {
		if dir, err = cache.DefaultDir(); err != nil {
			return nil, err
		}
	}
	return &cache.Cache{Dir: dir, MaxBytes: max}, nil
}

func newCacheCmd() *cobra.Command {
	o := &cacheFlags{}
	cmd := &cobra.Command{
		Use:   "cache info|clean",
		Short: "Show or empty the chunk cache",
		Long: `Render keeps every encoded chunk (a slide and its transition into the
next) in a cache, under a key of everything that decides its pixels: the
photos' content, framing, motion, transition, output size and rate, encoder
settings and the versions of kenburns' engine and of ffmpeg. A later render
that has the same chunk takes it from the cache instead of encoding it, so
after an edit only the chunks it touches are encoded again.

  info   where the cache is, how many chunks it holds and their size
  clean  remove every cached chunk, and the photos' remembered interest
         maps and checksums`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || (args[0] != "info" && args[0] != "clean") {
				return usageError{errors.New("cache: say info or clean")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCache(cmd.Context(), o, args[0], cmd.OutOrStdout())
		},
	}
	o.addFlags(cmd.Flags(), false)
	return cmd
}

func runCache(_ context.Context, o *cacheFlags, what string, w io.Writer) error {
	c, err := o.open()
	if err != nil {
		return err
	}
	if what == "clean" {
		if err := c.Clean(); err != nil {
			return err
		}
		fmt.Fprintf(w, "emptied %s\n", c.Dir)
		return nil
	}
	st, err := c.Stats()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %d chunks, %s of at most %s\n", st.Dir, st.Entries, setting.FormatBytes(st.Bytes), setting.FormatBytes(st.MaxBytes))
	return nil
}

// noteCache is where planning remembers photos' interest maps when the
// command chose no cache folder: the user's cache, or none (planning then
// analyses every photo again) when there is no user cache folder.
func noteCache() *cache.Cache {
	dir, err := cache.DefaultDir()
	if err != nil {
		return nil
	}
	return &cache.Cache{Dir: dir}
}
