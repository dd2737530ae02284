package setting

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Codec is the video codec of the output, by the name users give it.
type Codec string

// Codecs. The software ones are kenburns' own names; the hardware ones are
// ffmpeg's encoder names, usable only where the installed ffmpeg has the
// encoder and the machine its device. GIF and WebP are not chosen with
// --codec: the output's extension picks them.
const (
	CodecAuto      Codec = "auto"       // the container's default
	CodecH264      Codec = "h264"       // libx264
	CodecHEVC      Codec = "hevc"       // libx265
	CodecVP9       Codec = "vp9"        // libvpx-vp9
	CodecAV1       Codec = "av1"        // libsvtav1, else libaom-av1
	CodecH264NVENC Codec = "h264_nvenc" // NVIDIA
	CodecHEVCNVENC Codec = "hevc_nvenc" // NVIDIA
	CodecH264VAAPI Codec = "h264_vaapi" // Intel and AMD on Linux
	CodecH264QSV   Codec = "h264_qsv"   // Intel Quick Sync
	CodecGIF       Codec = "gif"        // a .gif output's, with one palette for the video
	CodecWebP      Codec = "webp"       // an animated .webp output's
)

// CodecNames lists the codecs --codec accepts, the default first.
func CodecNames() []string {
	return []string{string(CodecAuto), string(CodecH264), string(CodecHEVC), string(CodecVP9), string(CodecAV1),
		string(CodecH264NVENC), string(CodecHEVCNVENC), string(CodecH264VAAPI), string(CodecH264QSV)}
}

// ParseCodec parses a codec name; a misspelt one gets a suggestion.
func ParseCodec(s string) (Codec, error) { return parseName[Codec]("codec", s, CodecNames()) }

// String returns the codec's name.
func (c Codec) String() string { return string(c) }

// Set parses s with ParseCodec, so that a flag can hold a Codec.
func (c *Codec) Set(s string) error { return set(c, s, ParseCodec) }

// Type names the flag's kind in help text.
func (c *Codec) Type() string { return "codec" }

// Hardware reports whether the codec is a hardware encoder, which must be
// probed on the machine before any work.
func (c Codec) Hardware() bool {
	switch c {
	case CodecH264NVENC, CodecHEVCNVENC, CodecH264VAAPI, CodecH264QSV:
		return true
	}
	return false
}

// Family is the codec of the bitstream: h264 for H.264 in software or
// hardware, and so on.
func (c Codec) Family() Codec {
	switch c {
	case CodecH264NVENC, CodecH264VAAPI, CodecH264QSV:
		return CodecH264
	case CodecHEVCNVENC:
		return CodecHEVC
	}
	return c
}

// CRFRange is the quality scale of the codec's encoder: x264 and x265
// stop at 51, libvpx and AV1 encoders at 63.
func (c Codec) CRFRange() (lo, hi int) {
	switch c.Family() {
	case CodecVP9, CodecAV1:
		return MinCRF, MaxCRF
	}
	return MinCRF, 51
}

// CheckCRF returns nil if n is on the codec's quality scale.
func (c Codec) CheckCRF(n int) error {
	lo, hi := c.CRFRange()
	if n < lo || n > hi {
		return fmt.Errorf("crf %d: want %d to %d for %s", n, lo, hi, c)
	}
	return nil
}

// EncoderDefaults are the quality (crf) and speed preset that quality q
// gives codec c when the user sets neither. Normal H.264 is crf 20 at the
// fast preset, chosen from the measured front in bench/README.md: against
// medium it costs 0.08 dB of SSIM at 1.5% more bits and saves 9% of the
// encoder's CPU and 14% of its memory; draft trades size and quality for
// speed, high is for archiving (slower, about a third smaller steps of
// loss).
func (c Codec) EncoderDefaults(q Quality) (crf int, preset string) {
	type d struct {
		crf    int
		preset string
	}
	var table map[Quality]d
	switch c {
	case CodecH264, CodecGIF, CodecWebP:
		table = map[Quality]d{QualityDraft: {26, "veryfast"}, QualityNormal: {20, "fast"}, QualityHigh: {16, "slow"}}
	case CodecHEVC:
		table = map[Quality]d{QualityDraft: {30, "veryfast"}, QualityNormal: {24, "medium"}, QualityHigh: {20, "slow"}}
	case CodecVP9: // the preset is libvpx's -cpu-used
		table = map[Quality]d{QualityDraft: {40, "8"}, QualityNormal: {32, "4"}, QualityHigh: {24, "1"}}
	case CodecAV1: // the preset is SVT-AV1's -preset
		table = map[Quality]d{QualityDraft: {40, "12"}, QualityNormal: {32, "8"}, QualityHigh: {24, "4"}}
	case CodecH264NVENC, CodecHEVCNVENC:
		table = map[Quality]d{QualityDraft: {28, "p1"}, QualityNormal: {23, "p4"}, QualityHigh: {19, "p7"}}
	case CodecH264QSV:
		table = map[Quality]d{QualityDraft: {28, "veryfast"}, QualityNormal: {23, "medium"}, QualityHigh: {19, "veryslow"}}
	case CodecH264VAAPI: // VAAPI has no preset
		table = map[Quality]d{QualityDraft: {28, ""}, QualityNormal: {23, ""}, QualityHigh: {19, ""}}
	default:
		return 20, "medium"
	}
	v, ok := table[q]
	if !ok {
		v = table[QualityNormal]
	}
	return v.crf, v.preset
}

