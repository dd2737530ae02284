package slideshow

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// IsStoryboard reports whether an input names a YAML storyboard.
func IsStoryboard(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// Open turns the inputs in opts.Inputs into a storyboard: one storyboard
// file is parsed; photos and folders are collected (see Collect) and made
// into a storyboard by FromPhotos, as "kenburns init" does. Photos that
// cannot be read stop the run as a *photo.Errors listing all of them,
// unless opts.SkipBad leaves them out (they are in Inputs.Bad). A storyboard
// file with problems is still returned, with a nil error, when it could be
// parsed at all: Build reports its problems together with the rest.
func Open(ctx context.Context, opts Options) (*storyboard.Storyboard, *Inputs, error) {
	if len(opts.Inputs) == 1 && IsStoryboard(opts.Inputs[0]) {
		sb, err := storyboard.Load(opts.Inputs[0])
		if sb == nil {
			return nil, nil, invalid{err}
		}
		return sb, &Inputs{}, nil
	}
	for _, in := range opts.Inputs {
		if IsStoryboard(in) {
			return nil, nil, invalid{errors.New("a storyboard is rendered on its own: name " + in + " alone, without photos or folders")}
		}
	}
	in, err := Collect(ctx, opts.Inputs, opts.Recursive, opts.Sort, opts.MaxPixels)
	if err != nil {
		return nil, nil, err
	}
	if len(in.Bad) > 0 && (!opts.SkipBad || len(in.Photos) == 0) {
		return nil, &in, invalid{&photo.Errors{Photos: in.Bad}}
	}
	return FromPhotos(in.Photos), &in, nil
}

// FromPhotos makes a storyboard of photos already read, in order, each a
// slide with nothing set, so that every setting comes from the options and
// every motion is chosen automatically.
func FromPhotos(photos []photo.Info) *storyboard.Storyboard {
	sb := &storyboard.Storyboard{}
	for i := range photos {
		info := photos[i]
		sb.Slides = append(sb.Slides, storyboard.Slide{Photo: info.Path, Info: &info})
	}
	return sb
}

// Without returns a copy of sb without the slides showing the given
// photos, for re-planning when photos turn out to be undecodable.
func Without(sb *storyboard.Storyboard, bad []*photo.Error) *storyboard.Storyboard {
	skip := map[string]bool{}
	for _, b := range bad {
		skip[b.Path] = true
	}
	out := *sb
	out.Slides = nil
	for _, s := range sb.Slides {
		if !skip[s.Photo] {
			out.Slides = append(out.Slides, s)
		}
	}
	if n := len(out.Slides); n > 0 && out.Slides[n-1].Setting.Transition != nil {
		// The slide that is now last hands over to nothing.
		out.Slides[n-1].Setting.Transition = nil
	}
	return &out
}
