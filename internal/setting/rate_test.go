package setting

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		want    Rate
		wantErr string
	}{
		{"30", Rate{30, 1}, ""},
		{"25", Rate{25, 1}, ""},
		{"1", Rate{1, 1}, ""},
		{"240", Rate{240, 1}, ""},
		{" 30 ", Rate{30, 1}, ""},
		{"30.0", Rate{30, 1}, ""},
		{"30000/1001", Rate{30000, 1001}, ""},
		{"60000/2002", Rate{30000, 1001}, ""},
		{"50/2", Rate{25, 1}, ""},
		{"29.97", Rate{30000, 1001}, ""},
		{"29.970", Rate{30000, 1001}, ""},
		{"29.97003", Rate{30000, 1001}, ""},
		{"23.976", Rate{24000, 1001}, ""},
		{"23.98", Rate{24000, 1001}, ""},
		{"47.952", Rate{48000, 1001}, ""},
		{"59.94", Rate{60000, 1001}, ""},
		{"119.88", Rate{120000, 1001}, ""},
		{"12.5", Rate{25, 2}, ""},
		{"29.96", Rate{749, 25}, ""},
		{"59.9", Rate{599, 10}, ""}, // one place is too few to mean NTSC
		{"0.5", Rate{}, `fps "0.5": want 1 to 240`},
		{"0", Rate{}, `fps "0": want 1 to 240`},
		{"241", Rate{}, `fps "241": want 1 to 240`},
		{"240.01", Rate{}, `fps "240.01": want 1 to 240`},
		{"1000/1", Rate{}, `fps "1000/1": want 1 to 240`},
		{"99999999999999999999", Rate{}, `fps "99999999999999999999": want 1 to 240`},
		{"60000001/2000000", Rate{}, `fps "60000001/2000000": the denominator must be at most 1001000`},
		{"30.0000001", Rate{}, `fps "30.0000001": the denominator must be at most 1001000`},
		{"30/0", Rate{}, `"30/0" is not a frame rate: write 30, 29.97 or 30000/1001`},
		{"-30", Rate{}, `"-30" is not a frame rate: write 30, 29.97 or 30000/1001`},
		{"30.", Rate{}, `"30." is not a frame rate: write 30, 29.97 or 30000/1001`},
		{".5", Rate{}, `".5" is not a frame rate: write 30, 29.97 or 30000/1001`},
		{"3e1", Rate{}, `"3e1" is not a frame rate: write 30, 29.97 or 30000/1001`},
		{"30fps", Rate{}, `"30fps" is not a frame rate: write 30, 29.97 or 30000/1001`},
		{"1.5/2", Rate{}, `"1.5/2" is not a frame rate: write 30, 29.97 or 30000/1001`},
		{"30.0000000000001", Rate{}, `"30.0000000000001" is not a frame rate: write 30, 29.97 or 30000/1001`},
		{"", Rate{}, `"" is not a frame rate: write 30, 29.97 or 30000/1001`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRate(tt.in)
			if msg := errText(err); msg != tt.wantErr || got != tt.want {
				t.Errorf("ParseRate(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.wantErr)
			}
			if err != nil {
				return
			}
			if back, err := ParseRate(got.String()); err != nil || back != got {
				t.Errorf("ParseRate(%q) = %v, %v; want %v", got.String(), back, err, got)
			}
		})
	}
}

func TestCheckRate(t *testing.T) {
	tests := []struct {
		in      Rate
		wantErr string
	}{
		{Rate{30, 1}, ""},
		{Rate{60, 2}, ""}, // not reduced, but a rate all the same
		{Rate{240240, 1001}, ""},
		{Rate{240241, 1001}, "fps 240241/1001: want 1 to 240"},
		{Rate{1000, 1001}, "fps 1000/1001: want 1 to 240"},
		{Rate{}, "fps 0/0: want 1 to 240"},
		{Rate{30, -1}, "fps 30/-1: want 1 to 240"},
		{Rate{-30, 1}, "fps -30: want 1 to 240"},
		{Rate{math.MaxInt, math.MaxInt}, "fps 9223372036854775807/9223372036854775807: the denominator must be at most 1001000"},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			if msg := errText(CheckRate(tt.in)); msg != tt.wantErr {
				t.Errorf("CheckRate(%v) = %q, want %q", tt.in, msg, tt.wantErr)
			}
		})
	}
}

