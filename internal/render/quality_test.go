package render_test

// Quality proofs for issue 3: the smooth engine moves the photo without
// jitter, zoompan does not, and the strongest zoom keeps the photo's
// detail. Each test renders a tiny video with the real Renderer, decodes it
// with ffmpeg and measures the frames.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/disintegration/imaging"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/testenv"
	"github.com/kenburns/kenburns/slideshow"
)

const (
	qualityW, qualityH = 320, 180
	qualityFPS         = 30 // frames per second of the quality renders
	// jitterBound is the largest RMS deviation from the planned trajectory,
	// in output pixels, that still looks smooth; the lab measured about
	// 0.002 for sub-pixel sampling and 0.3 for zoompan.
	jitterBound = 0.05
	// ssimBound is the least luma SSIM against a full-resolution reference
	// at the strongest zoom.
	ssimBound = 0.97
)

// qualityDot is a Gaussian dot of the smoothness pattern, centred at (U, V)
// in fractions of the photo (continuous coordinates: pixel i covers
// [i, i+1), so its centre is i+0.5).
type qualityDot struct{ U, V float64 }

// gaussianDotsPhoto writes a grey photo of w x h with Gaussian dots of
// standard deviation sigma photo pixels on a jittered grid, and returns the
// dots. The background is mid-grey rather than black so that the resampling
// filters' undershoot is not clipped, which would bias the centroids.
func gaussianDotsPhoto(t *testing.T, path string, w, h int, spacing, sigma float64) []qualityDot {
	t.Helper()
	const back, peak = 60.0, 170.0
	rng := rand.New(rand.NewPCG(3, 3))
	var dots []qualityDot
	val := make([]float64, w*h)
	for i := range val {
		val[i] = back
	}
	reach := int(math.Ceil(5 * sigma))
	for gy := spacing / 2; gy < float64(h)-spacing/4; gy += spacing {
		for gx := spacing / 2; gx < float64(w)-spacing/4; gx += spacing {
			// Jitter spreads the dots over all sub-pixel phases, so the
			// test does not measure one lucky phase.
			px := gx + (rng.Float64()-0.5)*spacing/5
			py := gy + (rng.Float64()-0.5)*spacing/5
			dots = append(dots, qualityDot{U: px / float64(w), V: py / float64(h)})
			for y := max(0, int(py)-reach); y < min(h, int(py)+reach+1); y++ {
				for x := max(0, int(px)-reach); x < min(w, int(px)+reach+1); x++ {
					dx, dy := float64(x)+0.5-px, float64(y)+0.5-py
					val[y*w+x] += peak * math.Exp(-(dx*dx+dy*dy)/(2*sigma*sigma))
				}
			}
		}
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i, v := range val {
		img.Pix[i] = uint8(math.Min(255, math.Round(v)))
	}
	qualityWritePNG(t, path, img)
	return dots
}

func qualityWritePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatalf("encode test photo: %v", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatalf("write test photo: %v", err)
	}
}

