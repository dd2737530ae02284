package setting

import "testing"

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"0", 0, false},
		{"1024", 1024, false},
		{"500M", 500 << 20, false},
		{"4G", 4 << 30, false},
		{"4GiB", 4 << 30, false},
		{"1.5k", 1536, false},
		{"2T", 2 << 40, false},
		{"-1G", 0, true},
		{"lots", 0, true},
		{"", 0, true},
		{"99999999T", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseBytes(tt.in)
			if (err != nil) != tt.bad || got != tt.want {
				t.Errorf("ParseBytes(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.bad)
			}
			if !tt.bad && tt.want >= 1024 {
				if back, err := ParseBytes(FormatBytes(got)); err != nil || back < got*99/100 || back > got*101/100 {
					t.Errorf("FormatBytes(%d) = %q reads back as %d", got, FormatBytes(got), back)
				}
			}
		})
	}
}
