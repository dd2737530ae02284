package render

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// formatOptions are 3 of the bundled photos at 160x90, 10 fps, 1 s a slide
// with 0.5 s fades (20 frames, 2 s), with a sine tone as music.
func formatOptions(t *testing.T, output string) slideshow.Options {
	t.Helper()
	dir := t.TempDir()
	tone := filepath.Join(dir, "tone.wav")
	if out, err := exec.CommandContext(t.Context(), "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
		"-f", "lavfi", "-i", "sine=frequency=440:duration=3", tone).CombinedOutput(); err != nil {
		t.Fatalf("make test tone: %v: %s", err, out)
	}
	opts := slideshow.DefaultOptions()
	for _, p := range []string{"01-mandelbrot.jpg", "02-gradients.jpg", "03-portrait-spiral.jpg"} {
		abs, err := filepath.Abs(filepath.Join("../../examples/photos", p))
		if err != nil {
			t.Fatal(err)
		}
		opts.Inputs = append(opts.Inputs, abs)
	}
	opts.Width, opts.Height, opts.FPS = 160, 90, setting.Rate{Num: 10, Den: 1}
	opts.SizeGiven, opts.FPSGiven = true, true
	opts.Duration, opts.TransitionDuration = time.Second, 500*time.Millisecond
	opts.Music = slideshow.TrackFiles([]string{tone})
	opts.Output = filepath.Join(dir, output)
	return opts
}

