package render

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// encoders lists the encoders the ffmpeg at path was built with.
func encoders(ctx context.Context, path string) ([]string, error) {
	out, err := exec.CommandContext(ctx, path, "-hide_banner", "-nostdin", "-encoders").Output()
	if err != nil {
		return nil, fmt.Errorf("run %s -encoders: %w", path, err)
	}
	// After the legend, each line is " FLAGS name description".
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	legend := true
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if legend {
			legend = len(f) == 0 || f[0] != "------"
			continue
		}
		if len(f) >= 2 {
			names = append(names, f[1])
		}
	}
	return names, nil
}

// neededEncoders are the ffmpeg encoders a render of p uses, video first.
func neededEncoders(p *slideshow.Plan) []string {
	need := []string{encoderName(p.Codec)}
	switch p.Container {
	case setting.ContainerGIF:
		need = append(need, "gif")
	case setting.ContainerWebP:
		need = append(need, "libwebp_anim")
	case setting.ContainerWebM:
		if len(p.Music) > 0 {
			need = append(need, "libopus")
		}
	default:
		if len(p.Music) > 0 {
			need = append(need, "aac")
		}
	}
	return need
}

// softwareCodecs are the codecs of --codec this ffmpeg can encode without
// a device, for messages that say what is there instead.
func softwareCodecs(have []string) []string {
	var can []string
	for _, n := range setting.CodecNames() {
		c := setting.Codec(n)
		if c != setting.CodecAuto && !c.Hardware() && slices.Contains(have, encoderName(c)) {
			can = append(can, n)
		}
	}
	return can
}

// checkEncoders makes sure, before any work, that this ffmpeg has every
// encoder the plan uses and that a hardware encoder's device works, by
// encoding one frame with it: a render never fails halfway for want of
// one. The errors are the user's to fix (another --codec), so they are
// ErrInvalid.
func (r *Renderer) checkEncoders(ctx context.Context, plan *slideshow.Plan) error {
	have, err := encoders(ctx, r.FFmpeg)
	if err != nil {
		return err
	}
	soft := strings.Join(softwareCodecs(have), ", ")
	for _, e := range neededEncoders(plan) {
		if slices.Contains(have, e) {
			continue
		}
		hint := "install an ffmpeg built with it (Debian: apt-get install ffmpeg)"
		if plan.Codec == setting.CodecAV1 && e == "libsvtav1" && slices.Contains(have, "libaom-av1") {
			hint = "this ffmpeg has libaom-av1 but kenburns encodes AV1 with SVT-AV1 only; install an ffmpeg with libsvtav1"
		}
		return fmt.Errorf("%w: codec %s: %s has no %s encoder; the codecs it can encode here are: %s; %s",
			slideshow.ErrInvalid, plan.Codec, r.FFmpeg, e, soft, hint)
	}
	if !plan.Codec.Hardware() {
		return nil
	}
	c, err := ProbeCommand(plan)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, r.FFmpeg, c.Args...)
	errTail := &tail{max: 4 << 10}
	cmd.Stderr = errTail
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return fmt.Errorf("%w: codec %s: %s has the encoder but cannot encode with it on this machine (no usable device or driver):\n%s\nuse a software codec instead: %s",
			slideshow.ErrInvalid, plan.Codec, r.FFmpeg, indent(errTail.lines(3)), soft)
	}
	return nil
}
