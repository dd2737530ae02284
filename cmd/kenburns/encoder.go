package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/setting"
)

// addEncoderFlags adds the flags that choose the codec and its settings.
func (o *renderOptions) addEncoderFlags(fs *pflag.FlagSet) {
	fs.Var(&o.Codec, "codec", "video codec: "+strings.Join(setting.CodecNames(), ", ")+" (auto follows the output's extension)")
	fs.Var(&o.Quality, "quality", "quality preset: draft (half size, fast), normal or high (archiving); explicit flags win")
	fs.Var(setting.CRFValue{N: &o.CRF}, "crf", "quality scale, lower is better and larger: 0-51 for H.264 and HEVC, 0-63 for VP9 and AV1 (auto: by codec and --quality)")
	fs.StringVar(&o.EncoderPreset, "encoder-preset", o.EncoderPreset, "encoder speed preset: x264/x265 ultrafast ... veryslow, VP9 cpu-used 0-8, SVT-AV1 0-13, NVENC p1-p7 (default: by codec and --quality)")
	fs.StringVar(&o.EncoderPreset, "x264-preset", o.EncoderPreset, "the same as --encoder-preset")
	fs.StringArrayVar(&o.EncoderArgs, "ffmpeg-arg", nil, "one more argument for the encoder, unchecked (repeatable: --ffmpeg-arg=-tune --ffmpeg-arg=film)")
}