func planOptions(t *testing.T, opts slideshow.Options) *slideshow.Plan {
	t.Helper()
	sb, _, err := slideshow.Open(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := slideshow.Build(t.Context(), sb, opts)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// probed is what ffprobe says of a finished file.
type probed struct {
	Streams []struct {
		CodecName string `json:"codec_name"`
		CodecType string `json:"codec_type"`
		PixFmt    string `json:"pix_fmt"`
		Width     int    `json:"width"`
		Height    int    `json:"height"`
		Packets   string `json:"nb_read_packets"`
	} `json:"streams"`
	Format struct {
		Duration string `json:"duration"`
	} `json:"format"`
}

func ffprobe(t *testing.T, path string) probed {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "ffprobe", "-v", "error", "-count_packets", "-show_entries",
		"stream=codec_name,codec_type,pix_fmt,width,height,nb_read_packets:format=duration", "-of", "json", "file:"+path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p probed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFormats renders 3 slides with a transition in every output format
// and checks the result: codec, pixel format, size, frame count, duration
// and, where the format carries it, the music.
func TestFormats(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed")
	}
	tests := []struct {
		output   string
		codec    setting.Codec
		quality  setting.Quality
		wantCode string // video codec as ffprobe names it
		wantPix  string
		wantAud  string // audio codec, "" for none
		w, h     int
	}{
		{"a.mp4", setting.CodecAuto, "", "h264", "yuv420p", "aac", 160, 90},
		{"a.m4v", setting.CodecAuto, "", "h264", "yuv420p", "aac", 160, 90},
		{"a.mov", setting.CodecAuto, "", "h264", "yuv420p", "aac", 160, 90},
		{"a.mkv", setting.CodecAuto, "", "h264", "yuv420p", "aac", 160, 90},
		{"a.webm", setting.CodecAuto, "", "vp9", "yuv420p", "opus", 160, 90},
		{"hevc.mp4", setting.CodecHEVC, "", "hevc", "yuv420p", "aac", 160, 90},
		{"hevc.mov", setting.CodecHEVC, "", "hevc", "yuv420p", "aac", 160, 90},
		{"vp9.mkv", setting.CodecVP9, "", "vp9", "yuv420p", "aac", 160, 90},
		{"av1.mp4", setting.CodecAV1, "", "av1", "yuv420p", "aac", 160, 90},
		{"av1.webm", setting.CodecAV1, "", "av1", "yuv420p", "opus", 160, 90},
		{"high.mp4", setting.CodecAuto, setting.QualityHigh, "h264", "yuv420p", "aac", 160, 90},
		{"a.gif", setting.CodecAuto, "", "gif", "bgra", "", 160, 90},
		{"draft.gif", setting.CodecAuto, setting.QualityDraft, "gif", "bgra", "", 160, 90},
		{"a.webp", setting.CodecAuto, "", "webp", "", "", 160, 90},
	}
	for _, tt := range tests {
		t.Run(tt.output, func(t *testing.T) {
			opts := formatOptions(t, tt.output)
			opts.Codec = tt.codec
			if tt.quality != "" {
				opts.Quality = tt.quality
			}
			if tt.quality == setting.QualityDraft {
				opts.SizeGiven = false // draft halves what is not given
				opts.Width, opts.Height = 2*tt.w, 2*tt.h
			}
			plan := planOptions(t, opts)
			r := &Renderer{Jobs: 2}
			if err := r.Render(t.Context(), plan); err != nil {
				t.Fatal(err)
			}
			const frames, seconds = 20, 2.0
			if plan.Frames != frames {
				t.Fatalf("planned %d frames, want %d", plan.Frames, frames)
			}
			if tt.wantCode == "webp" {
				// ffprobe 5.1 cannot decode animated WebP.
				w, err := ReadAnimatedWebP(plan.Output)
				if err != nil {
					t.Fatal(err)
				}
				if w.Width != tt.w || w.Height != tt.h || w.Frames != frames || w.DurationMS != 2000 {
					t.Errorf("got %+v, want %dx%d, %d frames, 2000 ms", w, tt.w, tt.h, frames)
				}
				return
			}
			p := ffprobe(t, plan.Output)
			var video, audio int
			for _, s := range p.Streams {
				switch s.CodecType {
				case "video":
					video++
					n, _ := strconv.Atoi(s.Packets)
					if s.CodecName != tt.wantCode || s.PixFmt != tt.wantPix || n != frames || s.Width != tt.w || s.Height != tt.h {
						t.Errorf("video %s %s %dx%d, %d frames; want %s %s %dx%d, %d",
							s.CodecName, s.PixFmt, s.Width, s.Height, n, tt.wantCode, tt.wantPix, tt.w, tt.h, frames)
					}
				case "audio":
					audio++
					if s.CodecName != tt.wantAud {
						t.Errorf("audio %s, want %s", s.CodecName, tt.wantAud)
					}
				}
			}
			if video != 1 || (audio == 1) != (tt.wantAud != "") || audio > 1 {
				t.Errorf("%d video and %d audio streams, want 1 and audio %q", video, audio, tt.wantAud)
			}
			if tt.wantCode != "gif" {
				checkChunkKeyframes(t, plan)
			}
			// Matroska pads its duration with the last audio packet.
			if d, _ := strconv.ParseFloat(p.Format.Duration, 64); math.Abs(d-seconds) > 0.05 {
				t.Errorf("duration %gs, want %gs", d, seconds)
			}
		})
	}
}

// checkChunkKeyframes checks that every chunk of the joined video starts
// on a keyframe, as stream copy needs.
func checkChunkKeyframes(t *testing.T, plan *slideshow.Plan) {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "ffprobe", "-v", "error", "-select_streams", "v:0",
		"-show_entries", "packet=flags", "-of", "csv=p=0", "file:"+plan.Output).Output()
	if err != nil {
		t.Fatalf("ffprobe packets: %v", err)
	}
	flags := strings.Fields(string(out))
	for i, c := range plan.Chunks {
		if c.First >= len(flags) || !strings.HasPrefix(flags[c.First], "K") {
			t.Errorf("chunk %d does not start on a keyframe (packet %d of %v)", i+1, c.First, flags)
		}
	}
}

// TestHardwareEncoderRefused asks for each hardware encoder on a machine
// without its device: the render must refuse before any work, as invalid
// input, naming the codecs that do work.
func TestHardwareEncoderRefused(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed")
	}
	for _, c := range []setting.Codec{setting.CodecH264NVENC, setting.CodecHEVCNVENC, setting.CodecH264VAAPI, setting.CodecH264QSV} {
		t.Run(string(c), func(t *testing.T) {
			opts := formatOptions(t, "hw.mkv")
			opts.Codec = c
			plan := planOptions(t, opts)
			probe, err := ProbeCommand(plan)
			if err != nil {
				t.Fatal(err)
			}
			if exec.CommandContext(t.Context(), "ffmpeg", probe.Args...).Run() == nil {
				t.Skipf("%s works on this machine", c)
			}
			work := false
			r := &Renderer{Jobs: 2, Progress: func(Progress) { work = true }, TempDir: t.TempDir()}
			err = r.Render(t.Context(), plan)
			if !errors.Is(err, slideshow.ErrInvalid) {
				t.Fatalf("got %v, want an ErrInvalid", err)
			}
			t.Log(err)
			if work {
				t.Error("work started before the encoder was refused")
			}
			if entries, _ := os.ReadDir(r.TempDir); len(entries) > 0 {
				t.Errorf("work directory created: %v", entries)
			}
			if _, err := os.Stat(plan.Output); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output exists: %v", err)
			}
		})
	}
}
