package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kenburns/kenburns/slideshow"
)

// isStoryboard reports whether a render argument names a YAML storyboard.
func isStoryboard(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// storyboardPlan plans a render of the storyboard at path; flags given on
// the command line (o.changed) override the storyboard's settings.
func storyboardPlan(o *renderOptions, path string) (*slideshow.Plan, error) {
	return nil, fmt.Errorf("%w: %s: storyboards are not supported yet", slideshow.ErrInvalid, path)
}
