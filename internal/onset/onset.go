// Package onset finds the onsets of music, the moments where a note, a
// beat or a click starts, in mono PCM samples. It is pure Go: the caller
// decodes the audio (internal/render runs ffmpeg for it).
//
// Detection is spectral flux: the samples are cut into overlapping
// windows, each window's spectrum is compressed logarithmically, and the
// flux of a window is how much its spectrum rose over the previous
// window's, summed over frequencies, after the samples were brought to
// one loudness. Onsets are the peaks of the flux that
// stand above its local mean. A peak only says which window an onset is
// in, so each is then placed on the sample scale, at the steepest rise of
// the short-term energy inside that window.
package onset

import (
	"math"
	"slices"
	"time"
)

// Window and hop of the spectral flux, in samples: at the SampleRate the
// decoder is asked for, 23 ms windows every 5.8 ms.
const (
	window = 512
	hop    = 128
)

// level is the RMS level the samples are brought to before their
// spectra are compared.
const level = 0.1

// minFlux is the least flux an onset has. At level, a new note or a drum
// raises dozens of frequencies by a factor of several, a flux of 20 and
// more, where the beating of a steady chord and a codec's noise ripple it
// by less than 5.
const minFlux = 8

// SampleRate is the rate Detect is tuned for: high enough for the
// spectrum of drums and clicks, low enough to decode and analyse a song in
// a fraction of a second.
const SampleRate = 22050

// Params tune Detect; the zero value uses the defaults.
type Params struct {
	// Threshold is how far above the local mean of the flux a peak must
	// stand, as a factor of the mean; 0 means 1.5.
	Threshold float64
	// MinGap is the shortest time between two onsets; 0 means 100 ms.
	MinGap time.Duration
}

// Detect returns the onsets of the mono samples at rate in time order.
func Detect(samples []float32, rate int, prm Params) []time.Duration {
	if prm.Threshold == 0 {
		prm.Threshold = 1.5
	}
	if prm.MinGap == 0 {
		prm.MinGap = 100 * time.Millisecond
	}
	flux := Flux(samples)
	if len(flux) == 0 {
		return nil
	}
	// The local mean over half a second either side, and floors: from
	// the whole signal, so that silence with a little noise gives none,
	// and from the strongest onset within three seconds, so that the
	// ripple a steady tone leaves in the flux is not taken for onsets
	// near real ones.
	half := max(1, rate/2/hop)
	wide := max(1, 3*rate/hop)
	var total, top float64
	for _, f := range flux {
		total += f
		top = max(top, f)
	}
	floor := max(0.1*total/float64(len(flux)), 0.005*top, minFlux)
	prefix := make([]float64, len(flux)+1)
	for i, f := range flux {
		prefix[i+1] = prefix[i] + f
	}
	gap := int(prm.MinGap.Seconds() * float64(rate))
	var out []time.Duration
	last := -gap - 1
	for i := 1; i < len(flux)-1; i++ {
		f := flux[i]
		if f < flux[i-1] || f <= flux[i+1] {
			continue // not a peak
		}
		lo, hi := max(0, i-half), min(len(flux), i+half+1)
		mean := (prefix[hi] - prefix[lo]) / float64(hi-lo)
		if f < prm.Threshold*mean || f < floor || f < 0.05*slices.Max(flux[max(0, i-wide):min(len(flux), i+wide+1)]) {
			continue
		}
		at := refine(samples, i)
		if at-last < gap {
			continue
		}
		last = at
		out = append(out, time.Duration(float64(at)/float64(rate)*float64(time.Second)))
	}
	return out
}

// Flux returns the spectral flux of samples: one value per hop, the
// value at i being the rise from the window at (i-1)·hop to the window at
// i·hop.
func Flux(samples []float32) []float64 {
	n := (len(samples) - window) / hop
	if n < 2 {
		return nil
	}
	// The samples are brought to one loudness, so that the flux of an
	// onset is about the same in quiet music and loud.
	var sum float64
	for _, x := range samples {
		sum += float64(x) * float64(x)
	}
	gain := 1.0
	if r := math.Sqrt(sum / float64(len(samples))); r > 1e-6 {
		gain = level / r
	}
	hann := make([]float64, window)
	for i := range hann {
		hann[i] = gain * (0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(window)))
	}
	tw := newTwiddles(window)
	re, im := make([]float64, window), make([]float64, window)
	prev, cur := make([]float64, window/2), make([]float64, window/2)
	flux := make([]float64, n+1)
	for t := 0; t <= n; t++ {
		off := t * hop
		for i := range re {
			re[i], im[i] = float64(samples[off+i])*hann[i], 0
		}
		fft(re, im, tw)
		var sum float64
		for k := range cur {
			cur[k] = math.Log1p(math.Hypot(re[k], im[k]))
			if t > 0 {
				sum += max(0, cur[k]-prev[k])
			}
		}
		flux[t] = sum
		prev, cur = cur, prev
	}
	return flux
}

// refine places the onset whose flux peaks at window t on the sample
// scale: at the steepest rise of the energy of short blocks, searched
// over the part of the window that is new since the window before, and
// the hop either side.
func refine(samples []float32, t int) int {
	const block = 32
	lo := max(0, t*hop+window-2*hop-block)
	hi := min(len(samples)-block, t*hop+window+hop)
	best, bestRise := t*hop+window/2, -1.0
	energy := func(at int) float64 {
		var e float64
		for _, s := range samples[at : at+block] {
			e += float64(s) * float64(s)
		}
		return e
	}
	for at := lo + block; at <= hi; at += block / 4 {
		if rise := energy(at) - energy(at-block); rise > bestRise {
			best, bestRise = at, rise
		}
	}
	return best
}

// twiddles are the cosines and sines an FFT of n points multiplies by.
type twiddles struct{ cos, sin []float64 }

func newTwiddles(n int) twiddles {
	t := twiddles{make([]float64, n/2), make([]float64, n/2)}
	for k := range t.cos {
		t.cos[k], t.sin[k] = math.Cos(-2*math.Pi*float64(k)/float64(n)), math.Sin(-2*math.Pi*float64(k)/float64(n))
	}
	return t
}

// fft transforms re and im in place; their length is a power of two, the
// n of tw.
func fft(re, im []float64, tw twiddles) {
	n := len(re)
	for i, j := 1, 0; i < n; i++ {
		bit := n >> 1
		for ; j&bit != 0; bit >>= 1 {
			j ^= bit
		}
		j |= bit
		if i < j {
			re[i], re[j] = re[j], re[i]
			im[i], im[j] = im[j], im[i]
		}
	}
	for size := 2; size <= n; size <<= 1 {
		stride := n / size
		for start := 0; start < n; start += size {
			for k := 0; k < size/2; k++ {
				wr, wi := tw.cos[k*stride], tw.sin[k*stride]
				a, b := start+k, start+k+size/2
				tr := wr*re[b] - wi*im[b]
				ti := wr*im[b] + wi*re[b]
				re[b], im[b] = re[a]-tr, im[a]-ti
				re[a], im[a] = re[a]+tr, im[a]+ti
			}
		}
	}
}
