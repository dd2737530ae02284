package render

import (
	"encoding/json"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/raster"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/internal/text"
	"github.com/kenburns/kenburns/slideshow"
)

// hardCaption is the caption: every character that trips up
// ffmpeg's drawtext (quotes, colon, comma, brackets, backslash, percent)
// and one the Go font lacks.
const hardCaption = `it's 12:00, "quoted" [1] \ 100% ✓`

// storyboardPlan plans a storyboard written in a temporary folder, with
// the bundled photos' folder as ../photos; opts start from the defaults.
func storyboardPlan(t *testing.T, yaml string, change func(*slideshow.Options)) *slideshow.Plan {
	t.Helper()
	dir := t.TempDir()
	photos, err := filepath.Abs("../../examples/photos")
	if err != nil {
		t.Fatal(err)
	}
	yaml = strings.ReplaceAll(yaml, "$PHOTOS", filepath.ToSlash(photos))
	path := filepath.Join(dir, "show.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	sb, err := storyboard.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	opts := slideshow.StoryboardOptions(sb, slideshow.DefaultOptions())
	if change != nil {
		change(&opts)
	}
	plan, err := slideshow.Build(t.Context(), sb, opts)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func renderPlan(t *testing.T, plan *slideshow.Plan) {
	t.Helper()
	r := &Renderer{Jobs: 2}
	if err := r.Render(t.Context(), plan); err != nil {
		t.Fatal(err)
	}
}

// captionBoard is two photos at 320x180, 10 fps, 2 s each with a cut, the
// first with a caption that fades over 0.5 s; lossless, so that any pixel
// that differs was drawn differently, not encoded differently.
const captionBoard = `output: {file: out.mp4, size: 320x180, fps: 10}
defaults: {duration: 2s, transition: none, style: {box: true, fade_in: 0.5s, fade_out: 0.5s}}
slides:
  - photo: $PHOTOS/01-mandelbrot.jpg
    caption: %s
  - photo: $PHOTOS/02-gradients.jpg
`

// TestCaptionChangesOnlyItsArea renders the same slides with and without
// a burned-in caption, in both engines, and compares the decoded frames:
// they differ inside the caption's area and nowhere else.
func TestCaptionChangesOnlyItsArea(t *testing.T) {
	testenv.NeedFFmpeg(t)
	for _, engine := range []setting.Engine{setting.EngineSmooth, setting.EngineZoompan} {
		t.Run(string(engine), func(t *testing.T) {
			lossless := func(o *slideshow.Options) { o.Engine, o.CRF = engine, 0 }
			with := storyboardPlan(t, fmt.Sprintf(captionBoard, strconv.Quote(hardCaption)), lossless)
			without := storyboardPlan(t, fmt.Sprintf(captionBoard, `""`), lossless)
			renderPlan(t, with)
			renderPlan(t, without)
			w, h := with.Width, with.Height
			a := decodeLuma(t, with.Output, w, h)
			b := decodeLuma(t, without.Output, w, h)
			if len(a) != with.Frames || len(b) != with.Frames {
				t.Fatalf("frames: %d and %d, want %d", len(a), len(b), with.Frames)
			}
			img, err := captionImage(with, with.Slides[0], w, h)
			if err != nil || img == nil {
				t.Fatalf("caption image: %v", err)
			}
			// The area as blended: even-aligned for the chroma samples.
			area := img.Bounds()
			area = image.Rect(area.Min.X&^1, area.Min.Y&^1, (area.Max.X+1)&^1, (area.Max.Y+1)&^1)
			var inside, outside, maxOutside int
			var insideSum float64
			for n := range a {
				for y := 0; y < h; y++ {
					for x := 0; x < w; x++ {
						d := int(a[n][y*w+x]) - int(b[n][y*w+x])
						if d < 0 {
							d = -d
						}
						if image.Pt(x, y).In(area) && n < with.Slides[0].Frames {
							if d > 0 {
								inside++
							}
							insideSum += float64(d)
						} else if d > 0 {
							outside++
							maxOutside = max(maxOutside, d)
						}
					}
				}
			}
			px := float64(area.Dx() * area.Dy() * with.Slides[0].Frames)
			t.Logf("caption area %v: %d of %.0f samples differ (mean |Δ| %.1f); outside: %d differ (max %d)",
				area, inside, px, insideSum/px, outside, maxOutside)
			if outside != 0 {
				t.Errorf("%d luma samples outside the caption area differ (max %d), want 0", outside, maxOutside)
			}
			if float64(inside) < 0.2*px {
				t.Errorf("only %d of %.0f samples in the caption area differ: is the caption drawn?", inside, px)
			}
			// Faded: the first frame barely shows it, a middle frame fully.
			mid := with.Slides[0].Frames / 2
			if d0, dm := areaDiff(a[0], b[0], w, area), areaDiff(a[mid], b[mid], w, area); d0 >= dm/2 {
				t.Errorf("caption not fading in: mean |Δ| %.2f at frame 0, %.2f at frame %d", d0, dm, mid)
			}
		})
	}
}

func areaDiff(a, b []byte, w int, r image.Rectangle) float64 {
	var s float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			s += math.Abs(float64(a[y*w+x]) - float64(b[y*w+x]))
		}
	}
	return s / float64(r.Dx()*r.Dy())
}

