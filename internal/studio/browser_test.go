package studio

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/disintegration/imaging"

	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/testenv"
)

// screenshotDoc is the README's picture of the page, refreshed by
// "go test ./internal/studio -run TestBrowser -update".
const screenshotDoc = "../../docs/studio.png"

// chromium finds Debian's chromium, or skips (fails in CI) without it.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "chromium is not installed (sudo apt-get install chromium): the browser test of the studio cannot run"
	if testenv.InCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestBrowser drives the studio in a real headless chromium: on a
// storyboard with captions, a title slide and music it drags the end
// window of slide 1 to the right and saves, then checks the file (new
// window, every comment kept) and that the preview changed; it edits
// slide 1's caption and checks the file and the preview's caption area;
// and keeps a screenshot.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	testenv.NeedFFmpeg(t) // the music is read with ffprobe
	s, _, path := exampleFrom(t, filepath.Join("testdata", "studio.yaml"))
	before, _ := os.ReadFile(path)
	bctx, url := browse(t, exe, s)
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shoot := func(what string) []byte {
		t.Helper()
		b, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.CSS("#preview")))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return b
	}

	end := chromedp.CSS(`.win[data-k="3"]`)
	do("open the studio", chromedp.Navigate(url), chromedp.WaitVisible(end),
		waitJS(`document.getElementById('photo-img').complete && document.getElementById('photo-img').naturalWidth > 0`))
	do("select the end window", chromedp.Click(end),
		waitJS(`document.getElementById('preview').complete && document.getElementById('preview').src.includes('t=3.9667')`))
	shotA := shoot("preview before")

	box, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector('.win[data-k="3"]').getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; })()`))
	if err != nil || len(box) != 2 {
		t.Fatalf("find the end window: %v %v", box, err)
	}
	x, y := box[0], box[1]
	held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
	steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x, y, held, chromedp.ClickCount(1))}
	for dx := 10.0; dx <= 120; dx += 10 {
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x+dx, y, held))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x+120, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		waitJS(`document.getElementById('status').textContent === 'unsaved changes'`))
	do("drag the end window right", steps...)
	do("save", chromedp.Click(chromedp.CSS("#save")),
		waitJS(`document.getElementById('status').textContent === 'saved'`),
		chromedp.Sleep(500*time.Millisecond), // the last preview request lands
		waitJS(`document.getElementById('preview').complete`))
	shotB := shoot("preview after")

	after, _ := os.ReadFile(path)
	m := regexp.MustCompile(`\{at: 4s, zoom: 2.5, center: \[([0-9.]+), 0.45\], ease: in-out\}    # pan to another detail`).FindSubmatch(after)
	if m == nil {
		t.Fatalf("the end keyframe is not as expected after the drag:\n%s", after)
	}
	if cx, _ := strconv.ParseFloat(string(m[1]), 64); cx <= 0.65 {
		t.Errorf("the end window's centre moved to x = %g, want right of 0.6 by the drag", cx)
	}
	for _, line := range strings.Split(string(before), "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !bytes.Contains(after, []byte(line[i:])) {
			t.Errorf("comment lost: %s", line[i:])
		}
	}
	if changed := strings.Count(string(after), "\n") - strings.Count(string(before), "\n"); changed != 0 {
		t.Errorf("the file has %d lines more", changed)
	}
	if bytes.Equal(shotA, shotB) || len(shotA) == 0 {
		t.Error("the preview did not change with the window")
	}

	// The keyboard: Shift+ArrowLeft moves the selected window a twentieth
	// of the photo; the hold keyframe 3 gets its own window.
	do("move keyframe 3 with the keyboard", chromedp.Click(chromedp.CSS(`.win[data-k="2"]`)),
		chromedp.KeyEvent(kb.ArrowLeft, chromedp.KeyModifiers(chromedp.ModifierShift)),
		waitJS(`document.getElementById('status').textContent === 'unsaved changes'`),
		chromedp.Click(chromedp.CSS("#save")),
		waitJS(`document.getElementById('status').textContent === 'saved'`))
	after, _ = os.ReadFile(path)
	if !regexp.MustCompile(`- \{at: 2.5s, zoom: 2.5, center: \[0.28, 0.5\]\} +# hold\n`).Match(after) {
		t.Errorf("keyframe 3 after Shift+ArrowLeft:\n%s", after)
	}

	// The caption: typed into its field, sent when the field loses the
	// focus, and saved. The preview at keyframe 2 changes where the
	// caption is, at the bottom, and nowhere else.
	do("select keyframe 2", chromedp.Click(chromedp.CSS(`#timeline .key[title^="keyframe 2 "]`)),
		waitJS(`document.getElementById('preview').complete && document.getElementById('preview').src.includes('t=1.5000')`),
		chromedp.Sleep(300*time.Millisecond))
	capA := shoot("preview before the caption edit")
	caption := `Dawn: "first light", 100% \ ✓`
	do("type the caption", chromedp.Evaluate[chromedp.Void](`(() => { const c = document.getElementById('f-caption'); c.focus(); c.select(); })()`),
		chromedp.SendKeys(chromedp.CSS("#f-caption"), caption),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('f-caption').blur()`),
		waitJS(`document.getElementById('status').textContent === 'unsaved changes'`),
		chromedp.Sleep(500*time.Millisecond), // the preview request lands
		waitJS(`document.getElementById('preview').complete`))
	capB := shoot("preview after the caption edit")
	do("save the caption", chromedp.Click(chromedp.CSS("#save")),
		waitJS(`document.getElementById('status').textContent === 'saved'`))
	after, _ = os.ReadFile(path)
	if want := `    caption: "Dawn: \"first light\", 100% \\ ✓"   # drawn literally` + "\n"; !strings.Contains(string(after), want) {
		t.Errorf("the caption line after the edit is not %q:\n%s", want, after)
	}
	if sb, err := storyboard.Parse(path, after); err != nil || sb.Slides[0].Caption != caption {
		t.Errorf("the saved caption reads back as %q (%v), want %q", sb.Slides[0].Caption, err, caption)
	}
	for _, line := range strings.Split(string(before), "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !bytes.Contains(after, []byte(line[i:])) {
			t.Errorf("comment lost: %s", line[i:])
		}
	}
	top, bottom := imageDiff(t, capA, capB)
	t.Logf("the caption edit changed the preview by %.2f a pixel in its top half, %.2f in its bottom fifth", top, bottom)
	if top > 0.5 || bottom < 2 {
		t.Errorf("the caption edit changed the preview's top half by %.2f and its bottom fifth by %.2f a pixel: want the change at the caption", top, bottom)
	}

	// The screenshot: slide 1 with its new caption, the title slide in
	// the film strip, the music below.
	full, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	// Kept with "go test -artifacts -outputdir DIR": the path is logged.
	shot := filepath.Join(t.ArtifactDir(), "studio.png")
	if err := writeSmallPNG(shot, full, 1100); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the studio: %s", shot)
	if golden.Updating() {
		if err := writeSmallPNG(screenshotDoc, full, 1100); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", screenshotDoc)
	}

	// Play the slide: the page measures the frames it shows a second.
	do("play slide 1", chromedp.Click(chromedp.CSS("#play")),
		waitJS(`document.getElementById('fps').textContent !== ''`))
	fps, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.getElementById('fps').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("play in chromium at 640x360: %s", fps)

	// The title slide: no windows on the big view, its title, subtitle
	// and background in the fields instead; a new title is sent as typed.
	do("select the title slide", chromedp.Click(chromedp.CSS(`.slide[data-i="3"]`)),
		waitJS(`!document.getElementById('title-fields').hidden && document.getElementById('f-title').value === 'Summer 2026'`),
		waitJS(`document.getElementById('f-background').value === '#1d3557' && document.getElementById('photo-fields').hidden`),
		waitJS(`document.querySelectorAll('#photo .win').length === 0 && document.getElementById('keys').hidden`))
	do("retitle", chromedp.Evaluate[chromedp.Void](`(() => { const c = document.getElementById('f-title'); c.focus(); c.select(); })()`),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Winter: 2027"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('f-title').blur()`),
		waitJS(`document.querySelector('.slide[data-i="3"] .meta').textContent.includes('Winter: 2027')`))
	s.mu.Lock()
	retitled := string(s.draft)
	s.mu.Unlock()
	if !strings.Contains(retitled, `  - title: "Winter: 2027"                # a title slide: no photo`) {
		t.Errorf("the title after the edit:\n%s", retitled)
	}

	// Reorder in the film strip: slide 3 dragged onto slide 1 becomes
	// the first.
	do("drag slide 3 to the front", chromedp.DragAndDrop(chromedp.CSS(`.slide[data-i="2"]`), chromedp.CSS(`.slide[data-i="0"]`)),
		waitJS(`document.querySelector('.slide[data-i="0"] .meta').textContent.includes('02-gradients.jpg')`),
		waitJS(`document.getElementById('status').textContent === 'unsaved changes'`))
	s.mu.Lock()
	draft := string(s.draft)
	s.mu.Unlock()
	if !strings.Contains(draft, "slides:\n  - photo: photos/02-gradients.jpg") {
		t.Errorf("after the drag the storyboard's first slide is not 02-gradients.jpg:\n%s", draft)
	}
}

