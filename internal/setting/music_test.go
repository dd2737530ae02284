package setting

import (
	"math"
	"testing"
)

func TestParseVolume(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr string
	}{
		{"1", 1, ""},
		{"0.5", 0.5, ""},
		{"-6dB", math.Pow(10, -6.0/20), ""},
		{"+3 dB", math.Pow(10, 3.0/20), ""},
		{"0db", 1, ""},
		{"-60dB", 0.001, ""},
		{"24dB", math.Pow(10, 24.0/20), ""},
		{"0.001", 0.001, ""},
		{"-61dB", 0, `"-61dB" is out of range: want -60dB to +24dB`},
		{"25dB", 0, `"25dB" is out of range: want -60dB to +24dB`},
		{"0", 0, "volume 0 is out of range: want -60dB to +24dB"},
		{"-0.5", 0, "volume -0.5 is out of range: want -60dB to +24dB"},
		{"20", 0, "volume 20 is out of range: want -60dB to +24dB"},
		{"loud", 0, `"loud" is not a volume: write decibels such as -6dB or a factor such as 0.5`},
		{"NaN", 0, `"NaN" is not a volume: write decibels such as -6dB or a factor such as 0.5`},
		{"infdB", 0, `"infdB" is not a volume: write decibels such as -6dB or a factor such as 0.5`},
		{"", 0, `"" is not a volume: write decibels such as -6dB or a factor such as 0.5`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseVolume(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ParseVolume(%q) error = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("ParseVolume(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormatVolume(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want string
	}{{1, "0dB"}, {0.5, "-6.02dB"}, {2, "6.02dB"}, {0.001, "-60dB"}} {
		if got := FormatVolume(tt.f); got != tt.want {
			t.Errorf("FormatVolume(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestParseMusicModes(t *testing.T) {
	if f, err := ParseMusicFit("loop"); err != nil || f != MusicFitLoop {
		t.Errorf("ParseMusicFit(loop) = %q, %v", f, err)
	}
	if _, err := ParseMusicFit("musik"); err == nil || err.Error() != `unknown music fit "musik" (did you mean "music"?)` {
		t.Errorf("ParseMusicFit(musik): %v", err)
	}
	if s, err := ParseSync("beats"); err != nil || s != SyncBeats {
		t.Errorf("ParseSync(beats) = %q, %v", s, err)
	}
	if _, err := ParseSync("bars"); err == nil {
		t.Error("ParseSync(bars) accepted")
	}
}
