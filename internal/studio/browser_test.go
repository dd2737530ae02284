package studio

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color/palette"
	"image/draw"
	"image/png"
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
	"github.com/disintegration/imaging"

	"github.com/kenburns/kenburns/internal/golden"
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

// TestBrowser drives the studio in a real headless chromium: on the
// example storyboard it drags the end window of slide 1 to the right and
// saves, then checks the file (new window, every comment kept) and that
// the preview changed, and keeps a screenshot.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	s, _, path := example(t)
	before, _ := os.ReadFile(path)
	ln, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		stop()
		<-served
	}()

	// The flags keep chromium off the network, which this machine does
	// not have, and out of the user's profile.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1320, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelBrowser()
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
	do("open the studio", chromedp.Navigate(URL(ln)), chromedp.WaitVisible(end),
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
