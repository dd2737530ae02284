package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kenburns/kenburns/internal/testenv"
)

// grayPhotos writes one flat grey PNG per level and returns their folder.
func grayPhotos(t *testing.T, levels ...byte) string {
	t.Helper()
	dir := t.TempDir()
	for i, v := range levels {
		img := image.NewGray(image.Rect(0, 0, 64, 36))
		for p := range img.Pix {
			img.Pix[p] = v
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.png", i)), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sineMusic writes a 10 s sine tone of freq Hz at 48 kHz.
func sineMusic(t *testing.T, freq int) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "sine.wav")
	cmd := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=%d:duration=10", freq), "-ar", "48000", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return out
}

// lumas decodes the video's frames, each averaged to one grey value.
func lumas(t *testing.T, path string) []byte {
	t.Helper()
	b, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vf", "scale=1:1,format=gray", "-f", "rawvideo", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// samples decodes the video's music as mono float samples at 48 kHz.
func samples(t *testing.T, path string) []float64 {
	t.Helper()
	b, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vn", "-ac", "1", "-ar", "48000", "-f", "f32le", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := make([]float64, len(b)/4)
	for i := range s {
		s[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])))
	}
	return s
}

func rms(s []float64) float64 {
	var sum float64
	for _, v := range s {
		sum += v * v
	}
	return math.Sqrt(sum / float64(len(s)))
}

// TestFadeRender renders fades from and to a colour across chunk
// boundaries and checks every frame's level against the ramp, and that
// the music fades in and out with the picture.
func TestFadeRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	music := sineMusic(t, 440)
	tests := []struct {
		name   string
		photo  byte
		color  string
		colorY float64 // the colour's level after decoding to grey
	}{
		{"white photos from and to black", 255, "black", 0},
		{"black photos from and to white", 0, "white", 255},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "fade.mp4")
			// 3 x 30 frames - 2 x 9 = 72; the fade out's 30 frames span
			// the last two chunks (first frames 30 and 51).
			args := []string{"render", grayPhotos(t, tt.photo, tt.photo, tt.photo), "-o", out, "--size", "64x36", "--fps", "30",
				"--duration", "1", "--transition-duration", "0.3", "--crf", "0", "--motion", "none", "--progress", "none", "--no-cache",
				"--fade-in", "0.5", "--fade-out", "1", "--fade-color", tt.color, "--audio", music}
			if code, _, stderr := kenburns(t, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if p := probe(t, out); p.Frames != 72 || !p.HasAudio || math.Abs(p.AudioDuration-2.4) > 0.03 {
				t.Fatalf("%+v, want 72 frames and 2.4 s of music", p)
			}
			y := lumas(t, out)
			at := func(k int, visible float64) {
				want := tt.colorY + visible*(float64(tt.photo)-tt.colorY)
				if d := float64(y[k]) - want; math.Abs(d) > 4 {
					t.Errorf("frame %d: %d, want %.0f", k, y[k], want)
				}
			}
			for k := range 72 {
				switch {
				case k < 15:
					at(k, float64(k)/15)
				case k >= 42:
					at(k, float64(71-k)/30)
				default:
					at(k, 1)
				}
			}
			s := samples(t, out)
			last := int(2.4 * 48000) // the audio may carry codec padding after it
			mid := rms(s[48000 : 48000+4800])
			start := rms(s[:480]) // the first 10 ms
			end := rms(s[last-480 : last])
			half := rms(s[int(1.9*48000) : int(1.9*48000)+480])
			t.Logf("music RMS: first 10 ms %.4f, middle %.4f, at 1.9 s %.4f, last 10 ms %.4f", start, mid, half, end)
			if start > 0.05*mid || end > 0.05*mid || half < 0.35*mid || half > 0.65*mid {
				t.Errorf("the music does not fade with the picture")
			}
		})
	}
}

// TestLoopRender renders a loop of three flat photos crossfading and
// checks the seam: the frame that would follow the last, extrapolated
// from the last two (a crossfade is linear in time), is the first frame;
// and the music's last sample continues into its first, on a tone whose
// plain cut at the video's length would jump.
func TestLoopRender(t *testing.T) {
	testenv.NeedFFmpeg(t)
	out := filepath.Join(t.TempDir(), "loop.mp4")
	// 203 Hz: 2.1 s hold 426.3 periods, so music merely cut at the end
	// would not join its start.
	args := []string{"render", grayPhotos(t, 0, 255, 128), "-o", out, "--size", "64x36", "--fps", "30",
		"--duration", "1", "--transition-duration", "0.3", "--crf", "0", "--motion", "none", "--progress", "none", "--no-cache",
		"--loop", "--audio", sineMusic(t, 203)}
	if code, _, stderr := kenburns(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Three transitions now: round((3 x 1 - 3 x 0.3) x 30) = 63.
	if p := probe(t, out); p.Frames != 63 || math.Abs(p.Duration-2.1) > 0.03 {
		t.Fatalf("%+v, want 63 frames (2.1 s)", p)
	}
	y := lumas(t, out)
	n := len(y)
	next := 2*float64(y[n-1]) - float64(y[n-2])
	t.Logf("frames: first %d, last two %d %d, the next would be %.0f", y[0], y[n-2], y[n-1], next)
	if math.Abs(next-float64(y[0])) > 3 || y[n-1] == y[0] {
		t.Errorf("the frame after the last would be %.0f, the first is %d", next, y[0])
	}
	s := samples(t, out)
	const rate = 48000
	end := int(2.1 * rate) // the audio may carry codec padding after it
	step := 0.0
	for i := 1; i < end; i++ {
		step = max(step, math.Abs(s[i]-s[i-1]))
	}
	pred := 2*s[end-1] - s[end-2]
	t.Logf("music: the sample after the last would be %.5f, the first is %.5f; largest step %.5f", pred, s[0], step)
	if math.Abs(pred-s[0]) > step/2 {
		t.Errorf("the music jumps at the seam by %.5f (largest step inside %.5f)", math.Abs(pred-s[0]), step)
	}
}
