package setting

import (
	"math"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{"4", 4 * time.Second, ""},
		{"1.5", 1500 * time.Millisecond, ""},
		{" 4s ", 4 * time.Second, ""},
		{"1500ms", 1500 * time.Millisecond, ""},
		{"1m", time.Minute, ""},
		{"1m30s", 90 * time.Second, ""},
		{"1h", time.Hour, ""},
		{"3600", time.Hour, ""},
		{"0", 0, ""},
		{"1e3ms", time.Second, ""},
		{"0.000000001", time.Nanosecond, ""},
		{"0.0000000004", 0, ""},
		{"abc", 0, `"abc" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"", 0, `"" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"4 s", 0, `"4 s" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"4x", 0, `"4x" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"NaN", 0, `"NaN" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"Inf", 0, `"Inf" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"infs", 0, `"infs" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"0x10", 0, `"0x10" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"1e400", 0, `"1e400" is not a length of time: write 4, 4s, 1.5s or 500ms`},
		{"-1s", 0, `"-1s" is negative`},
		{"-1", 0, `"-1" is negative`},
		{"2h", 0, `"2h" is too long: at most 1h`},
		{"3600.001", 0, `"3600.001" is too long: at most 1h`},
		{"1h0m0.000000001s", 0, `"1h0m0.000000001s" is too long: at most 1h`},
		{"9999999999h", 0, `"9999999999h" is too long: at most 1h`},
		{"1e9", 0, `"1e9" is too long: at most 1h`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDuration(tt.in)
			if msg := errText(err); msg != tt.wantErr || got != tt.want {
				t.Errorf("ParseDuration(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.wantErr)
			}
		})
	}
}

func TestSeconds(t *testing.T) {
	tests := []struct {
		name    string
		in      float64
		want    time.Duration
		wantErr string
	}{
		{"whole", 4, 4 * time.Second, ""},
		{"fraction", 0.1, 100 * time.Millisecond, ""},
		{"rounds to the nanosecond", 1.0000000006, time.Second + time.Nanosecond, ""},
		{"limit", 3600, time.Hour, ""},
		{"too long", 3600.5, 0, "3600.5s is too long: at most 1h"},
		{"negative", -0.5, 0, "-0.5s is negative"},
		{"NaN", math.NaN(), 0, "NaNs is not a length of time: write 4, 4s, 1.5s or 500ms"},
		{"Inf", math.Inf(1), 0, "+Infs is not a length of time: write 4, 4s, 1.5s or 500ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Seconds(tt.in)
			if msg := errText(err); msg != tt.wantErr || got != tt.want {
				t.Errorf("Seconds(%g) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.wantErr)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "0s"},
		{500 * time.Millisecond, "500ms"},
		{1500 * time.Millisecond, "1.5s"},
		{time.Minute, "1m"},
		{90 * time.Second, "1m30s"},
		{time.Hour, "1h"},
		{time.Hour + 30*time.Minute, "1h30m"},
		{time.Hour + time.Second, "1h0m1s"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatDuration(tt.in); got != tt.want {
				t.Errorf("FormatDuration(%v) = %q, want %q", tt.in, got, tt.want)
			}
			if d, err := ParseDuration(tt.want); tt.in <= MaxDuration && (err != nil || d != tt.in) {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.want, d, err, tt.in)
			}
		})
	}
}

func TestDurationValue(t *testing.T) {
	d := 4 * time.Second
	v := DurationValue{&d}
	if err := v.Set("2.5"); err != nil || d != 2500*time.Millisecond || v.String() != "2.5s" {
		t.Errorf("after Set(2.5): %v, %v, %q", d, err, v.String())
	}
	if err := v.Set("-1"); err == nil || d != 2500*time.Millisecond {
		t.Errorf("Set(-1) = %v and left %v", err, d)
	}
	if v.Type() != "duration" || (DurationValue{}).String() != "" {
		t.Errorf("Type %q, zero String %q", v.Type(), DurationValue{}.String())
	}
}

// errText is err's message, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
