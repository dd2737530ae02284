package onset

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// synth makes secs seconds of mono audio at SampleRate: a quiet hum and a
// little noise, with an event of kind at each of the times.
func synth(secs float64, at []float64, kind string) []float32 {
	r := rand.New(rand.NewPCG(1, 2))
	s := make([]float32, int(secs*SampleRate))
	for i := range s {
		s[i] = float32(0.05*math.Sin(2*math.Pi*110*float64(i)/SampleRate) + 0.002*r.NormFloat64())
	}
	for _, t := range at {
		start := int(t * SampleRate)
		switch kind {
		case "click": // 2 ms of full-scale square wave
			for i := 0; i < SampleRate/500 && start+i < len(s); i++ {
				s[start+i] += float32(0.8 * float64(1-2*(i/4%2)))
			}
		case "note": // a decaying 880 Hz tone
			for i := 0; i < SampleRate && start+i < len(s); i++ {
				x := float64(i) / SampleRate
				s[start+i] += float32(0.5 * math.Exp(-x*8) * math.Sin(2*math.Pi*880*x))
			}
		case "noise": // a burst of noise, as a snare
			for i := 0; i < SampleRate/10 && start+i < len(s); i++ {
				s[start+i] += float32(0.4 * math.Exp(-float64(i)/SampleRate*30) * r.NormFloat64())
			}
		}
	}
	return s
}

func TestDetect(t *testing.T) {
	times := []float64{0.5, 1.25, 2.0, 2.15, 3.333, 4.9}
	for _, kind := range []string{"click", "note", "noise"} {
		t.Run(kind, func(t *testing.T) {
			got := Detect(synth(6, times, kind), SampleRate, Params{})
			if len(got) != len(times) {
				t.Fatalf("found %d onsets %v, want %d at %v", len(got), got, len(times), times)
			}
			for i, g := range got {
				if d := math.Abs(g.Seconds() - times[i]); d > 0.004 {
					t.Errorf("onset %d at %v, want %gs (off by %.1f ms)", i+1, g, times[i], d*1000)
				}
			}
		})
	}
}

func TestDetectQuiet(t *testing.T) {
	tests := []struct {
		name    string
		samples []float32
	}{
		{"silence", make([]float32, 3*SampleRate)},
		{"steady hum", synth(3, nil, "")},
		{"too short", make([]float32, 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.samples, SampleRate, Params{}); len(got) != 0 {
				t.Errorf("found onsets %v in %s", got, tt.name)
			}
		})
	}
}

// TestSparseClicksOverHum: the ripple a steady tone leaves in the flux,
// far from any click, is not taken for onsets.
func TestSparseClicksOverHum(t *testing.T) {
	at := []float64{1.5, 4, 6.5}
	s := synth(8, at, "click")
	for i := range s {
		s[i] += float32(0.1 * math.Sin(2*math.Pi*220*float64(i)/SampleRate))
	}
	if got := Detect(s, SampleRate, Params{}); len(got) != len(at) {
		t.Errorf("found %v, want onsets at %v", got, at)
	}
}

// TestSteadyChord: a held chord beats, which ripples the flux; it has no
// onsets after its start.
func TestSteadyChord(t *testing.T) {
	s := make([]float32, 6*SampleRate)
	for i := range s {
		x := float64(i) / SampleRate
		s[i] = float32(0.15*math.Sin(2*math.Pi*220*x) + 0.12*math.Sin(2*math.Pi*277.18*x) + 0.1*math.Sin(2*math.Pi*329.63*x))
	}
	if got := Detect(s, SampleRate, Params{}); len(got) != 0 {
		t.Errorf("found onsets %v in a held chord", got)
	}
}

// TestQuiet: onsets are found in quiet music as in loud.
func TestQuiet(t *testing.T) {
	at := []float64{0.5, 1.25, 2.0}
	s := synth(3, at, "note")
	for i := range s {
		s[i] *= 0.01 // -40 dB
	}
	if got := Detect(s, SampleRate, Params{}); len(got) != len(at) {
		t.Errorf("found %v at -40 dB, want onsets at %v", got, at)
	}
}

func TestMinGap(t *testing.T) {
	got := Detect(synth(2, []float64{0.5, 0.6, 1.5}, "click"), SampleRate, Params{MinGap: 200 * time.Millisecond})
	if len(got) != 2 {
		t.Errorf("found %v, want 2 onsets 200ms apart at least", got)
	}
}

func BenchmarkDetect(b *testing.B) {
	s := synth(60, []float64{1, 2, 3, 4, 5, 30, 45}, "note")
	for b.Loop() {
		Detect(s, SampleRate, Params{})
	}
}
