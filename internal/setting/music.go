package setting

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MusicFit says how the music's length and the video's meet.
type MusicFit string

// Music fits.
const (
	// MusicFitVideo keeps the video as planned: the music is cut at its
	// end, or followed by silence.
	MusicFitVideo MusicFit = "video"
	// MusicFitMusic scales the slides' durations so that the video ends
	// with the music; transitions keep their length.
	MusicFitMusic MusicFit = "music"
	// MusicFitLoop repeats the music, joined by a short crossfade, until
	// it covers the video.
	MusicFitLoop MusicFit = "loop"
)

// MusicFitNames lists the music fits, the default first.
func MusicFitNames() []string {
	return []string{string(MusicFitVideo), string(MusicFitMusic), string(MusicFitLoop)}
}

// ParseMusicFit parses a music fit's name; a misspelt one gets a
// suggestion.
func ParseMusicFit(s string) (MusicFit, error) {
	return parseName[MusicFit]("music fit", s, MusicFitNames())
}

// String returns the music fit's name.
func (f MusicFit) String() string { return string(f) }

// Set parses s with ParseMusicFit, so that a flag can hold a MusicFit.
func (f *MusicFit) Set(s string) error { return set(f, s, ParseMusicFit) }

// Type names the flag's kind in help text.
func (f *MusicFit) Type() string { return "fit" }

// Sync says what the cuts between slides follow.
type Sync string

// Syncs.
const (
	SyncNone  Sync = "none"  // cuts stay where the durations put them
	SyncBeats Sync = "beats" // each cut moves to the nearest onset of the music
)

// SyncNames lists the syncs, the default first.
func SyncNames() []string { return []string{string(SyncNone), string(SyncBeats)} }

// ParseSync parses a sync's name; a misspelt one gets a suggestion.
func ParseSync(s string) (Sync, error) { return parseName[Sync]("sync", s, SyncNames()) }

// String returns the sync's name.
func (s Sync) String() string { return string(s) }

// Set parses v with ParseSync, so that a flag can hold a Sync.
func (s *Sync) Set(v string) error { return set(s, v, ParseSync) }

// Type names the flag's kind in help text.
func (s *Sync) Type() string { return "sync" }

// MinVolumeDB and MaxVolumeDB bound a track's volume, in decibels: a
// factor of 0.001 to about 15.8. Silence is leaving the track out.
const MinVolumeDB, MaxVolumeDB float64 = -60, 24

// ParseVolume parses a track's volume: decibels ("-6dB", "+3 dB") or a
// factor of the track's own level ("0.5", "1.2"), and returns the factor.
// It refuses NaN, infinities and volumes outside MinVolumeDB to
// MaxVolumeDB.
func ParseVolume(s string) (float64, error) {
	t := strings.TrimSpace(s)
	lower := strings.ToLower(t)
	if num, ok := strings.CutSuffix(lower, "db"); ok {
		db, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || math.IsNaN(db) || math.IsInf(db, 0) {
			return 0, fmt.Errorf("%q %s", s, notVolume)
		}
		if db < MinVolumeDB || db > MaxVolumeDB {
			return 0, fmt.Errorf("%q is out of range: want %s", s, volumeRange())
		}
		return math.Pow(10, db/20), nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q %s", s, notVolume)
	}
	return VolumeFactor(f)
}

// VolumeFactor bounds a volume already read as a factor.
func VolumeFactor(f float64) (float64, error) {
	if math.IsNaN(f) || f <= 0 || 20*math.Log10(f) < MinVolumeDB-1e-9 || 20*math.Log10(f) > MaxVolumeDB+1e-9 {
		return 0, fmt.Errorf("volume %s is out of range: want %s", formatFloat(f), volumeRange())
	}
	return f, nil
}

const notVolume = "is not a volume: write decibels such as -6dB or a factor such as 0.5"

func volumeRange() string { return limit("volume").Range() }

// FormatVolume writes a volume factor in decibels, as plans show it.
func FormatVolume(f float64) string {
	if f == 1 {
		return "0dB"
	}
	return strconv.FormatFloat(math.Round(20*math.Log10(f)*100)/100, 'f', -1, 64) + "dB"
}

// VolumeValue is a pflag.Value for a volume factor.
type VolumeValue struct{ F *float64 }

// String returns the volume in decibels.
func (v VolumeValue) String() string {
	if v.F == nil {
		return ""
	}
	return FormatVolume(*v.F)
}

// Set parses s with ParseVolume.
func (v VolumeValue) Set(s string) error { return set(v.F, s, ParseVolume) }

// Type names the flag's kind in help text.
func (v VolumeValue) Type() string { return "volume" }