// qualityRender plans one slide of the photo at path with the keyframes
// ks, renders it losslessly and returns the plan and the decoded luma of
// every frame. CRF 0 is lossless with libx264 in 8-bit 4:2:0 (checked with
// cmp on a decode round trip), so the encoder takes no part in the
// measurement.
func qualityRender(t *testing.T, path string, engine setting.Engine, frames int, ks []effects.Keyframe) (*slideshow.Plan, [][]byte) {
	t.Helper()
	dir := t.TempDir()
	info, err := photo.Probe(path, 0)
	if err != nil {
		t.Fatalf("probe %s: %v", path, err)
	}
	opts := slideshow.DefaultOptions()
	opts.Width, opts.Height, opts.FPS = qualityW, qualityH, setting.Rate{Num: qualityFPS, Den: 1}
	opts.Duration = time.Duration(frames) * time.Second / qualityFPS
	opts.Transition = effects.None
	opts.Motion = "none"
	opts.Fit = setting.FitCrop
	opts.Engine = engine
	opts.CRF = 0
	opts.EncoderPreset = "ultrafast"
	opts.Output = filepath.Join(dir, "out.mp4")
	// The keyframes go through the planner as a storyboard would give
	// them, so that the working copy is sized for them; times are
	// fractions of the slide, which keeps the first and last frames exact.
	motion := &storyboard.MotionSpec{}
	for _, k := range ks {
		z, c := k.Zoom, [2]float64{k.CX, k.CY}
		motion.Keyframes = append(motion.Keyframes, storyboard.KeyframeSpec{
			At: &storyboard.Time{IsFraction: true, Fraction: k.At / float64(frames-1)}, Zoom: &z, Center: &c, Ease: k.Ease,
		})
	}
	sb := slideshow.FromPhotos([]photo.Info{info})
	sb.Slides[0].Setting.Motion = motion
	plan, err := slideshow.Build(t.Context(), sb, opts)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	if plan.Frames != frames {
		t.Fatalf("plan has %d frames, want %d", plan.Frames, frames)
	}
	r := &render.Renderer{Jobs: 1, TempDir: dir}
	if err := r.Render(t.Context(), plan); err != nil {
		t.Fatalf("render %s: %v", engine, err)
	}
	qualityProbeLossless(t, plan.Output, plan.Width, plan.Height)
	luma := qualityDecodeLuma(t, plan.Output, plan.Width, plan.Height)
	if len(luma) != plan.Frames {
		t.Fatalf("decoded %d frames, want %d", len(luma), plan.Frames)
	}
	return plan, luma
}

// qualityProbeLossless checks with ffprobe that the video is w x h yuv420p
// H.264 in the lossless profile: should the encoder settings stop honouring
// CRF 0, these tests would measure x264 instead of the engines.
func qualityProbeLossless(t *testing.T, path string, w, h int) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "ffprobe", "-v", "error", "-select_streams", "v:0",
		"-show_entries", "stream=codec_name,profile,pix_fmt,width,height", "-of", "default=noprint_wrappers=1", "file:"+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v: %s", path, err, stderr.String())
	}
	want := fmt.Sprintf("codec_name=h264\nprofile=High 4:4:4 Predictive\nwidth=%d\nheight=%d\npix_fmt=yuv420p\n", w, h)
	if got := string(out); got != want {
		t.Fatalf("ffprobe %s:\n%s\nwant:\n%s", path, got, want)
	}
}

// qualityDecodeLuma decodes the video at path to raw yuv420p, which is
// what was encoded, so no conversion touches the pixels, and returns each
// frame's Y plane.
func qualityDecodeLuma(t *testing.T, path string, w, h int) [][]byte {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
		"-i", "file:"+path, "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("decode %s: %v: %s", path, err, stderr.String())
	}
	size := w * h * 3 / 2
	if len(out)%size != 0 {
		t.Fatalf("decode %s: %d bytes is not a whole number of %dx%d frames", path, len(out), w, h)
	}
	frames := make([][]byte, len(out)/size)
	for i := range frames {
		frames[i] = out[i*size : i*size+w*h]
	}
	return frames
}

// modeLevel returns the most common value of a plane: the flat background
// between the dots, exactly as the frame has it.
func modeLevel(plane []byte) float64 {
	var hist [256]int
	for _, v := range plane {
		hist[v]++
	}
	best := 0
	for v, n := range hist {
		if n > hist[best] {
			best = v
		}
	}
	return float64(best)
}

// trackResult summarises how far the rendered pattern strayed from the
// plan, in output pixels.
type trackResult struct {
	Raw    float64 // RMS displacement from the exact planned trajectory
	Jitter float64 // the same once the constant part of the error is removed
	BiasX  float64 // mean translation error
	BiasY  float64
	Noise  float64 // RMS of per-dot residuals: the tracker's own noise
	Dots   int     // dots tracked per frame, on average
}

