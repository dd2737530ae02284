//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// yuvImage is a raw yuv420p picture: Y plane, then Cb, then Cr.
type yuvImage struct {
	W, H int
	Pix  []byte
}

// panMargin is how much larger than the frame each floor source is: the
// pan travels this fraction of the frame, about as far as a Ken Burns move
// at kenburns' default zoom of 1.2, so the encoder sees similar motion.
const panMargin = 1.2

// loadPanSource has ffmpeg cover-crop a photo to panMargin times the frame
// size, as raw yuv420p. This is preparation, outside the timed encode.
func loadPanSource(ffmpeg, photo string, fw, fh int) (yuvImage, error) {
	w := int(math.Round(float64(fw)*panMargin)) &^ 1
	h := int(math.Round(float64(fh)*panMargin)) &^ 1
	cmd := exec.Command(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", "file:"+photo,
		"-frames:v", "1", "-vf", fmt.Sprintf("scale=%d:%d:force_original_aspect_ratio=increase:flags=lanczos,crop=%d:%d", w, h, w, h),
		"-pix_fmt", "yuv420p", "-f", "rawvideo", "pipe:1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return yuvImage{}, fmt.Errorf("ffmpeg: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if len(raw) != w*h*3/2 {
		return yuvImage{}, fmt.Errorf("ffmpeg gave %d bytes, want %d", len(raw), w*h*3/2)
	}
	return yuvImage{W: w, H: h, Pix: raw}, nil
}

// panOffset is the top-left corner of frame k of n in a diagonal pan
// across src: even, so that the chroma planes stay aligned with luma.
func panOffset(src yuvImage, fw, fh, k, n int) (x, y int) {
	t := 0.0
	if n > 1 {
		t = float64(k) / float64(n-1)
	}
	x = 2 * int(math.Round(t*float64(src.W-fw)/2))
	y = 2 * int(math.Round(t*float64(src.H-fh)/2))
	return x, y
}

// cropInto copies the fw x fh window at (x, y) of src into dst. It is a
// few row copies: the generator must cost next to nothing, so that the
// floor measures the encoder alone.
func cropInto(dst []byte, src yuvImage, fw, fh, x, y int) {
	o := 0
	for r := 0; r < fh; r++ {
		i := (y+r)*src.W + x
		o += copy(dst[o:o+fw], src.Pix[i:i+fw])
	}
	cw, ch := src.W/2, src.H/2
	for plane := 0; plane < 2; plane++ {
		base := src.W*src.H + plane*cw*ch
		for r := 0; r < fh/2; r++ {
			i := base + (y/2+r)*cw + x/2
			o += copy(dst[o:o+fw/2], src.Pix[i:i+fw/2])
		}
	}
}

// writePans writes frames frames of raw yuv420p to w: the frames are split
// evenly among the sources, each panned diagonally corner to corner.
func writePans(w io.Writer, sources []yuvImage, fw, fh, frames int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	buf := make([]byte, fw*fh*3/2)
	for i, src := range sources {
		n := frames / len(sources)
		if i < frames%len(sources) {
			n++
		}
		for k := 0; k < n; k++ {
			x, y := panOffset(src, fw, fh, k, n)
			cropInto(buf, src, fw, fh, x, y)
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// floorCommand is ffmpeg encoding raw frames from in (a file, or pipe:0)
// with exactly the encoder settings kenburns uses for its chunks
// (slideshow.encoderArgs).
// x264Params, if not empty, is passed as -x264-params (the front's
// experiments with lookahead and threads).
func floorCommand(ffmpeg, in string, fw, fh, fps, crf int, preset, x264Params string, frames int, out string) *exec.Cmd {
	args := []string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y",
		"-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", fmt.Sprintf("%dx%d", fw, fh), "-framerate", strconv.Itoa(fps), "-i", in,
		"-c:v", "libx264", "-preset", preset, "-crf", strconv.Itoa(crf)}
	if x264Params != "" {
		args = append(args, "-x264-params", x264Params)
	}
	args = append(args, "-pix_fmt", "yuv420p",
		"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
		"-frames:v", strconv.Itoa(frames), "-an", "-f", "mp4", out)
	return exec.Command(ffmpeg, args...)
}

// runFloor times the moving floor: ffmpeg encoding frames frames of pans
// over sources, generated on the fly.
func runFloor(ffmpeg string, sources []yuvImage, fw, fh, fps, crf int, preset string, frames int, out string) (usage, error) {
	cmd := floorCommand(ffmpeg, "pipe:0", fw, fh, fps, crf, preset, "", frames, out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return usage{}, err
	}
	u, err := measure(cmd, func() error {
		defer stdin.Close()
		return writePans(stdin, sources, fw, fh, frames)
	})
	if err != nil {
		return u, fmt.Errorf("floor: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return u, nil
}

// runSameFrames times the strictest floor: ffmpeg encoding the very frames
// kenburns' encoders see, with the same settings. They are obtained, not
// timed, by rendering once more losslessly (losslessFrames). No renderer of
// this video can beat this floor.
func runSameFrames(ffmpeg, bin string, renderArgs []string, fw, fh, fps, crf int, preset string, frames int, dir string) (usage, error) {
	raw := filepath.Join(dir, "frames.yuv")
	defer os.Remove(raw)
	if err := losslessFrames(ffmpeg, bin, renderArgs, raw, 0); err != nil {
		return usage{}, err
	}
	cmd := floorCommand(ffmpeg, raw, fw, fh, fps, crf, preset, "", frames, filepath.Join(dir, "same-frames.mp4"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	u, err := measure(cmd, nil)
	if err != nil {
		return u, fmt.Errorf("same-frames floor: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return u, nil
}

// losslessFrames writes to raw, as raw yuv420p, the frames kenburns'
// encoders see for renderArgs (the first frames of them, if frames > 0):
// it renders once more with --crf 0 (x264's lossless mode) and decodes
// that. Nothing here is timed.
func losslessFrames(ffmpeg, bin string, renderArgs []string, raw string, frames int) error {
	lossless := strings.TrimSuffix(raw, filepath.Ext(raw)) + "-lossless.mp4"
	defer os.Remove(lossless)
	// Later flags win; they must come before the "--" that ends them.
	var args []string
	for i, a := range renderArgs {
		if a == "--" {
			args = append(append(append(args, renderArgs[:i]...), "--crf", "0", "--x264-preset", "ultrafast", "-o", lossless), renderArgs[i:]...)
			break
		}
	}
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("lossless render: %v: %s", err, out)
	}
	dec := []string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", lossless}
	if frames > 0 {
		dec = append(dec, "-frames:v", strconv.Itoa(frames))
	}
	dec = append(dec, "-f", "rawvideo", "-pix_fmt", "yuv420p", raw)
	if out, err := exec.Command(ffmpeg, dec...).CombinedOutput(); err != nil {
		return fmt.Errorf("decode %s: %v: %s", lossless, err, out)
	}
	return nil
}