func TestRateFrame(t *testing.T) {
	ntsc := Rate{30000, 1001}
	tests := []struct {
		name string
		r    Rate
		d    time.Duration
		want int
	}{
		{"zero", ntsc, 0, 0},
		{"1001 s of NTSC", ntsc, 1001 * time.Second, 30000},
		{"1000 hours of NTSC", ntsc, 1000 * 1001 * 3600 * time.Second / 1000, 30000 * 3600},
		{"just under half a frame", Rate{30, 1}, time.Second/60 - 1, 0},
		{"exactly half a frame", Rate{25, 1}, 20 * time.Millisecond, 1},
		{"exactly one and a half frames", Rate{25, 1}, 60 * time.Millisecond, 2},
		{"negative half rounds away from zero", Rate{25, 1}, -20 * time.Millisecond, -1},
		{"NTSC half frame", ntsc, 1001 * time.Second / 60000, 0},          // 16683333.3 ns truncated: just under half
		{"NTSC half frame and a ns", ntsc, 1001*time.Second/60000 + 1, 1}, // just over half
		{"largest duration", Rate{240, 1}, math.MaxInt64, 2213609288845},
		{"huge numerator", Rate{240 * MaxRateDen, MaxRateDen}, math.MaxInt64, 2213609288845},
		{"denominator beyond 64 bits of nanoseconds", Rate{math.MaxInt64, math.MaxInt64 / 2}, 3 * time.Second, 6},
		{"smallest duration", Rate{240, 1}, math.MinInt64, -2213609288845},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Frame(tt.d); got != tt.want {
				t.Errorf("%v.Frame(%d) = %d, want %d", tt.r, int64(tt.d), got, tt.want)
			}
		})
	}
}

func TestRateTime(t *testing.T) {
	ntsc := Rate{30000, 1001}
	tests := []struct {
		name  string
		r     Rate
		frame int
		want  time.Duration
	}{
		{"zero", ntsc, 0, 0},
		{"one NTSC frame", ntsc, 1, 33366667}, // 33366666.67 ns
		{"30000 NTSC frames", ntsc, 30000, 1001 * time.Second},
		{"a million hours of frames", Rate{24, 1}, 24 * 3600 * 1000, 1000 * time.Hour},
		{"negative rounds away from zero", ntsc, -1, -33366667},
		{"clamps", Rate{1, 1}, math.MaxInt, math.MaxInt64},
		{"clamps below", Rate{1, 1}, math.MinInt, math.MinInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Time(tt.frame); got != tt.want {
				t.Errorf("%v.Time(%d) = %d, want %d", tt.r, tt.frame, int64(got), int64(tt.want))
			}
		})
	}
}

// TestRateRoundTrip checks that the frame starting at Time(n) is n, for
// every rate a user can ask for.
func TestRateRoundTrip(t *testing.T) {
	for _, s := range []string{"1", "23.976", "24", "25", "29.97", "30", "47.952", "59.94", "60", "119.88", "12.5", "240", "7/3"} {
		t.Run(s, func(t *testing.T) {
			r, err := ParseRate(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range []int{0, 1, 2, 999, 1000, 1001, 123456, r.Frame(MaxDuration), 1 << 30} {
				if got := r.Frame(r.Time(n)); got != n {
					t.Errorf("Frame(Time(%d)) = %d", n, got)
				}
			}
		})
	}
}

// TestMulDiv checks the 128-bit arithmetic against math/big.
func TestMulDiv(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	edges := []int64{0, 1, -1, 2, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}
	for i := range 100000 {
		x := int64(rng.Uint64())
		m := rng.Uint64() >> rng.IntN(64)
		d := rng.Uint64()>>rng.IntN(64) | 1
		if i < len(edges)*len(edges) {
			x = edges[i%len(edges)]
			m = uint64(edges[i/len(edges)]) | 1
		}
		if i%3 == 0 {
			d = m * uint64(rng.IntN(4)+1) / 2 // ties
			d |= 1 << rng.IntN(3)
		}
		want := bigMulDiv(x, new(big.Int).SetUint64(m), new(big.Int).SetUint64(d))
		if got := mulDiv(x, m, d); got != want {
			t.Fatalf("mulDiv(%d, %d, %d) = %d, want %d", x, m, d, got, want)
		}
	}
}

func TestRateText(t *testing.T) {
	tests := []struct {
		r     Rate
		text  string
		float float64
	}{
		{Rate{30, 1}, "30", 30},
		{Rate{30000, 1001}, "30000/1001", 30000.0 / 1001},
		{Rate{25, 2}, "25/2", 12.5},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := tt.r.MarshalText()
			if err != nil || string(b) != tt.text {
				t.Errorf("MarshalText = %q, %v", b, err)
			}
			var r Rate
			if err := r.UnmarshalText(b); err != nil || r != tt.r {
				t.Errorf("UnmarshalText(%q) = %v, %v", b, r, err)
			}
			if r.Float() != tt.float {
				t.Errorf("Float = %g, want %g", r.Float(), tt.float)
			}
			if got := r.Seconds(r.Num); got != float64(r.Den) {
				t.Errorf("Seconds(%d) = %g, want %d", r.Num, got, r.Den)
			}
		})
	}
	var r Rate
	var v flagValue = &r
	if err := v.Set("29.97"); err != nil || r != (Rate{30000, 1001}) || v.Type() != "fps" {
		t.Errorf("Set(29.97): %v, %v, %q", err, r, v.Type())
	}
	if err := v.Set("300"); err == nil || r != (Rate{30000, 1001}) {
		t.Errorf("Set(300) = %v and left %v", err, r)
	}
}

func TestRatePanics(t *testing.T) {
	for _, r := range []Rate{{}, {30, 0}, {-30, 1}, {30, -1}} {
		t.Run(r.String(), func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%v.Frame did not panic", r)
				}
			}()
			r.Frame(time.Second)
		})
	}
}