// trackDots measures each frame's pose error. For every dot fully in view,
// the intensity-weighted centroid over a (2r+1)-pixel square is compared
// with where the plan puts the dot: output pixel j's centre is at j+0.5
// and shows photo fraction win.X + (j+0.5)/outW*win.W, the convention the
// renderer uses. Per frame and axis, the errors are fitted by
// e = a*(p-c) + t (a scale and a translation about the frame centre c)
// because a zoom error cancels out in a plain mean over dots spread around
// the centre. The frame's deviation is the RMS over the dots of the fitted
// displacement.
//
// Jitter removes the mean a and t over all frames first: a constant
// offset or scale of the whole video (for example from how the reduced
// working copy rounds) moves nothing between frames and cannot be seen,
// whereas any change from frame to frame, including a wrong speed, stays
// in the measure.
func trackDots(t *testing.T, plan *slideshow.Plan, dots []qualityDot, luma [][]byte, r int) trackResult {
	t.Helper()
	w, h := plan.Width, plan.Height
	m := plan.Slides[0].Motion
	type pose struct {
		ax, tx, ay, ty float64
		px, py         []float64 // ideal dot positions relative to the centre
	}
	poses := make([]pose, len(luma))
	var noise float64
	var noiseN, dotsN int
	cx, cy := float64(w)/2, float64(h)/2
	for n, frame := range luma {
		bg := modeLevel(frame)
		win := m.At(float64(n))
		var ix, iy, ex, ey []float64
		for _, d := range dots {
			x := (d.U - win.X) / win.W * float64(w)
			y := (d.V - win.Y) / win.H * float64(h)
			x0, y0 := int(math.Floor(x))-r, int(math.Floor(y))-r
			if x0 < 0 || y0 < 0 || x0+2*r >= w || y0+2*r >= h {
				continue
			}
			var mass, mx, my float64
			for j := y0; j <= y0+2*r; j++ {
				for i := x0; i <= x0+2*r; i++ {
					v := float64(frame[j*w+i]) - bg
					mass += v
					mx += v * (float64(i) + 0.5)
					my += v * (float64(j) + 0.5)
				}
			}
			if mass <= 0 {
				t.Fatalf("frame %d: no dot near (%.1f, %.1f)", n, x, y)
			}
			ix, iy = append(ix, x-cx), append(iy, y-cy)
			ex, ey = append(ex, mx/mass-x), append(ey, my/mass-y)
		}
		if len(ix) < 10 {
			t.Fatalf("frame %d: only %d dots in view", n, len(ix))
		}
		dotsN += len(ix)
		p := pose{px: ix, py: iy}
		var rx, ry []float64
		p.ax, p.tx, rx = fitLine(ix, ex)
		p.ay, p.ty, ry = fitLine(iy, ey)
		for i := range rx {
			noise += rx[i]*rx[i] + ry[i]*ry[i]
			noiseN++
		}
		poses[n] = p
	}
	var mean pose
	for _, p := range poses {
		mean.ax += p.ax / float64(len(poses))
		mean.tx += p.tx / float64(len(poses))
		mean.ay += p.ay / float64(len(poses))
		mean.ty += p.ty / float64(len(poses))
	}
	dev := func(p pose, ax, tx, ay, ty float64) float64 {
		var s float64
		for i := range p.px {
			dx := ax*p.px[i] + tx
			dy := ay*p.py[i] + ty
			s += dx*dx + dy*dy
		}
		return s / float64(len(p.px))
	}
	var raw, jit float64
	for _, p := range poses {
		raw += dev(p, p.ax, p.tx, p.ay, p.ty)
		jit += dev(p, p.ax-mean.ax, p.tx-mean.tx, p.ay-mean.ay, p.ty-mean.ty)
	}
	return trackResult{
		Raw:    math.Sqrt(raw / float64(len(poses))),
		Jitter: math.Sqrt(jit / float64(len(poses))),
		BiasX:  mean.tx, BiasY: mean.ty,
		Noise: math.Sqrt(noise / float64(noiseN)),
		Dots:  dotsN / len(luma),
	}
}

// fitLine fits e = a*p + b by least squares and returns the residuals.
func fitLine(p, e []float64) (a, b float64, res []float64) {
	n := float64(len(p))
	var sp, se, spp, spe float64
	for i := range p {
		sp += p[i]
		se += e[i]
		spp += p[i] * p[i]
		spe += p[i] * e[i]
	}
	if d := n*spp - sp*sp; d != 0 {
		a = (n*spe - sp*se) / d
	}
	b = (se - a*sp) / n
	res = make([]float64, len(p))
	for i := range p {
		res[i] = e[i] - a*p[i] - b
	}
	return a, b, res
}

