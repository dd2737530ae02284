package render

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// RenderShard encodes the chunks of plan that are shard's (the contiguous
// part shard.Range(len(plan.Chunks))) into r.Cache, and writes no video:
// a later Render of the same plan with the same cache finds them there
// and only joins them. Shards may run at once, on one machine or many,
// on a shared cache folder: the cache's writes are atomic renames, and a
// chunk's key is its content's, so two shards that happen to encode the
// same chunk store the same thing. A shard stopped part way leaves its
// finished chunks in the cache, and run again it encodes only the rest.
// It decodes only the photos its chunks show. Unlike Render, a chunk that
// cannot be stored is an error.
func (r *Renderer) RenderShard(ctx context.Context, plan *slideshow.Plan, shard setting.Shard) error {
	if r.Cache == nil {
		return errors.New("a shard renders into the chunk cache: give it one")
	}
	if err := r.preflight(ctx, plan); err != nil {
		return err
	}
	if _, err := ffmpegVersion(ctx, r.FFmpeg); err != nil {
		// Without it no chunk has a key (fromCache), and nothing
		// encoded could be stored.
		return err
	}
	work, err := os.MkdirTemp(r.TempDir, "kenburns-")
	if err != nil {
		return fmt.Errorf("create work directory: %w", err)
	}
	if !r.KeepWork {
		defer os.RemoveAll(work)
	}
	lo, hi := shard.Range(len(plan.Chunks))
	st := newState(r, plan, lo, hi)
	st.store = true
	// A chunk without a key (its photo unreadable, which chunks reports
	// otherwise) could be encoded but never stored.
	noKey := func(keys []string) error {
		for i := lo; i < hi; i++ {
			if keys[i] == "" {
				return fmt.Errorf("chunk %d (slide %d, %s): no cache key, so it cannot be stored", i+1, plan.Chunks[i].Slide+1, plan.Slides[plan.Chunks[i].Slide].Photo.Path)
			}
		}
		return nil
	}
	if err := r.chunks(ctx, plan, work, st, noKey); err != nil {
		return err
	}
	st.report("done", 0)
	return nil
}