// browse serves s on a free port and starts a headless chromium, both
// stopped when the test ends; it returns the browser's context and the
// page's address.
func browse(t *testing.T, exe string, s *Server) (context.Context, string) {
	t.Helper()
	ln, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		<-served
	})
	// The flags keep chromium off the network, which this machine does
	// not have, and out of the user's profile.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1320, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	// Cleanups run last first: the browser stops before the server.
	t.Cleanup(cancelAlloc)
	t.Cleanup(cancelBrowser)
	return bctx, URL(ln)
}

// TestBrowserSync opens examples/music.yaml (sync: beats) in chromium:
// the film strip shows each slide's duration as the plan synced it,
// marked, and the page lists the tracks and the moved cuts; music_fit
// set from its select is saved into the file.
func TestBrowserSync(t *testing.T) {
	exe := chromium(t)
	testenv.NeedFFmpeg(t)
	s, _, path := exampleFrom(t, filepath.Join("..", "..", "examples", "music.yaml"))
	bctx, url := browse(t, exe, s)
	if err := chromedp.Do(bctx, chromedp.Navigate(url), waitJS(`document.querySelectorAll('.slide').length === 5`),
		waitJS(`document.querySelectorAll('#music-tracks li').length === 2`)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.slide .meta')].map((m) => m.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for i, meta := range got {
		d := s.plan.Slides[i].Duration.Seconds()
		if want := " · " + strconv.FormatFloat(math.Round(d*100)/100, 'f', -1, 64) + "s"; !strings.Contains(meta, want) {
			t.Errorf("slide %d: %q, want the plan's duration %q", i+1, meta, want)
		}
		if strings.Contains(meta, "♪") {
			marked++
		}
	}
	cuts, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.getElementById('music-cuts').textContent + document.getElementById('music-fit').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if marked == 0 || !strings.Contains(cuts, "(on a beat)") || !strings.Contains(cuts, "sync: beats") {
		t.Errorf("no synced slide or cut shown: %q; %q", got, cuts)
	}

	// music_fit from its select: planned again, and saved into the file.
	before, _ := os.ReadFile(path)
	if err := chromedp.Do(bctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const f = document.getElementById('m-fit'); f.value = 'video'; f.dispatchEvent(new Event('change')); })()`),
		waitJS(`document.getElementById('status').textContent === 'unsaved changes'`),
		chromedp.Click(chromedp.CSS("#save")),
		waitJS(`document.getElementById('status').textContent === 'saved'`)); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if want := strings.Replace(string(before), "\nmusic_fit: music\n", "\nmusic_fit: video\n", 1); string(after) != want {
		t.Errorf("saved file:\n%s\nwant:\n%s", after, want)
	}
}

// imageDiff decodes two screenshots of the same size and returns the mean
// absolute difference of their grey levels in the top half and in the
// bottom fifth, where a caption is.
func imageDiff(t *testing.T, a, b []byte) (top, bottom float64) {
	t.Helper()
	ia, _, err1 := image.Decode(bytes.NewReader(a))
	ib, _, err2 := image.Decode(bytes.NewReader(b))
	if err1 != nil || err2 != nil || ia.Bounds() != ib.Bounds() {
		t.Fatalf("screenshots: %v %v", err1, err2)
	}
	r := ia.Bounds()
	mean := func(y0, y1 int) float64 {
		var sum, n float64
		for y := y0; y < y1; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				ga := color.GrayModel.Convert(ia.At(x, y)).(color.Gray).Y
				gb := color.GrayModel.Convert(ib.At(x, y)).(color.Gray).Y
				sum += math.Abs(float64(ga) - float64(gb))
				n++
			}
		}
		return sum / n
	}
	return mean(r.Min.Y, r.Min.Y+r.Dy()/2), mean(r.Max.Y-r.Dy()/5, r.Max.Y)
}

// waitJS polls a JavaScript condition until it holds, for at most a
// minute.
func waitJS(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		deadline := time.Now().Add(time.Minute)
		for {
			ok, err := chromedp.Evaluate[bool](cond)(ctx, t)
			if err != nil {
				return err
			}
			if ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("waited a minute for %s", cond)
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %s: %w", cond, ctx.Err())
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

// writeSmallPNG scales a PNG screenshot to width and writes it with the
// best compression, for the README.
func writeSmallPNG(path string, shot []byte, width int) error {
	img, _, err := image.Decode(bytes.NewReader(shot))
	if err != nil {
		return err
	}
	small := imaging.Resize(img, width, 0, imaging.Lanczos)
	// 256 colours keep the fractal photos' screenshot small enough for a
	// repository; the page's text and lines stay sharp.
	pal := image.NewPaletted(small.Bounds(), palette.Plan9)
	draw.Draw(pal, pal.Bounds(), small, image.Point{}, draw.Src)
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, pal); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