// TestSmoothMotion renders a slow pan and a slow zoom of a dot pattern with
// both engines and tracks the dots: the smooth engine must follow the plan
// within jitterBound, and zoompan, whose window sits on whole pixels, must
// not, which shows that the measure can tell them apart.
func TestSmoothMotion(t *testing.T) {
	testenv.NeedFFmpeg(t)
	const frames = 60
	// 4x the output width: at zoom 1 a photo pixel is a quarter of an
	// output pixel, so the working copy is a real reduction, as with
	// camera photos. sigma 6 photo px is 1.5 output px at zoom 1: wide
	// enough that the sampled centroid has no pixel-locking bias, narrow
	// enough that a 17-pixel square holds the whole dot at zoom 1.3.
	const photoW, photoH, sigma, radius = 1280, 720, 6.0, 8
	path := filepath.Join(t.TempDir(), "dots.png")
	dots := gaussianDotsPhoto(t, path, photoW, photoH, 80, sigma)

	motions := []struct {
		name string
		ks   []effects.Keyframe
	}{
		// At zoom 1.25 an output pixel is 0.0025 of the photo's width:
		// the centre moves 24 px right and 4.5 px down over 59 frames,
		// 0.41 px a frame, as in the lab.
		{"pan", []effects.Keyframe{
			{At: 0, Zoom: 1.25, CX: 0.47, CY: 0.49},
			{At: frames - 1, Zoom: 1.25, CX: 0.53, CY: 0.51},
		}},
		{"zoom", []effects.Keyframe{
			{At: 0, Zoom: 1, CX: 0.5, CY: 0.5},
			{At: frames - 1, Zoom: 1.3, CX: 0.5, CY: 0.5},
		}},
	}
	for _, mo := range motions {
		for _, engine := range []setting.Engine{setting.EngineSmooth, setting.EngineZoompan} {
			t.Run(string(engine)+"/"+mo.name, func(t *testing.T) {
				plan, luma := qualityRender(t, path, engine, frames, mo.ks)
				res := trackDots(t, plan, dots, luma, radius)
				t.Logf("%s %s: jitter RMS %.4f px (bound %.2f), raw RMS vs exact plan %.4f px, constant offset (%.4f, %.4f) px, tracker noise %.4f px, %d dots/frame",
					engine, mo.name, res.Jitter, jitterBound, res.Raw, res.BiasX, res.BiasY, res.Noise, res.Dots)
				switch engine {
				case setting.EngineSmooth:
					if res.Jitter >= jitterBound {
						t.Errorf("jitter RMS %.4f px, want < %.2f", res.Jitter, jitterBound)
					}
					// The constant part is excluded from jitter, but the
					// smooth engine should not need the excuse: an offset
					// means the pixel-centre convention is broken somewhere
					// between the plan, the working copy and the sampler.
					if res.Raw >= jitterBound {
						t.Errorf("RMS deviation from the exact plan %.4f px, want < %.2f", res.Raw, jitterBound)
					}
				case setting.EngineZoompan:
					if res.Jitter <= jitterBound {
						t.Errorf("zoompan jitter RMS %.4f px is within the bound %.2f: the test no longer tells whole-pixel steps from smooth motion", res.Jitter, jitterBound)
					}
				}
			})
		}
	}
}

