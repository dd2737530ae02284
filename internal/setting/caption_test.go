package setting

import "testing"

func TestParseTextSize(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr string
	}{
		{"5%", 0.05, ""},
		{"0.05", 0.05, ""},
		{" 12.5 % ", 0.125, ""},
		{"1%", 0.01, ""},
		{"50%", 0.5, ""},
		{"0.5%", 0, "text size 0.005 is out of range: want 0.01 to 0.5 of the frame's height (1% to 50%)"},
		{"80%", 0, "text size 0.8 is out of range: want 0.01 to 0.5 of the frame's height (1% to 50%)"},
		{"big", 0, `text size "big" is not a percentage of the frame's height such as 5% (or a fraction such as 0.05)`},
		{"NaN", 0, `text size "NaN" is not a percentage of the frame's height such as 5% (or a fraction such as 0.05)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTextSize(tt.in)
			if msg := errText(err); msg != tt.wantErr {
				t.Errorf("error %q, want %q", msg, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("got %g, want %g", got, tt.want)
			}
		})
	}
}
