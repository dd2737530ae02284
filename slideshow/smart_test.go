package slideshow

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/golden"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/presets"
)

// region is where a synthetic photo's subject is, in fractions.
type region struct{ x0, y0, x1, y1 float64 }

func (r region) center() (float64, float64) { return (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2 }

// synthetic writes a w x h photo: a soft gradient with one square subject
// of side size (a fraction of the short side) centred at (cx, cy), either
// fine detail or skin, and returns it with where the subject is.
func synthetic(t *testing.T, dir string, w, h int, cx, cy, size float64, skin bool) (photo.Info, region) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	side := size * float64(min(w, h))
	x0, y0 := cx*float64(w)-side/2, cy*float64(h)-side/2
	r := region{x0 / float64(w), y0 / float64(h), (x0 + side) / float64(w), (y0 + side) / float64(h)}
	for y := range h {
		for x := range w {
			g := float64(x+y) / float64(w+h)
			c := color.NRGBA{uint8(90 + 50*g), uint8(110 + 40*g), uint8(130 + 30*g), 255}
			fx, fy := float64(x), float64(y)
			if fx >= x0 && fx < x0+side && fy >= y0 && fy < y0+side {
				switch {
				case skin:
					shade := uint8(20 * (fy - y0) / side)
					c = color.NRGBA{224 - shade, 172 - shade, 138 - shade, 255}
				case (x/3+y/3)%2 == 0:
					c = color.NRGBA{uint8(40 + x*37%180), uint8(30 + y*53%200), 60, 255}
				default:
					c = color.NRGBA{235, 235, 220, 255}
				}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	path := filepath.Join(dir, fmt.Sprintf("p%dx%d-%.2f-%.2f-%.2f-%v.png", w, h, cx, cy, size, skin))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := photo.Probe(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	return info, r
}

// zoomedWindow is the window of a slide's keyframe with the largest zoom:
// where a zoom-in ends.
func zoomedWindow(s Slide) effects.Rect {
	k := s.Motion.Keyframes[0]
	for _, kf := range s.Motion.Keyframes {
		if kf.Zoom > k.Zoom {
			k = kf
		}
	}
	return s.Motion.At(k.At)
}

// TestSmartSynthetic is the proof of smart motion: on photos of landscape,
// portrait and panorama shape with one subject at each of 9 positions and
// 3 sizes, the window a zoom-in ends on contains the subject's centre in at
// least 90% of cases, and never cuts through the subject when a shift
// would avoid it. It prints how often today's random motion misses.
func TestSmartSynthetic(t *testing.T) {
	dir := t.TempDir()
	shapes := []struct {
		name string
		w, h int
	}{{"landscape", 768, 512}, {"portrait", 512, 768}, {"panorama", 1024, 256}}
	var infos []photo.Info
	var regions []region
	var names []string
	for _, sh := range shapes {
		for _, cy := range []float64{0.2, 0.5, 0.8} {
			for _, cx := range []float64{0.2, 0.5, 0.8} {
				for k, size := range []float64{0.08, 0.16, 0.3} {
					skin := (k+int(cx*10)+int(cy*10))%2 == 0
					info, r := synthetic(t, dir, sh.w, sh.h, cx, cy, size, skin)
					infos, regions = append(infos, info), append(regions, r)
					names = append(names, fmt.Sprintf("%s at (%.1f,%.1f) size %.2f skin %v", sh.name, cx, cy, size, skin))
				}
			}
		}
	}
	for _, zoom := range []float64{1.2, 2} {
		t.Run(fmt.Sprintf("zoom %g", zoom), func(t *testing.T) {
			o := DefaultOptions()
			o.Zoom, o.Fit = zoom, setting.FitCrop
			o.Motion = presets.ZoomInSmart
			smart, err := planPhotos(infos, o)
			if err != nil {
				t.Fatal(err)
			}
			o.Motion = presets.MotionRandom
			random, err := planPhotos(infos, o)
			if err != nil {
				t.Fatal(err)
			}
			const tol = 1.0 / 64 // a cell of the interest map
			missed, randomMissed := 0, 0
			for i, r := range regions {
				cx, cy := r.center()
				contains := func(w effects.Rect) bool {
					return cx >= w.X && cx <= w.X+w.W && cy >= w.Y && cy <= w.Y+w.H
				}
				w := zoomedWindow(smart.Slides[i])
				if !contains(w) {
					missed++
					t.Logf("missed: %s: window %+v", names[i], w)
				}
				if !contains(zoomedWindow(random.Slides[i])) {
					randomMissed++
				}
				fits := r.x1-r.x0 <= w.W && r.y1-r.y0 <= w.H
				overlaps := r.x1 > w.X+tol && r.x0 < w.X+w.W-tol && r.y1 > w.Y+tol && r.y0 < w.Y+w.H-tol
				inside := r.x0 >= w.X-tol && r.x1 <= w.X+w.W+tol && r.y0 >= w.Y-tol && r.y1 <= w.Y+w.H+tol
				if fits && overlaps && !inside {
					t.Errorf("%s: window %+v cuts the subject %+v, which it could hold whole", names[i], w, r)
				}
			}
			n := len(regions)
			t.Logf("zoom %g: smart misses the subject's centre in %d of %d photos (%.0f%%); random motion in %d (%.0f%%)",
				zoom, missed, n, 100*float64(missed)/float64(n), randomMissed, 100*float64(randomMissed)/float64(n))
			if float64(missed) > 0.1*float64(n) {
				t.Errorf("smart motion missed %d of %d subjects, more than 10%%", missed, n)
			}
		})
	}
}

// TestSmartDeterministic plans the same photos without a cache, then
// filling one and reading it, and wants byte-identical plans; another seed
// changes them.
func TestSmartDeterministic(t *testing.T) {
	dir := t.TempDir()
	var infos []photo.Info
	for i, c := range [][2]float64{{0.2, 0.3}, {0.7, 0.6}, {0.5, 0.8}} {
		info, _ := synthetic(t, dir, 600, 400+200*i, c[0], c[1], 0.2, i%2 == 0)
		infos = append(infos, info)
	}
	c := &cache.Cache{Dir: t.TempDir()}
	plan := func(seed int64, c *cache.Cache) string {
		o := DefaultOptions()
		o.Seed, o.Cache = seed, c
		p, err := Build(context.Background(), FromPhotos(infos), o)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(p.Document())
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	a := plan(1, nil)
	for _, what := range []string{"filling the cache", "from the cache"} {
		if b := plan(1, c); a != b {
			t.Errorf("%s, the same seed gave another plan:\n%s\n%s", what, a, b)
		}
	}
	if plan(2, nil) == a {
		t.Errorf("another seed gave the same plan")
	}
}

// TestSmartCorpus pins the windows smart motion chooses for ten photos of
// the shared corpus, landscapes, portraits and a panorama among them, in
// testdata/smart-corpus.golden (go test -update rewrites it).
func TestSmartCorpus(t *testing.T) {
	dir := testenv.Corpus(t, "photos")
	names := []string{
		"IMG_0001", "evening glow 18:45, boats.jpg", "grayscale-architecture.jpg",
		"landscape-3x2-storm-canon.jpg", "panorama-4x1-bridge-beach.jpg", "portrait-2x3-wine-odd-height.jpg",
		"portrait-exif6-dogs.jpg", "small-640x427-rocket-adobergb-icc.jpg", "square-512-astronaut.png",
		"webp-ladybird.webp",
	}
	var infos []photo.Info
	for _, n := range names {
		info, err := photo.Probe(filepath.Join(dir, n), 0)
		if err != nil {
			t.Fatal(err)
		}
		infos = append(infos, info)
	}
	p, err := planPhotos(infos, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, s := range p.Slides {
		fmt.Fprintf(&b, "%s\n", names[i])
		if r := s.Interest; r != nil {
			fmt.Fprintf(&b, "  interest x=%.4f y=%.4f w=%.4f h=%.4f\n", r.X, r.Y, r.W, r.H)
		}
		for _, k := range s.Motion.Keyframes {
			w := s.Motion.At(k.At)
			fmt.Fprintf(&b, "  at=%g zoom=%.4f window x=%.4f y=%.4f w=%.4f h=%.4f ease=%s\n", k.At, k.Zoom, w.X, w.Y, w.W, w.H, k.Ease)
		}
	}
	golden.Check(t, filepath.Join("testdata", "smart-corpus.golden"), b.String())
}
