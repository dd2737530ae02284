package render

import (
	"path/filepath"
	"slices"
	"strconv"

	ffmpeg "github.com/u2takey/ffmpeg-go"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// This file holds what differs between codecs and containers: the
// encoder's options for the chunks, and how the chunks become the output.
//
// Every chunk is a separate encoder run with the same options, so each
// starts on a keyframe (an IDR frame for H.264 and HEVC, a key frame with
// its sequence header for VP9 and AV1) and has the same stream parameters:
// the concat demuxer can join them by stream copy. The chunks are MP4
// whatever the output, because MP4 keeps exact timestamps at any frame
// rate (Matroska rounds to milliseconds) and holds every codec here.
//
// GIF and animated WebP cannot be joined that way: a GIF wants one palette
// for the whole video, and libwebp_anim writes the whole animation as one
// packet. For them the chunks are lossless H.264 (at the GIF's small size
// this is cheap) and the joined chunks are encoded once more: for GIF, a
// pass that builds the palette from every frame, then one that uses it.

// Encoders by codec, as ffmpeg names them.
func encoderName(c setting.Codec) string {
	switch c {
	case setting.CodecH264, setting.CodecGIF, setting.CodecWebP:
		return "libx264"
	case setting.CodecHEVC:
		return "libx265"
	case setting.CodecVP9:
		return "libvpx-vp9"
	case setting.CodecAV1:
		return "libsvtav1"
	}
	return string(c) // hardware codecs are named by their encoder
}

// vaapiDevice is the DRM render node VAAPI encodes on: the first GPU.
const vaapiDevice = "/dev/dri/renderD128"

// encoderArgs are identical for every chunk, so that the chunks can be
// joined by stream copy.
// x264Lookahead is the frames x264 looks ahead for rate control and frame
// types at draft and normal quality, instead of the fast preset's 30.
// kenburns runs one encoder per CPU and each holds its lookahead's frames,
// 6.5 MiB apiece at 1080p; a Ken Burns chunk is one smooth move with no
// scene cut for a long lookahead to find. Measured on the bench frames
// (bench/README.md "Defaults"): 15 frames cost about 2% of bits at equal
// SSIM and save 100 MiB per encoder, which keeps the whole render of the
// bench's ten photos under 1 GiB (985 MiB; 1056 at 20). High quality keeps
// its preset's lookahead: archiving is not short of memory.
const x264Lookahead = 15

func encoderArgs(p *slideshow.Plan, frames int) ffmpeg.KwArgs {
	kw := ffmpeg.KwArgs{
		"c:v": encoderName(p.Codec), "pix_fmt": "yuv420p",
		"colorspace": "bt709", "color_primaries": "bt709", "color_trc": "bt709", "color_range": "tv",
		"frames:v": frames, "an": "", "f": "mp4",
	}
	switch p.Codec {
	case setting.CodecH264:
		kw["preset"], kw["crf"] = p.EncoderPreset, p.CRF
		if p.Quality != setting.QualityHigh {
			kw["x264-params"] = "rc-lookahead=" + strconv.Itoa(x264Lookahead)
		}
	case setting.CodecGIF, setting.CodecWebP:
		// Lossless intermediate: the one lossy step is the final encode.
		kw["preset"], kw["qp"] = "ultrafast", 0
	case setting.CodecHEVC:
		kw["preset"], kw["crf"] = p.EncoderPreset, p.CRF
		kw["x265-params"] = "log-level=error"
		kw["tag:v"] = "hvc1" // what Apple players want in MP4 and MOV
	case setting.CodecVP9:
		// -b:v 0 makes -crf constant quality rather than a cap.
		kw["crf"], kw["b:v"], kw["deadline"], kw["cpu-used"], kw["row-mt"] = p.CRF, 0, "good", p.EncoderPreset, 1
	case setting.CodecAV1:
		kw["crf"], kw["preset"] = p.CRF, p.EncoderPreset
	case setting.CodecH264NVENC, setting.CodecHEVCNVENC:
		kw["preset"], kw["rc"], kw["cq"], kw["b:v"] = p.EncoderPreset, "vbr", p.CRF, 0
		if p.Codec == setting.CodecHEVCNVENC {
			kw["tag:v"] = "hvc1"
		}
	case setting.CodecH264QSV:
		kw["preset"], kw["global_quality"], kw["pix_fmt"] = p.EncoderPreset, p.CRF, "nv12"
	case setting.CodecH264VAAPI:
		// Frames reach the encoder as GPU surfaces (hwUpload).
		delete(kw, "pix_fmt")
		kw["qp"] = p.CRF
	}
	return kw
}

// hwUpload moves frames to the GPU for encoders that read only GPU
// surfaces.
func hwUpload(p *slideshow.Plan, v *ffmpeg.Stream) *ffmpeg.Stream {
	if p.Codec != setting.CodecH264VAAPI {
		return v
	}
	return v.Filter("format", ffmpeg.Args{"nv12"}).Filter("hwupload", nil)
}

// hwGlobalArgs opens the device of encoders that need one opened.
func hwGlobalArgs(p *slideshow.Plan) []string {
	if p.Codec == setting.CodecH264VAAPI {
		return []string{"-vaapi_device", vaapiDevice}
	}
	return nil
}

// insertBefore puts extra into args just before the first element equal
// to at (an output file name), where per-output options belong.
func insertBefore(args []string, at string, extra []string) []string {
	if len(extra) == 0 {
		return args
	}
	i := slices.Index(args, at)
	if i < 0 {
		return append(args, extra...)
	}
	return slices.Concat(args[:i:i], extra, args[i:])
}

// paletteFile is the GIF's palette, built from every frame of the video.
func paletteFile(dir string) string { return filepath.Join(dir, "palette.png") }

// chunks is the concat demuxer reading the chunks of dir, in order.
func chunks(dir string) *ffmpeg.Stream {
	return ffmpeg.Input(listFile(dir), ffmpeg.KwArgs{"f": "concat", "safe": 0}).Video()
}

// twoPassGIF reports whether p's GIF gets its own palette from a first
// pass over the video; a draft makes do with a fixed palette.
func twoPassGIF(p *slideshow.Plan) bool {
	return p.Container == setting.ContainerGIF && p.Quality != setting.QualityDraft
}

// PaletteCommand returns the ffmpeg command that builds a GIF's palette
// from every frame of the joined chunks in dir, or nil when p needs none.
func PaletteCommand(p *slideshow.Plan, dir string) (*Command, error) {
	if !twoPassGIF(p) {
		return nil, nil
	}
	args, err := compose("palette", func() []string {
		return chunks(dir).Filter("palettegen", nil, ffmpeg.KwArgs{"stats_mode": "full"}).
			Output(paletteFile(dir), ffmpeg.KwArgs{"frames:v": 1, "update": 1, "f": "image2"}).
			GlobalArgs(globalArgs()...).GetArgs()
	})
	if err != nil {
		return nil, err
	}
	return &Command{Chunk: -1, Args: args}, nil
}

// MuxCommand returns the ffmpeg command that joins p's chunks in the work
// directory dir, adds the music and writes output: by stream copy for
// video containers, by one more encode for GIF and WebP.
func MuxCommand(p *slideshow.Plan, dir, output string) (Command, error) {
	args, err := compose("mux", func() []string {
		if !p.Container.Joinable() {
			return animated(p, dir, output)
		}
		v := chunks(dir)
		kw := ffmpeg.KwArgs{"c:v": "copy", "f": p.Container.Muxer()}
		switch p.Container {
		case setting.ContainerMP4, setting.ContainerMOV:
			kw["movflags"] = "+faststart"
			if p.Codec.Family() == setting.CodecHEVC {
				kw["tag:v"] = "hvc1"
			}
		}
		subs := subtitles(p, dir, kw)
		if len(p.Music) == 0 {
			return ffmpeg.Output(append([]*ffmpeg.Stream{v}, subs...), output, kw).GlobalArgs(globalArgs()...).GetArgs()
		}
		total := p.FPS.Seconds(p.Frames)
		audio := musicEnds(p, music(p, dir))
		if p.Container == setting.ContainerWebM {
			kw["c:a"], kw["b:a"] = "libopus", "128k"
		} else {
			kw["c:a"], kw["b:a"] = "aac", "192k"
		}
		kw["t"] = strconv.FormatFloat(total, 'f', 6, 64)
		return ffmpeg.Output(append([]*ffmpeg.Stream{v, audio}, subs...), output, kw).GlobalArgs(globalArgs()...).GetArgs()
	})
	return Command{Chunk: -1, Args: args}, err
}

// animated is the final encode of a GIF or an animated WebP from the
// joined chunks; the user's encoder arguments apply to it.
func animated(p *slideshow.Plan, dir, output string) []string {
	v := chunks(dir)
	var kw ffmpeg.KwArgs
	switch {
	case twoPassGIF(p):
		pal := ffmpeg.Input(paletteFile(dir))
		v = ffmpeg.Filter([]*ffmpeg.Stream{v, pal}, "paletteuse", nil, ffmpeg.KwArgs{"dither": "sierra2_4a"})
		kw = ffmpeg.KwArgs{"c:v": "gif", "f": "gif", "loop": 0}
	case p.Container == setting.ContainerGIF:
		// Draft: the fixed 3-3-2 palette, no first pass.
		kw = ffmpeg.KwArgs{"c:v": "gif", "pix_fmt": "rgb8", "f": "gif", "loop": 0}
	default:
		q, level := webpQuality(p.Quality)
		kw = ffmpeg.KwArgs{"c:v": "libwebp_anim", "quality": q, "compression_level": level, "pix_fmt": "yuv420p", "f": "webp", "loop": 0}
	}
	args := v.Output(output, kw).GlobalArgs(globalArgs()...).GetArgs()
	return insertBefore(args, output, p.EncoderArgs)
}

// webpQuality is libwebp's quality (0-100) and effort (0-6) for q.
func webpQuality(q setting.Quality) (quality, level int) {
	switch q {
	case setting.QualityDraft:
		return 60, 0
	case setting.QualityHigh:
		return 90, 6
	}
	return 75, 4
}

// ProbeCommand returns the ffmpeg command that encodes one black frame of
// p's size with p's video encoder and options and throws it away: it
// proves that a hardware encoder's device works before any real work.
func ProbeCommand(p *slideshow.Plan) (Command, error) {
	args, err := compose("encoder probe", func() []string {
		src := ffmpeg.Input("color=c=black:s="+size(p)+":r="+p.FPS.String(), ffmpeg.KwArgs{"f": "lavfi"})
		kw := encoderArgs(p, 1)
		kw["f"] = "null"
		return hwUpload(p, src).Output("-", kw).
			GlobalArgs("-hide_banner", "-nostdin", "-loglevel", "error", "-nostats").
			GlobalArgs(hwGlobalArgs(p)...).GetArgs()
	})
	return Command{Chunk: -1, Args: args}, err
}