// softBoard has three slides with crossfades, two with captions, one of
// them on two lines.
const softBoard = `output: {file: out.%s, size: 160x90, fps: 25, captions: soft, srt: true}
defaults: {duration: 1.5s, transition: {type: fade, duration: 0.4s}}
slides:
  - photo: $PHOTOS/01-mandelbrot.jpg
    caption: "Harbour: 12:00, \"dawn\""
  - photo: $PHOTOS/02-gradients.jpg
  - photo: $PHOTOS/03-portrait-spiral.jpg
    caption: "two\nlines"
`

// TestSoftCaptionCueTimes renders soft captions into MP4 (mov_text) and
// MKV (SRT) and checks with ffprobe that each cue starts and ends on its
// slide's frames, and the .srt sidecar says the same.
func TestSoftCaptionCueTimes(t *testing.T) {
	testenv.NeedFFmpeg(t)
	for _, ext := range []string{"mp4", "mkv", "webm"} {
		t.Run(ext, func(t *testing.T) {
			plan := storyboardPlan(t, fmt.Sprintf(softBoard, ext), nil)
			renderPlan(t, plan)
			codec := map[string]string{"mp4": "mov_text", "mkv": "subrip", "webm": "webvtt"}[ext]
			var streams []string
			for _, st := range ffprobe(t, plan.Output).Streams {
				streams = append(streams, st.CodecName)
			}
			if len(streams) != 2 || streams[1] != codec {
				t.Errorf("streams %v, want the video and %s", streams, codec)
			}
			cues := plan.Cues()
			if len(cues) != 2 {
				t.Fatalf("%d cues, want 2", len(cues))
			}
			got := subtitlePackets(t, plan.Output)
			if len(got) != len(cues) {
				t.Fatalf("%d subtitle packets with text, want %d: %+v", len(got), len(cues), got)
			}
			var worst float64
			for i, c := range cues {
				start, end := plan.FPS.Seconds(c.Start), plan.FPS.Seconds(c.End)
				e := math.Max(math.Abs(got[i].start-start), math.Abs(got[i].end-end))
				worst = math.Max(worst, e)
				if e > 0.0015 {
					t.Errorf("cue %d: %.4f-%.4f s, want %.4f-%.4f s (slide %d)", i+1, got[i].start, got[i].end, start, end, c.Slide+1)
				}
			}
			t.Logf("%s: largest cue time error %.2f ms", ext, worst*1000)
			srt, err := os.ReadFile(plan.SRT)
			if err != nil {
				t.Fatal(err)
			}
			// Slide 2 starts at 1.1 s, frame 27.5, rounded to 28 (1.12 s);
			// the video ends at 3.7 s, frame 92.5, rounded to 93.
			want := "1\n00:00:00,000 --> 00:00:01,120\nHarbour: 12:00, \"dawn\"\n\n2\n00:00:02,200 --> 00:00:03,720\ntwo\nlines\n\n"
			if string(srt) != want {
				t.Errorf("sidecar %s:\n%s\nwant:\n%s", plan.SRT, srt, want)
			}
		})
	}
}

