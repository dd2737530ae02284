// Package setting parses and bounds the values a user gives kenburns, on
// the command line or in a storyboard: lengths of time, colours, sizes,
// frame rates, zooms, quality and the named modes. Each kind of value has
// one parser and one bound here, so that a flag and the storyboard key
// that sets the same thing accept the same values and refuse the rest with
// the same words.
package setting

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kenburns/kenburns/effects"
)

// Limits on values. They are generous: they exist to refuse mistakes and
// to keep frame arithmetic far from overflow, not to judge taste.
const (
	// MaxDuration bounds any one length of time: a slide, a transition,
	// the music's fade, a keyframe's time.
	MaxDuration time.Duration = time.Hour

	// MinFPS and MaxFPS bound the output frame rate.
	MinFPS, MaxFPS int = 1, 240

	// MinSize and MaxSize bound each side of the output, in pixels; both
	// sides must also be even, as H.264 in 4:2:0 needs.
	MinSize, MaxSize int = 16, 8192

	// MinZoom and MaxZoom bound how far automatic and preset motions zoom.
	MinZoom, MaxZoom float64 = 1, 10

	// MaxKeyframeZoom bounds a keyframe's zoom, which must also be above 0.
	MaxKeyframeZoom float64 = 100

	// MinCRF and MaxCRF bound the constant rate factor of any codec;
	// x264 and x265 stop at 51 (Codec.CheckCRF).
	MinCRF, MaxCRF int = 0, 63

	// MaxRateDen bounds the denominator of a frame rate: it admits every
	// NTSC rate (N×1000/1001) and every decimal with up to six places.
	MaxRateDen = 1001000
)

// Limit is one bound as the documentation states it, so that tests can
// hold the README and the storyboard schema to the code.
type Limit struct {
	Name     string // what is bounded, as error messages name it
	Min, Max string // as the docs write them; Min is "" when only Max bounds the value
	Above    bool   // the value must be above Min, not equal to it
	Flag     string // the command-line flag that sets it, or ""
	Key      string // the storyboard key that sets it, or ""; motion[].zoom is a keyframe's zoom
}

// Range is the bound in the documentation's words: "1 to 240",
// "at most 1h" or "above 0, at most 100".
func (l Limit) Range() string {
	switch {
	case l.Min == "":
		return "at most " + l.Max
	case l.Above:
		return "above " + l.Min + ", at most " + l.Max
	}
	return l.Min + " to " + l.Max
}

// Limits lists every bound of this package with where users meet it.
func Limits() []Limit {
	maxDur := FormatDuration(MaxDuration)
	return []Limit{
		{Name: "duration", Max: maxDur, Flag: "--duration", Key: "duration"},
		{Name: "transition duration", Max: maxDur, Flag: "--transition-duration", Key: "transition.duration"},
		{Name: "audio fade", Max: maxDur, Flag: "--audio-fade", Key: "music[].fade_out"},
		{Name: "audio crossfade", Max: maxDur, Flag: "--audio-crossfade", Key: "music[].crossfade"},
		{Name: "sync min", Max: maxDur, Flag: "--sync-min", Key: "sync_min"},
		{Name: "volume", Min: formatFloat(MinVolumeDB) + "dB", Max: "+" + formatFloat(MaxVolumeDB) + "dB", Flag: "--audio-volume", Key: "music[].volume"},
		{Name: "fps", Min: strconv.Itoa(MinFPS), Max: strconv.Itoa(MaxFPS), Flag: "--fps", Key: "output.fps"},
		{Name: "size", Min: strconv.Itoa(MinSize), Max: strconv.Itoa(MaxSize), Flag: "--size", Key: "output.size"},
		{Name: "zoom", Min: formatFloat(MinZoom), Max: formatFloat(MaxZoom), Flag: "--zoom", Key: "zoom"},
		{Name: "keyframe zoom", Min: "0", Max: formatFloat(MaxKeyframeZoom), Above: true, Key: "motion[].zoom"},
		{Name: "crf", Min: strconv.Itoa(MinCRF), Max: strconv.Itoa(MaxCRF), Flag: "--crf"},
		{Name: "text size", Min: formatFloat(MinTextSize), Max: formatFloat(MaxTextSize), Key: "style.size"},
		{Name: "shards", Min: "1", Max: strconv.Itoa(MaxShards), Flag: "--shard"},
	}
}

// limit returns the Limit called name; the names are this package's own.
func limit(name string) Limit {
	for _, l := range Limits() {
		if l.Name == name {
			return l
		}
	}
	panic("setting: no limit " + name)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// parseName returns s as a T if it is one of names, and otherwise an
// error that suggests the nearest name or lists them all.
func parseName[T ~string](kind, s string, names []string) (T, error) {
	for _, n := range names {
		if n == s {
			return T(s), nil
		}
	}
	if c := effects.Closest(s, names); c != "" {
		return "", fmt.Errorf("unknown %s %q (did you mean %q?)", kind, s, c)
	}
	return "", fmt.Errorf("unknown %s %q (want %s)", kind, s, orList(names))
}

// orList writes names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
