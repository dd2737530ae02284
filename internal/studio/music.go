package studio

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"

	"github.com/kenburns/kenburns/slideshow"
)

// Music is the plan's music as the page shows it: the tracks and how
// they meet the slides. The page edits the settings and each track's
// keys; the tracks themselves are added and removed in the file.
type Music struct {
	Tracks []Track `json:"tracks"`
	Fit    string  `json:"fit"`  // music_fit as planned
	Sync   string  `json:"sync"` // none or beats
	// SyncMin is the storyboard's sync_min in seconds, 0 when not set;
	// SyncMinDefault is what applies then.
	SyncMin        float64  `json:"syncMin"`
	SyncMinDefault float64  `json:"syncMinDefault"`
	Fits           []string `json:"fits"`  // the names music_fit takes
	Syncs          []string `json:"syncs"` // and sync
	Cuts           []Cut    `json:"cuts"`  // the cuts beat sync moved or kept
	// FadeOut is how long the music fades out to the video's end.
	FadeOut float64 `json:"fadeOut"`
}

// Track is one music track as planned, times in seconds.
type Track struct {
	File      string  `json:"file"` // relative to the storyboard
	Start     float64 `json:"start"`
	End       float64 `json:"end"` // 0 = the file's end, not read
	At        float64 `json:"at"`  // where it starts in the video's music
	VolumeDB  float64 `json:"volumeDB"`
	FadeIn    float64 `json:"fadeIn"`
	FadeOut   float64 `json:"fadeOut"`
	Crossfade float64 `json:"crossfade"`
}

// Cut is a cut between slide Slide and the next, as beat sync planned
// it, in seconds of the video.
type Cut struct {
	Slide   int     `json:"slide"`
	Planned float64 `json:"planned"`
	Synced  float64 `json:"synced"`
	Moved   bool    `json:"moved"`
}

// music makes the page's Music of a plan.
func (s *Server) music(p *slideshow.Plan) Music {
	m := Music{
		Tracks: []Track{}, Cuts: []Cut{}, Fit: string(p.MusicFit), Sync: string(p.Sync), FadeOut: p.AudioFadeOut.Seconds(),
		SyncMinDefault: slideshow.DefaultSyncMin.Seconds(), Fits: setting.MusicFitNames(), Syncs: setting.SyncNames(),
	}
	if s.sb != nil && s.sb.MusicPlan.SyncMin != nil {
		m.SyncMin = s.sb.MusicPlan.SyncMin.Seconds()
	}
	for _, t := range p.Music {
		db := 0.0
		if t.Volume > 0 {
			db = math.Round(200*math.Log10(t.Volume)) / 10
		}
		m.Tracks = append(m.Tracks, Track{
			File: filepath.ToSlash(s.rel(t.File)), Start: t.Start.Seconds(), End: t.End.Seconds(), At: t.At.Seconds(),
			VolumeDB: db, FadeIn: t.FadeIn.Seconds(), FadeOut: t.FadeOut.Seconds(), Crossfade: t.Crossfade.Seconds(),
		})
	}
	for _, c := range p.Cuts {
		m.Cuts = append(m.Cuts, Cut{Slide: c.Slide, Planned: c.Planned.Seconds(), Synced: c.Synced.Seconds(), Moved: !c.Unchanged})
	}
	return m
}

// musicSetting are the storyboard's keys the music panel edits, and
// where it shows their problems.
var musicSetting = map[string]bool{"music": true, "music_fit": true, "sync": true, "sync_min": true}

// trackTimes are the keys of a track the page sets in seconds.
var trackTimes = map[string]bool{"start": true, "end": true, "fade_in": true, "fade_out": true, "crossfade": true}

// musicEdit sets a storyboard music setting, or a key of a track. Names
// are written as given, for validation to say whether they are known;
// lengths and volumes must be numbers.
func (s *Server) musicEdit(e Edit) ([]byte, error) {
	value := e.Value
	switch {
	case value == "":
	case e.Op == "music" && (e.Key == "music_fit" || e.Key == "sync"):
		if !word.MatchString(value) {
			return nil, fmt.Errorf("%s %q: want a name", e.Key, value)
		}
	case e.Op == "music" && e.Key == "sync_min", e.Op == "track" && trackTimes[e.Key]:
		if e.Seconds < 0 || bad(e.Seconds) {
			return nil, fmt.Errorf("%s %g: want a number of seconds, 0 or more", e.Key, e.Seconds)
		}
		value = storyboard.DurationText(e.Seconds)
	case e.Op == "track" && e.Key == "volume":
		db, err := strconv.ParseFloat(value, 64)
		if err != nil || bad(db) {
			return nil, fmt.Errorf("volume %q: want a number of decibels, such as -6", e.Value)
		}
		value = strconv.FormatFloat(db, 'f', -1, 64) + "dB"
	case e.Op == "music":
		return nil, fmt.Errorf("unknown music setting %q: want music_fit, sync or sync_min", e.Key)
	default:
		return nil, fmt.Errorf("unknown track setting %q: want volume, start, end, fade_in, fade_out or crossfade", e.Key)
	}
	if e.Op == "music" {
		if !musicSetting[e.Key] || e.Key == "music" {
			return nil, fmt.Errorf("unknown music setting %q: want music_fit, sync or sync_min", e.Key)
		}
		return storyboard.SetTopKey(s.draft, e.Key, value)
	}
	if e.Key != "volume" && !trackTimes[e.Key] {
		return nil, fmt.Errorf("unknown track setting %q: want volume, start, end, fade_in, fade_out or crossfade", e.Key)
	}
	return storyboard.SetMusicKey(s.draft, e.Track, e.Key, value)
}
