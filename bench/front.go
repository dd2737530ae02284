//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// frontPoint is one encoder setting of the front: what it costs to encode
// the excerpt and what it gives.
type frontPoint struct {
	Preset     string  `json:"x264_preset"`
	CRF        int     `json:"crf"`
	X264Params string  `json:"x264_params,omitempty"`
	Bytes      int64   `json:"bytes"`
	Mbps       float64 `json:"mbps"`
	// SSIM is ffmpeg's ssim filter against the lossless frames (All, the
	// planes weighted by size), and SSIMdB the same as -10 log10(1-SSIM).
	SSIM   float64 `json:"ssim"`
	SSIMdB float64 `json:"ssim_db"`
	usage
}

// frontSetting is one encoder setting to measure.
type frontSetting struct {
	preset, params string
	crf            int
}

// runFront measures the size/time/quality front of x264 settings on
// kenburns' own frames: the first frames frames of the workload that
// renderArgs render, obtained losslessly (losslessFrames), each encoded from
// raw exactly as the same-frames floor encodes, and compared with the
// lossless frames by SSIM. The encodes run one at a time; the SSIM runs are
// not timed.
func runFront(ffmpeg, bin string, renderArgs []string, fw, fh, fps, frames int, settings []frontSetting, dir string) ([]frontPoint, error) {
	raw := filepath.Join(dir, "front-frames.yuv")
	defer os.Remove(raw)
	fmt.Fprintf(os.Stderr, "bench: front: rendering the first %d frames losslessly (not timed)\n", frames)
	if err := losslessFrames(ffmpeg, bin, renderArgs, raw, frames); err != nil {
		return nil, err
	}
	st, err := os.Stat(raw)
	if err != nil {
		return nil, err
	}
	if got := int(st.Size() / int64(fw*fh*3/2)); got < frames {
		frames = got // a workload shorter than the excerpt
	}
	var points []frontPoint
	for _, s := range settings {
		out := filepath.Join(dir, fmt.Sprintf("front-%s-%d.mp4", s.preset, s.crf))
		cmd := floorCommand(ffmpeg, raw, fw, fh, fps, s.crf, s.preset, s.params, frames, out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		fmt.Fprintf(os.Stderr, "bench: front: preset %s crf %d %s (load %s)\n", s.preset, s.crf, s.params, loadavg())
		u, err := measure(cmd, nil)
		if err != nil {
			return points, fmt.Errorf("front %s crf %d: %v: %s", s.preset, s.crf, err, strings.TrimSpace(stderr.String()))
		}
		p := frontPoint{Preset: s.preset, CRF: s.crf, X264Params: s.params, usage: u}
		if st, err := os.Stat(out); err == nil {
			p.Bytes = st.Size()
			p.Mbps = float64(p.Bytes) * 8 / (float64(frames) / float64(fps)) / 1e6
		}
		if p.SSIM, p.SSIMdB, err = ssim(ffmpeg, out, raw, fw, fh, fps); err != nil {
			return points, err
		}
		os.Remove(out)
		points = append(points, p)
	}
	return points, nil
}

// ssimAll matches the summary line of ffmpeg's ssim filter, e.g.
// "SSIM Y:0.991 (20.5) U:0.993 (21.6) V:0.993 (21.7) All:0.992 (20.9)".
var ssimAll = regexp.MustCompile(`All:([0-9.]+) \(([0-9.]+|inf)\)`)

// ssim compares the encoded video with the raw frames it was made from.
func ssim(ffmpeg, video, raw string, fw, fh, fps int) (ssim, db float64, err error) {
	cmd := exec.Command(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-i", video,
		"-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", fmt.Sprintf("%dx%d", fw, fh), "-framerate", strconv.Itoa(fps), "-i", raw,
		"-lavfi", "[0:v][1:v]ssim", "-f", "null", "-")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("ssim %s: %v: %s", video, err, out)
	}
	m := ssimAll.FindSubmatch(out)
	if m == nil {
		return 0, 0, fmt.Errorf("ssim %s: no summary in ffmpeg's output", video)
	}
	ssim, _ = strconv.ParseFloat(string(m[1]), 64)
	db, _ = strconv.ParseFloat(string(m[2]), 64)
	return ssim, db, nil
}

// frontSettings is the grid presets x crfs, then each of params at the
// default preset and crf.
func frontSettings(presets []string, crfs []int, params []string, preset string, crf int) []frontSetting {
	var s []frontSetting
	for _, p := range presets {
		for _, c := range crfs {
			s = append(s, frontSetting{preset: p, crf: c})
		}
	}
	for _, p := range params {
		s = append(s, frontSetting{preset: preset, crf: crf, params: p})
	}
	return s
}

func printFront(points []frontPoint, frames int) {
	fmt.Printf("\nx264 front on the first %d frames of kenburns' own frames (SSIM against the lossless frames):\n\n", frames)
	fmt.Printf("| %-9s | %3s | %-28s | %8s | %7s | %7s | %8s | %8s | %9s | %8s |\n", "preset", "crf", "x264-params", "size KiB", "Mb/s", "wall s", "CPU s", "SSIM", "SSIM dB", "peak MiB")
	fmt.Printf("|%s|%s:|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s:|\n", dashes(11), dashes(4), dashes(30), dashes(9), dashes(8), dashes(8), dashes(9), dashes(9), dashes(10), dashes(9))
	for _, p := range points {
		fmt.Printf("| %-9s | %3d | %-28s | %8d | %7.2f | %7.1f | %8.1f | %8.5f | %9.2f | %8.0f |\n",
			p.Preset, p.CRF, p.X264Params, p.Bytes>>10, p.Mbps, p.WallS, p.CPUS(), p.SSIM, p.SSIMdB, p.MaxRSSMiB)
	}
}
