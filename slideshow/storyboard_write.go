package slideshow

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
)

// WriteStoryboard writes plan, made from opts by Build, as a storyboard
// to be saved in the folder dir. Every slide's motion is written out as
// keyframes with all their digits, so that rendering the storyboard
// unchanged gives the same video as rendering the photos directly; output
// is the video file the storyboard names.
func WriteStoryboard(w io.Writer, p *Plan, opts Options, dir, output string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Storyboard written by kenburns init from %s.\n", strings.Join(opts.Inputs, ", "))
	b.WriteString(`# Check it with "kenburns validate FILE", render it with "kenburns render FILE".
# Paths are relative to this file. In motion, at is the time into the slide,
# zoom is relative to the largest window of the output's shape that fits in
# the photo (1 = that window), and center is [x, y] as fractions of the photo.
# Delete a slide's motion to let kenburns choose one (from seed).
`)
	fmt.Fprintf(&b, "output: {file: %s, size: %dx%d, fps: %d}\n", yamlString(relPath(dir, output)), p.Width, p.Height, p.FPS)
	fmt.Fprintf(&b, "seed: %d\n", opts.Seed)
	if opts.Engine != EngineSmooth {
		fmt.Fprintf(&b, "engine: %s\n", opts.Engine)
	}
	if c := opts.Background; c.R != 0 || c.G != 0 || c.B != 0 {
		fmt.Fprintf(&b, "background: \"#%02x%02x%02x\"\n", c.R, c.G, c.B)
	}
	b.WriteString("defaults:\n")
	fmt.Fprintf(&b, "  duration: %s\n", durString(opts.Duration))
	fmt.Fprintf(&b, "  transition: {type: %s, duration: %s}\n", opts.Transition, durString(opts.TransitionDuration))
	fmt.Fprintf(&b, "  fit: %s\n", opts.Fit)
	fmt.Fprintf(&b, "  zoom: %s\n", num(opts.Zoom))
	if len(p.Audio) > 0 {
		b.WriteString("music:\n")
		for i, a := range p.Audio {
			fmt.Fprintf(&b, "  - {file: %s", yamlString(relPath(dir, a)))
			if i == len(p.Audio)-1 {
				fmt.Fprintf(&b, ", fade_out: %s", durString(p.AudioFadeOut))
			}
			b.WriteString("}\n")
		}
	}
	b.WriteString("slides:\n")
	for _, s := range p.Slides {
		fmt.Fprintf(&b, "  - photo: %s\n", yamlString(relPath(dir, s.Photo.Path)))
		if s.Fit != opts.Fit && !(opts.Fit == FitAuto && s.Fit == FitCrop) {
			fmt.Fprintf(&b, "    fit: %s\n", s.Fit)
		}
		b.WriteString("    motion:\n")
		for _, k := range s.Motion.Keyframes {
			at := strconv.FormatFloat(k.At/float64(p.FPS), 'g', -1, 64) + "s"
			switch k.At {
			case 0:
				at = "0"
			case float64(s.Frames - 1):
				// The end of the slide, written as its duration, which
				// reads back as exactly the last frame.
				at = durString(opts.Duration)
			}
			fmt.Fprintf(&b, "      - {at: %s, zoom: %s, center: [%s, %s]", at, num(k.Zoom), num(k.CX), num(k.CY))
			if k.Ease != effects.Linear {
				fmt.Fprintf(&b, ", ease: %s", k.Ease)
			}
			b.WriteString("}\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// num formats v with every digit needed to read back the same float64.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func durString(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'g', -1, 64) + "s"
}

// relPath makes p relative to dir where it can, with forward slashes.
func relPath(dir, p string) string {
	ad, err1 := filepath.Abs(dir)
	ap, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(p)
	}
	if r, err := filepath.Rel(ad, ap); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(ap)
}

var plainScalar = regexp.MustCompile(`^[A-Za-z0-9_.][A-Za-z0-9_./+-]*$`)

// yamlString writes s plain when YAML reads it back as the same text, else
// double-quoted (Go's quoting is a subset of YAML's).
func yamlString(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "~", "":
		return strconv.Quote(s)
	}
	if plainScalar.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}
