//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
)

// formatRun is one output format and quality preset of the workload, with
// its own same-frames floor: ffmpeg encoding the very frames kenburns'
// encoders see (decoded from a lossless render) with the same encoder and
// settings, in one process.
type formatRun struct {
	Name    string `json:"name"`
	Output  string `json:"output"`
	Quality string `json:"quality"`
	Size    string `json:"size"`
	CRF     int    `json:"crf"`
	Preset  string `json:"encoder_preset"`
	Render  usage  `json:"render"`
	Floor   usage  `json:"same_frames_floor"`
	// Ratio and CPURatio are the render's wall and CPU time over the
	// floor's.
	Ratio    float64 `json:"ratio"`
	CPURatio float64 `json:"cpu_ratio"`
}

// formatCases are what issue 11 asks the bench to report: MP4 at each
// quality preset, and WebM.
func formatCases() []struct {
	ext     string
	codec   setting.Codec
	quality setting.Quality
} {
	return []struct {
		ext     string
		codec   setting.Codec
		quality setting.Quality
	}{
		{".mp4", setting.CodecH264, setting.QualityDraft},
		{".mp4", setting.CodecH264, setting.QualityNormal},
		{".mp4", setting.CodecH264, setting.QualityHigh},
		{".webm", setting.CodecVP9, setting.QualityNormal},
	}
}

// runFormats renders the workload in each format case, then times its
// same-frames floor.
func runFormats(ffmpeg, bin string, cfg config, fw, fh, frames int, paths []string, outDir string) ([]formatRun, error) {
	var runs []formatRun
	for _, c := range formatCases() {
		w, h := fw, fh
		if c.quality == setting.QualityDraft {
			// What draft does to a size not given; given explicitly here
			// so that the lossless render below has it too.
			w, h = max(16, w/4*2), max(16, h/4*2)
		}
		crf, preset := c.codec.EncoderDefaults(c.quality)
		name := strings.TrimPrefix(c.ext, ".") + " " + string(c.quality)
		out := filepath.Join(outDir, "format-"+string(c.quality)+c.ext)
		args := []string{"render", "--size", fmt.Sprintf("%dx%d", w, h), "--fps", strconv.Itoa(cfg.FPS),
			"--duration", strconv.FormatFloat(cfg.Duration.Seconds(), 'f', -1, 64),
			"--transition-duration", strconv.FormatFloat(cfg.Transition.Seconds(), 'f', -1, 64),
			"--quality", string(c.quality), "--jobs", strconv.Itoa(cfg.Jobs), "--progress", "none", "-y", "-o", out,
			"--cache", filepath.Join(outDir, fmt.Sprintf(".cache-%d", time.Now().UnixNano())), "--"}
		args = append(args, paths...)
		fmt.Fprintf(os.Stderr, "bench: formats: %s (load %s)\n", name, loadavg())
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		u, err := measure(cmd, nil)
		if err != nil {
			return runs, fmt.Errorf("formats, %s: %v: %s", name, err, strings.TrimSpace(stderr.String()))
		}
		enc := formatEncoder(c.codec, crf, preset)
		f, err := runSameFramesWith(ffmpeg, bin, args, w, h, cfg.FPS, frames, enc, outDir)
		if err != nil {
			return runs, fmt.Errorf("formats, %s: %w", name, err)
		}
		runs = append(runs, formatRun{Name: name, Output: c.ext, Quality: string(c.quality), Size: fmt.Sprintf("%dx%d", w, h),
			CRF: crf, Preset: preset, Render: u, Floor: f, Ratio: u.WallS / f.WallS, CPURatio: u.CPUS() / f.CPUS()})
	}
	return runs, nil
}

// formatEncoder is the encoder part of a chunk's command line for codec
// (internal/render/codec.go's encoderArgs), for the floor to use.
func formatEncoder(codec setting.Codec, crf int, preset string) []string {
	a := []string{"-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"}
	switch codec {
	case setting.CodecVP9:
		return append(a, "-c:v", "libvpx-vp9", "-crf", strconv.Itoa(crf), "-b:v", "0", "-deadline", "good", "-cpu-used", preset, "-row-mt", "1")
	}
	return append(a, "-c:v", "libx264", "-preset", preset, "-crf", strconv.Itoa(crf))
}

// runSameFramesWith is runSameFrames for any encoder: the frames come from
// a lossless H.264 render of the same arguments, decoded to a raw file
// (not timed); the timed part is one ffmpeg encoding them with enc.
func runSameFramesWith(ffmpeg, bin string, renderArgs []string, fw, fh, fps, frames int, enc []string, dir string) (usage, error) {
	lossless := filepath.Join(dir, "lossless.mp4")
	raw := filepath.Join(dir, "frames.yuv")
	defer os.Remove(lossless)
	defer os.Remove(raw)
	var args []string
	for i, a := range renderArgs {
		if a == "--" {
			args = append(append(append(args, renderArgs[:i]...), "--codec", "h264", "--crf", "0", "--encoder-preset", "ultrafast", "-o", lossless), renderArgs[i:]...)
			break
		}
	}
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		return usage{}, fmt.Errorf("lossless render: %v: %s", err, out)
	}
	dec := exec.Command(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", lossless, "-f", "rawvideo", "-pix_fmt", "yuv420p", raw)
	if out, err := dec.CombinedOutput(); err != nil {
		return usage{}, fmt.Errorf("decode %s: %v: %s", lossless, err, out)
	}
	a := []string{"-hide_banner", "-nostdin", "-loglevel", "error", "-y",
		"-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", fmt.Sprintf("%dx%d", fw, fh), "-framerate", strconv.Itoa(fps), "-i", raw}
	a = append(append(a, enc...), "-frames:v", strconv.Itoa(frames), "-an", "-f", "mp4", filepath.Join(dir, "same-frames-format.mp4"))
	cmd := exec.Command(ffmpeg, a...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	u, err := measure(cmd, nil)
	if err != nil {
		return u, fmt.Errorf("same-frames floor: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return u, nil
}

func printFormats(runs []formatRun) {
	fmt.Printf("\nformats and quality presets, each against its own same-frames floor:\n\n")
	fmt.Printf("| %-11s | %9s | %11s | %7s | %8s | %6s | %9s |\n", "format", "size", "crf/preset", "wall s", "floor s", "ratio", "CPU ratio")
	fmt.Printf("|%s|%s:|%s|%s:|%s:|%s:|%s:|\n", dashes(13), dashes(10), dashes(13), dashes(8), dashes(9), dashes(7), dashes(10))
	for _, r := range runs {
		fmt.Printf("| %-11s | %9s | %11s | %7.1f | %8.1f | %5.2fx | %8.2fx |\n",
			r.Name, r.Size, fmt.Sprintf("%d/%s", r.CRF, r.Preset), r.Render.WallS, r.Floor.WallS, r.Ratio, r.CPURatio)
	}
}