// Container is the file format of the output, chosen by its extension.
type Container string

// Containers.
const (
	ContainerMP4  Container = "mp4"  // .mp4, .m4v
	ContainerMOV  Container = "mov"  // .mov
	ContainerMKV  Container = "mkv"  // .mkv
	ContainerWebM Container = "webm" // .webm
	ContainerGIF  Container = "gif"  // .gif
	ContainerWebP Container = "webp" // .webp, animated
)

// extension is an output extension and its container.
type extension struct {
	ext string
	c   Container
}

// extensions lists each output extension with its container, in the order
// messages list them.
func extensions() []extension {
	return []extension{
		{".mp4", ContainerMP4}, {".m4v", ContainerMP4}, {".mov", ContainerMOV}, {".mkv", ContainerMKV},
		{".webm", ContainerWebM}, {".gif", ContainerGIF}, {".webp", ContainerWebP},
	}
}

// OutputExtensions lists the extensions an output may have.
func OutputExtensions() []string {
	var s []string
	for _, e := range extensions() {
		s = append(s, e.ext)
	}
	return s
}

// ContainerOf returns the container that path's extension names; the case
// of the extension does not matter.
func ContainerOf(path string) (Container, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range extensions() {
		if e.ext == ext {
			return e.c, nil
		}
	}
	return "", fmt.Errorf("output %s: kenburns writes %s: name the output with one of these extensions", path, orList(OutputExtensions()))
}

// Muxer is ffmpeg's name of the container's muxer (-f).
func (c Container) Muxer() string {
	switch c {
	case ContainerMKV:
		return "matroska"
	}
	return string(c)
}

// Audio reports whether the container carries sound; GIF and WebP do not.
func (c Container) Audio() bool { return c != ContainerGIF && c != ContainerWebP }

// Joinable reports whether the container's chunks are joined by stream
// copy. GIF needs one palette for the whole video and animated WebP is one
// packet per file, so those are encoded once more from the joined chunks.
func (c Container) Joinable() bool { return c.Audio() }

// codecs lists what each container can hold, its default first.
func (c Container) codecs() []Codec {
	hw := []Codec{CodecH264NVENC, CodecHEVCNVENC, CodecH264VAAPI, CodecH264QSV}
	switch c {
	case ContainerMP4, ContainerMKV:
		return append([]Codec{CodecH264, CodecHEVC, CodecVP9, CodecAV1}, hw...)
	case ContainerMOV:
		return append([]Codec{CodecH264, CodecHEVC}, hw...)
	case ContainerWebM:
		return []Codec{CodecVP9, CodecAV1}
	case ContainerGIF:
		return []Codec{CodecGIF}
	case ContainerWebP:
		return []Codec{CodecWebP}
	}
	return nil
}

// Resolve returns the codec the container is written with: its default
// for CodecAuto, else c if the container can hold it.
func (c Container) Resolve(codec Codec) (Codec, error) {
	can := c.codecs()
	if codec == CodecAuto || codec == "" {
		return can[0], nil
	}
	if slices.Contains(can, codec) {
		return codec, nil
	}
	names := make([]string, len(can))
	for i, x := range can {
		names[i] = string(x)
	}
	if c == ContainerGIF || c == ContainerWebP {
		return "", fmt.Errorf("codec %s: a .%s output has its own encoding; leave out --codec", codec, c)
	}
	return "", fmt.Errorf("codec %s: a .%s output holds %s", codec, c, orList(names))
}

// Quality is a preset of encoder settings and size for a purpose.
type Quality string

// Qualities.
const (
	QualityDraft  Quality = "draft"  // fast previews: half size, fast preset, one pass
	QualityNormal Quality = "normal" // the defaults
	QualityHigh   Quality = "high"   // archiving: slower preset, lower crf
)

// QualityNames lists the qualities, fastest first.
func QualityNames() []string {
	return []string{string(QualityDraft), string(QualityNormal), string(QualityHigh)}
}

// ParseQuality parses a quality name; a misspelt one gets a suggestion.
func ParseQuality(s string) (Quality, error) { return parseName[Quality]("quality", s, QualityNames()) }

// String returns the quality's name.
func (q Quality) String() string { return string(q) }

// Set parses s with ParseQuality, so that a flag can hold a Quality.
func (q *Quality) Set(s string) error { return set(q, s, ParseQuality) }

// Type names the flag's kind in help text.
func (q *Quality) Type() string { return "quality" }

// CRFValue is a command-line flag holding a crf; a negative value, shown
// as "auto", leaves the crf to the codec and the quality preset.
type CRFValue struct{ N *int }

// String returns the crf, or "auto".
func (v CRFValue) String() string {
	if v.N == nil || *v.N < 0 {
		return "auto"
	}
	return strconv.Itoa(*v.N)
}

// Set parses s as a whole number within CheckCRF's bound.
func (v CRFValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("crf %q: want a whole number, %s", s, limit("crf").Range())
	}
	if err := CheckCRF(n); err != nil {
		return err
	}
	*v.N = n
	return nil
}

// Type names the flag's kind in help text.
func (v CRFValue) Type() string { return "crf" }