type cuePacket struct{ start, end float64 }

// subtitlePackets returns the times of the subtitle packets that carry
// text: mov_text fills the gaps between cues with empty samples.
func subtitlePackets(t *testing.T, path string) []cuePacket {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "ffprobe", "-v", "error", "-select_streams", "s",
		"-show_entries", "packet=pts_time,duration_time,size", "-of", "json", "file:"+path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p struct {
		Packets []struct {
			PTS      string `json:"pts_time"`
			Duration string `json:"duration_time"`
			Size     string `json:"size"`
		} `json:"packets"`
	}
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	var cues []cuePacket
	for _, k := range p.Packets {
		if n, _ := strconv.Atoi(k.Size); n <= 2 {
			continue
		}
		s, _ := strconv.ParseFloat(k.PTS, 64)
		d, _ := strconv.ParseFloat(k.Duration, 64)
		cues = append(cues, cuePacket{s, s + d})
	}
	return cues
}

// decodeLuma decodes a video of w x h to the luma plane of every frame.
func decodeLuma(t *testing.T, path string, w, h int) [][]byte {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
		"-i", "file:"+path, "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1").Output()
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	size := w * h * 3 / 2
	var frames [][]byte
	for ; len(out) >= size; out = out[size:] {
		frames = append(frames, out[:w*h])
	}
	return frames
}

// TestTitleSlide renders a title slide on a colour before a photo and
// checks its length and that its text, and only its text, stands out
// from the background.
func TestTitleSlide(t *testing.T) {
	testenv.NeedFFmpeg(t)
	plan := storyboardPlan(t, `output: {file: out.mp4, size: 320x180, fps: 10}
defaults: {transition: none}
slides:
  - title: "Summer 2026"
    subtitle: "it's 12:00"
    background: "#204060"
    duration: 1.5s
  - photo: $PHOTOS/01-mandelbrot.jpg
    duration: 1s
`, func(o *slideshow.Options) { o.CRF = 0 })
	renderPlan(t, plan)
	w, h := plan.Width, plan.Height
	frames := decodeLuma(t, plan.Output, w, h)
	if s := plan.Slides[0]; s.Frames != 15 || len(frames) != 25 || plan.Frames != 25 {
		t.Fatalf("title slide %d frames, video %d decoded of %d planned; want 15 and 25", s.Frames, len(frames), plan.Frames)
	}
	fonts, err := text.Load("")
	if err != nil {
		t.Fatal(err)
	}
	title := plan.Slides[0].Title
	box := fonts.Draw(title.Paras(), title.Style, w, h).Bounds()
	box = image.Rect(box.Min.X&^1, box.Min.Y&^1, (box.Max.X+1)&^1, (box.Max.Y+1)&^1)
	bg, _, _ := raster.RGBToYCbCr(0x20, 0x40, 0x60)
	for _, n := range []int{0, 7, 14} {
		var in, out int
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				d := int(frames[n][y*w+x]) - int(bg)
				if image.Pt(x, y).In(box) {
					if d > 40 {
						in++
					}
				} else if d < -1 || d > 1 {
					out++
				}
			}
		}
		t.Logf("frame %d: %d samples of the text box %v are text; %d outside it differ from the background", n, in, box, out)
		if out != 0 || in < box.Dx()*box.Dy()/20 {
			t.Errorf("frame %d: %d text samples in %v, %d outside differ from the background", n, in, box, out)
		}
	}
}
