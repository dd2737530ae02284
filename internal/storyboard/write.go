package storyboard

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
)

// Write writes sb as a storyboard file to be saved in the folder dir:
// paths are written relative to dir, and from says in a comment what the
// storyboard was made from. Keyframe values are written with every digit
// needed to read back the same numbers, so that a storyboard written from
// a plan renders the same video as the plan.
func Write(w io.Writer, sb *Storyboard, dir, from string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Storyboard written by kenburns init from %s.\n", from)
	b.WriteString(`# Check it with "kenburns validate FILE", render it with "kenburns render FILE".
# Paths are relative to this file. In motion, at is the time into the slide,
# zoom is relative to the largest window of the output's shape that fits in
# the photo (1 = that window), and center is [x, y] as fractions of the photo.
# Delete a slide's motion to let kenburns choose one (from seed).
`)
	o := sb.Output
	fmt.Fprintf(&b, "output: {file: %s, size: %dx%d, fps: %s}\n", yamlString(relPath(dir, o.File)), o.Width, o.Height, yamlString(o.FPS.String()))
	if sb.Seed != nil {
		fmt.Fprintf(&b, "seed: %d\n", *sb.Seed)
	}
	if sb.Engine != "" && sb.Engine != setting.EngineSmooth {
		fmt.Fprintf(&b, "engine: %s\n", sb.Engine)
	}
	if c := sb.Background; c != nil && (c.R != 0 || c.G != 0 || c.B != 0) {
		fmt.Fprintf(&b, "background: %q\n", setting.FormatColor(*c))
	}
	writeDefaults(&b, sb.Defaults)
	writeMusic(&b, sb, dir)
	b.WriteString("slides:\n")
	for _, s := range sb.Slides {
		fmt.Fprintf(&b, "  - photo: %s\n", yamlString(relPath(dir, s.Photo)))
		if s.Caption != "" {
			fmt.Fprintf(&b, "    caption: %s\n", yamlString(s.Caption))
		}
		if s.Setting.Fit != "" {
			fmt.Fprintf(&b, "    fit: %s\n", s.Setting.Fit)
		}
		if m := s.Setting.Motion; m != nil {
			writeMotion(&b, m)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeDefaults(b *strings.Builder, d SlideSettings) {
	b.WriteString("defaults:\n")
	if d.Duration != nil {
		fmt.Fprintf(b, "  duration: %s\n", durString(*d.Duration))
	}
	if t := d.Transition; t != nil && t.Type != "" && t.Duration != nil {
		fmt.Fprintf(b, "  transition: {type: %s, duration: %s}\n", t.Type, durString(*t.Duration))
	}
	if d.Fit != "" {
		fmt.Fprintf(b, "  fit: %s\n", d.Fit)
	}
	if d.Zoom > 0 {
		fmt.Fprintf(b, "  zoom: %s\n", num(d.Zoom))
	}
}

func writeMotion(b *strings.Builder, m *MotionSpec) {
	if m.Preset != "" {
		fmt.Fprintf(b, "    motion: %s\n", m.Preset)
		return
	}
	b.WriteString("    motion:\n")
	for _, k := range m.Keyframes {
		at := "0"
		if k.At != nil && (k.At.Seconds != 0 || k.At.IsFraction) {
			at = k.At.String()
		}
		b.WriteString("      - {at: " + at)
		if k.Zoom != nil {
			b.WriteString(", zoom: " + num(*k.Zoom))
		}
		if c := k.Center; c != nil {
			fmt.Fprintf(b, ", center: [%s, %s]", num(c[0]), num(c[1]))
		}
		if k.Ease != effects.Linear {
			fmt.Fprintf(b, ", ease: %s", k.Ease)
		}
		b.WriteString("}\n")
	}
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
