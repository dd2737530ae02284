package setting

import (
	"math"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		w, h    int
		wantErr string
	}{
		{"1920x1080", 1920, 1080, ""},
		{"1280X720", 1280, 720, ""},
		{"16x16", 16, 16, ""},
		{"8192x8192", 8192, 8192, ""},
		{"8194x16", 0, 0, `invalid size "8194x16": width and height must be even numbers from 16 to 8192`},
		{"14x16", 0, 0, `invalid size "14x16": width and height must be even numbers from 16 to 8192`},
		{"1921x1080", 0, 0, `invalid size "1921x1080": width and height must be even numbers from 16 to 8192`},
		{"99999999999999999999x16", 0, 0, `invalid size "99999999999999999999x16": width and height must be even numbers from 16 to 8192`},
		{"1080p", 0, 0, `invalid size "1080p": want WIDTHxHEIGHT such as 1920x1080`},
		{"-16x16", 0, 0, `invalid size "-16x16": want WIDTHxHEIGHT such as 1920x1080`},
		{"+16x16", 0, 0, `invalid size "+16x16": want WIDTHxHEIGHT such as 1920x1080`},
		{"16x16x16", 0, 0, `invalid size "16x16x16": want WIDTHxHEIGHT such as 1920x1080`},
		{"1920x1080junk", 0, 0, `invalid size "1920x1080junk": want WIDTHxHEIGHT such as 1920x1080`},
		{"x", 0, 0, `invalid size "x": want WIDTHxHEIGHT such as 1920x1080`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, h, err := ParseSize(tt.in)
			if msg := errText(err); msg != tt.wantErr || w != tt.w || h != tt.h {
				t.Errorf("ParseSize(%q) = %d, %d, %q; want %d, %d, %q", tt.in, w, h, msg, tt.w, tt.h, tt.wantErr)
			}
		})
	}
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		wantErr string
	}{
		{"size ok", CheckSize(640, 360), ""},
		{"size odd", CheckSize(641, 360), "invalid size 641x360: width and height must be even numbers from 16 to 8192"},
		{"zoom 1", CheckZoom(1), ""},
		{"zoom 10", CheckZoom(10), ""},
		{"zoom low", CheckZoom(0.9), "zoom 0.9: want 1 to 10"},
		{"zoom high", CheckZoom(10.5), "zoom 10.5: want 1 to 10"},
		{"zoom NaN", CheckZoom(math.NaN()), "zoom NaN: want 1 to 10"},
		{"zoom Inf", CheckZoom(math.Inf(1)), "zoom +Inf: want 1 to 10"},
		{"keyframe zoom small", CheckKeyframeZoom(0.01), ""},
		{"keyframe zoom 100", CheckKeyframeZoom(100), ""},
		{"keyframe zoom 0", CheckKeyframeZoom(0), "keyframe zoom 0: want above 0, at most 100"},
		{"keyframe zoom high", CheckKeyframeZoom(101), "keyframe zoom 101: want above 0, at most 100"},
		{"keyframe zoom NaN", CheckKeyframeZoom(math.NaN()), "keyframe zoom NaN: want above 0, at most 100"},
		{"crf 0", CheckCRF(0), ""},
		{"crf 63", CheckCRF(63), ""},
		{"crf -1", CheckCRF(-1), "crf -1: want 0 to 63"},
		{"crf 64", CheckCRF(64), "crf 64: want 0 to 63"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if msg := errText(tt.err); msg != tt.wantErr {
				t.Errorf("got %q, want %q", msg, tt.wantErr)
			}
		})
	}
}