// deadLeavesPhoto writes a w x h "dead leaves" texture: overlapping discs
// with sizes spread like those in natural images, plus fine grain, so that
// there is detail at every scale the zoom shows.
func deadLeavesPhoto(t *testing.T, path string, w, h int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 7))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 128, 128, 128, 255
	}
	const rmin, rmax = 2.0, 160.0
	for range 20000 {
		// Radii with density proportional to r^-3: scale invariance, as
		// measured in natural images.
		rad := 1 / math.Sqrt(1/(rmin*rmin)-rng.Float64()*(1/(rmin*rmin)-1/(rmax*rmax)))
		cx, cy := rng.Float64()*float64(w), rng.Float64()*float64(h)
		c := [3]uint8{uint8(rng.IntN(220) + 20), uint8(rng.IntN(220) + 20), uint8(rng.IntN(220) + 20)}
		for y := max(0, int(cy-rad)); y < min(h, int(cy+rad)+1); y++ {
			for x := max(0, int(cx-rad)); x < min(w, int(cx+rad)+1); x++ {
				dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
				if dx*dx+dy*dy <= rad*rad {
					o := y*img.Stride + x*4
					img.Pix[o], img.Pix[o+1], img.Pix[o+2] = c[0], c[1], c[2]
				}
			}
		}
	}
	for i := 0; i < len(img.Pix); i += 4 {
		g := rng.IntN(17) - 8
		for k := range 3 {
			img.Pix[i+k] = uint8(min(255, max(0, int(img.Pix[i+k])+g)))
		}
	}
	qualityWritePNG(t, path, img)
}

// lumaOf returns the BT.709 limited-range luma of img, unrounded, as the
// renderer computes it.
func lumaOf(img *image.NRGBA) []float64 {
	b := img.Bounds()
	out := make([]float64, 0, b.Dx()*b.Dy())
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			o := y*img.Stride + x*4
			r, g, bl := float64(img.Pix[o]), float64(img.Pix[o+1]), float64(img.Pix[o+2])
			out = append(out, 16+(0.2126*r+0.7152*g+0.0722*bl)*219/255)
		}
	}
	return out
}

// ssimLuma returns the mean SSIM of two w x h luma planes (Wang et al.
// 2004: 11x11 Gaussian windows of sigma 1.5, K1 0.01, K2 0.03, L 255),
// over the windows that lie wholly inside the picture.
func ssimLuma(a, b []float64, w, h int) float64 {
	const radius, sigma = 5, 1.5
	var k [2*radius + 1]float64
	var ks float64
	for i := range k {
		d := float64(i - radius)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		ks += k[i]
	}
	for i := range k {
		k[i] /= ks
	}
	ow, oh := w-2*radius, h-2*radius
	// blur filters with the separable window, keeping only full windows.
	blur := func(f func(i int) float64) []float64 {
		tmp := make([]float64, ow*h)
		for y := 0; y < h; y++ {
			for x := 0; x < ow; x++ {
				var s float64
				for i, kv := range k {
					s += kv * f(y*w+x+i)
				}
				tmp[y*ow+x] = s
			}
		}
		out := make([]float64, ow*oh)
		for y := 0; y < oh; y++ {
			for x := 0; x < ow; x++ {
				var s float64
				for i, kv := range k {
					s += kv * tmp[(y+i)*ow+x]
				}
				out[y*ow+x] = s
			}
		}
		return out
	}
	ma := blur(func(i int) float64 { return a[i] })
	mb := blur(func(i int) float64 { return b[i] })
	aa := blur(func(i int) float64 { return a[i] * a[i] })
	bb := blur(func(i int) float64 { return b[i] * b[i] })
	ab := blur(func(i int) float64 { return a[i] * b[i] })
	const c1, c2 = (0.01 * 255) * (0.01 * 255), (0.03 * 255) * (0.03 * 255)
	var sum float64
	for i := range ma {
		va, vb, cov := aa[i]-ma[i]*ma[i], bb[i]-mb[i]*mb[i], ab[i]-ma[i]*mb[i]
		sum += (2*ma[i]*mb[i] + c1) * (2*cov + c2) / ((ma[i]*ma[i] + mb[i]*mb[i] + c1) * (va + vb + c2))
	}
	return sum / float64(len(ma))
}

