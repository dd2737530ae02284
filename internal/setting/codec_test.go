package setting

import "testing"

func TestParseCodecQuality(t *testing.T) {
	tests := []struct {
		kind, in, wantErr string
	}{
		{"codec", "vp9", ""},
		{"codec", "h264_nvenc", ""},
		{"codec", "h265", `unknown codec "h265" (did you mean "h264"?)`},
		{"codec", "prores", `unknown codec "prores" (want auto, h264, hevc, vp9, av1, h264_nvenc, hevc_nvenc, h264_vaapi or h264_qsv)`},
		{"quality", "high", ""},
		{"quality", "drat", `unknown quality "drat" (did you mean "draft"?)`},
	}
	parsers := map[string]func(string) (string, error){
		"codec":   stringParser(ParseCodec),
		"quality": stringParser(ParseQuality),
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+tt.in, func(t *testing.T) {
			got, err := parsers[tt.kind](tt.in)
			if msg := errText(err); msg != tt.wantErr {
				t.Errorf("got %q, want %q", msg, tt.wantErr)
			}
			if err == nil && got != tt.in {
				t.Errorf("got %q, want %q", got, tt.in)
			}
		})
	}
}

func TestContainerResolve(t *testing.T) {
	tests := []struct {
		path    string
		codec   Codec
		want    Codec
		wantErr string
	}{
		{"a.mp4", CodecAuto, CodecH264, ""},
		{"a.M4V", CodecHEVC, CodecHEVC, ""},
		{"a.mov", CodecH264NVENC, CodecH264NVENC, ""},
		{"a.mkv", CodecAV1, CodecAV1, ""},
		{"a.webm", CodecAuto, CodecVP9, ""},
		{"a.webm", CodecH264, "", "codec h264: a .webm output holds vp9 or av1"},
		{"a.mov", CodecVP9, "", "codec vp9: a .mov output holds h264, hevc, h264_nvenc, hevc_nvenc, h264_vaapi or h264_qsv"},
		{"a.gif", CodecAuto, CodecGIF, ""},
		{"a.gif", CodecH264, "", "codec h264: a .gif output has its own encoding; leave out --codec"},
		{"a.webp", CodecAuto, CodecWebP, ""},
		{"a.avi", CodecAuto, "", "output a.avi: kenburns writes .mp4, .m4v, .mov, .mkv, .webm, .gif or .webp: name the output with one of these extensions"},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+string(tt.codec), func(t *testing.T) {
			c, err := ContainerOf(tt.path)
			var got Codec
			if err == nil {
				got, err = c.Resolve(tt.codec)
			}
			if msg := errText(err); msg != tt.wantErr {
				t.Errorf("error %q, want %q", msg, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCodecCRF(t *testing.T) {
	tests := []struct {
		codec   Codec
		crf     int
		wantErr string
	}{
		{CodecH264, 51, ""},
		{CodecH264, 52, "crf 52: want 0 to 51 for h264"},
		{CodecHEVCNVENC, 52, "crf 52: want 0 to 51 for hevc_nvenc"},
		{CodecVP9, 63, ""},
		{CodecAV1, 64, "crf 64: want 0 to 63 for av1"},
	}
	for _, tt := range tests {
		t.Run(string(tt.codec), func(t *testing.T) {
			if msg := errText(tt.codec.CheckCRF(tt.crf)); msg != tt.wantErr {
				t.Errorf("got %q, want %q", msg, tt.wantErr)
			}
		})
	}
}

func TestEncoderDefaultsNormalIsToday(t *testing.T) {
	// Normal must keep the H.264 settings every earlier version used, or
	// every cached chunk and golden command line would change.
	if crf, preset := CodecH264.EncoderDefaults(QualityNormal); crf != 20 || preset != "fast" {
		t.Errorf("h264 normal = %d %s, want 20 medium", crf, preset)
	}
	for _, c := range CodecNames()[1:] {
		t.Run(c, func(t *testing.T) {
			d, _ := Codec(c).EncoderDefaults(QualityDraft)
			n, _ := Codec(c).EncoderDefaults(QualityNormal)
			h, _ := Codec(c).EncoderDefaults(QualityHigh)
			if !(d > n && n > h) {
				t.Errorf("crf draft %d, normal %d, high %d: want falling", d, n, h)
			}
		})
	}
}
