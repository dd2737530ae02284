package storyboard

import (
	"time"

	"github.com/goccy/go-yaml/ast"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/presets"
)

// decodeOutputLook decodes the output keys that shape the whole video's
// start and end: fade_in, fade_out, fade_color and loop.
func (d *decoder) decodeOutputLook(fs map[string]field, sb *Storyboard) {
	o := &sb.Output
	for _, k := range []struct {
		key string
		dst **time.Duration
	}{{"fade_in", &o.FadeIn}, {"fade_out", &o.FadeOut}} {
		f, ok := fs[k.key]
		if !ok {
			continue
		}
		if v, ok := d.seconds(f.value, "output "+k.key); ok {
			*k.dst = &v
			if o.FadePos == (Pos{}) {
				o.FadePos = pos(f.value)
			}
		}
	}
	if f, ok := fs["fade_color"]; ok {
		if s, ok := d.str(f.value, "output fade_color"); ok {
			if c, err := setting.ParseColor(s); err != nil {
				d.add(pos(f.value), "output fade_color: %v", err)
			} else {
				o.FadeColor = &c
			}
		}
	}
	if f, ok := fs["loop"]; ok {
		if v, ok := d.boolean(f.value, "output loop"); ok {
			o.Loop, o.LoopPos = &v, pos(f.value)
		}
	}
}

// boolean decodes true or false.
func (d *decoder) boolean(n ast.Node, what string) (bool, bool) {
	if n = d.resolve(n); n == nil {
		return false, false
	}
	if b, ok := n.(*ast.BoolNode); ok {
		return b.Value, true
	}
	d.add(pos(n), "%s must be true or false, not %s", what, kind(n))
	return false, false
}

// presetFPS sets the frame rate an output preset implies (gif's 15) unless
// fps is written too; fps, decoded after, would win anyway.
func presetFPS(fs map[string]field, sb *Storyboard) {
	if _, ok := fs["fps"]; ok {
		return
	}
	for _, k := range []string{"preset", "size"} {
		if f, ok := fs[k]; ok {
			if s, ok := f.value.(*ast.StringNode); ok {
				if sz, ok := presets.SizePreset(s.Value); ok && sz.FPS.Num > 0 {
					sb.Output.FPS = sz.FPS
				}
			}
		}
	}
}