// TestSharpZoom renders a zoom from 1 to 2 and compares its last frame,
// at the strongest zoom, with the same window cut from the full-resolution
// photo and reduced to the output size with Lanczos: the working copy must
// keep the detail the strongest zoom shows.
func TestSharpZoom(t *testing.T) {
	testenv.NeedFFmpeg(t)
	cases := []struct {
		name string
		// photo returns the photo's path, or skips.
		photo func(t *testing.T) string
	}{
		{"synthetic-dead-leaves", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "leaves.png")
			deadLeavesPhoto(t, p, 1600, 1200)
			return p
		}},
		{"corpus-picos-de-europa", func(t *testing.T) string {
			return testenv.Corpus(t, "photos/landscape-4x3-picos-de-europa.jpg")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.photo(t)
			info, err := photo.Probe(path, 0)
			if err != nil {
				t.Fatalf("probe: %v", err)
			}
			const frames, zoom = 30, 2.0
			ks, rect := sharpKeyframes(t, info, frames, zoom, 0.42, 0.56)
			plan, luma := qualityRender(t, path, setting.EngineSmooth, frames, ks)

			full, err := photo.Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatalf("load reference photo: %v", err)
			}
			ref := imaging.Resize(imaging.Crop(full, rect), plan.Width, plan.Height, imaging.Lanczos)
			refY := lumaOf(ref)
			got := make([]float64, len(refY))
			for i, v := range luma[len(luma)-1] {
				got[i] = float64(v)
			}
			ssim := ssimLuma(refY, got, plan.Width, plan.Height)

			// A working copy at half the resolution the zoom needs, then
			// enlarged, is the failure this test guards against; the bound
			// must reject it.
			soft := imaging.Resize(imaging.Resize(ref, plan.Width/2, plan.Height/2, imaging.Lanczos), plan.Width, plan.Height, imaging.CatmullRom)
			control := ssimLuma(refY, lumaOf(soft), plan.Width, plan.Height)
			t.Logf("%s: SSIM at zoom %g = %.4f (bound %.2f); working copy %dx%d; control at half resolution %.4f",
				tc.name, zoom, ssim, ssimBound, plan.Slides[0].Work.X, plan.Slides[0].Work.Y, control)
			if ssim < ssimBound {
				t.Errorf("SSIM of the strongest zoom against the full-resolution reference %.4f, want >= %.2f", ssim, ssimBound)
			}
			if control >= ssimBound {
				t.Errorf("half-resolution control scores SSIM %.4f >= %.2f: the bound cannot detect lost detail on this photo", control, ssimBound)
			}
		})
	}
}

// sharpKeyframes returns a zoom from 1 to zoom towards about (cx, cy) whose
// last window lies on whole photo pixels, and that window in photo pixels,
// so that the reference is a plain crop with no resampling of its own
// beyond the final Lanczos reduction.
func sharpKeyframes(t *testing.T, info photo.Info, frames int, zoom, cx, cy float64) ([]effects.Keyframe, image.Rectangle) {
	t.Helper()
	f := effects.CoverFrame(info.Aspect(), float64(qualityW)/qualityH)
	pw, ph := float64(info.Width), float64(info.Height)
	ww, wh := f.BaseW/zoom*pw, f.BaseH/zoom*ph
	if math.Abs(ww-math.Round(ww)) > 1e-6 || math.Abs(wh-math.Round(wh)) > 1e-6 {
		t.Fatalf("window at zoom %g is %gx%g photo pixels; pick a zoom that gives whole pixels", zoom, ww, wh)
	}
	x0, y0 := math.Round(cx*pw-ww/2), math.Round(cy*ph-wh/2)
	ks := []effects.Keyframe{
		{At: 0, Zoom: 1, CX: 0.5, CY: 0.5},
		{At: float64(frames - 1), Zoom: zoom, CX: (x0 + ww/2) / pw, CY: (y0 + wh/2) / ph},
	}
	m := effects.Motion{Frame: f, Keyframes: ks}
	win := m.At(float64(frames - 1))
	rect := image.Rect(int(math.Round(win.X*pw)), int(math.Round(win.Y*ph)),
		int(math.Round((win.X+win.W)*pw)), int(math.Round((win.Y+win.H)*ph)))
	if d := math.Abs(win.X*pw-x0) + math.Abs(win.Y*ph-y0); d > 1e-6 {
		t.Fatalf("last window starts at (%g, %g), want (%g, %g)", win.X*pw, win.Y*ph, x0, y0)
	}
	if rect.Dx() != int(math.Round(ww)) || rect.Dy() != int(math.Round(wh)) {
		t.Fatalf("last window %v, want %gx%g", rect, ww, wh)
	}
	return ks, rect
}
