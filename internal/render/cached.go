package render

import (
	"context"

	"github.com/kenburns/kenburns/slideshow"
)

// hit marks a chunk taken from the cache in fromCache's result, and skip
// one that is another shard's (RenderShard).
const (
	hit  = "\x00hit"
	skip = "\x00skip"
)

// done reports whether chunk i needs no encoding: cached, or not ours.
func done(keys []string, i int) bool { return keys[i] == hit || keys[i] == skip }

// fromCache links into the work directory every chunk of st's range the
// cache has. It returns, for each chunk, hit when it was found, skip when
// it is outside the range, its key when it must be encoded and then
// stored, or "" without a cache.
func (r *Renderer) fromCache(ctx context.Context, plan *slideshow.Plan, work string, st *state) ([]string, error) {
	keys := make([]string, len(plan.Chunks))
	for i := range keys {
		if i < st.lo || i >= st.hi {
			keys[i] = skip
		}
	}
	if r.Cache == nil {
		return keys, nil
	}
	version, err := ffmpegVersion(ctx, r.FFmpeg)
	if err != nil {
		// Without ffmpeg's version no key is safe; the encode will say
		// what is wrong with this ffmpeg.
		return keys, nil
	}
	for i := st.lo; i < st.hi; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		key, err := chunkKey(r.Cache, plan, i, version)
		if err != nil {
			// An unreadable photo is the prepare step's to report.
			continue
		}
		// A cache that cannot be read is a miss: it costs time, never
		// the video.
		found, _ := r.Cache.Get(key, chunkFile(work, i))
		keys[i] = key
		if found {
			keys[i] = hit
			st.cached.Add(1)
			st.frames.Add(int64(plan.Chunks[i].Frames))
		}
	}
	st.report("cache", 0)
	return keys, nil
}

// needed says which slides must be decoded: those shown by a chunk that
// must be encoded, its own slide and the next one its transition shows.
func needed(plan *slideshow.Plan, cached []string) []bool {
	need := make([]bool, len(plan.Slides))
	for i, c := range plan.Chunks {
		if done(cached, i) {
			continue
		}
		need[c.Slide] = true
		if plan.Slides[c.Slide].Out.Frames > 0 {
			need[plan.Next(c.Slide)] = true
		}
	}
	return need
}
