package studio

import (
	"math"
	"path/filepath"

	"github.com/kenburns/kenburns/slideshow"
)

// Music is the plan's music as the page shows it, read-only: the tracks
// and how they meet the slides. The page edits no music; the file does.
type Music struct {
	Tracks []Track `json:"tracks"`
	Fit    string  `json:"fit"`  // music_fit as planned
	Sync   string  `json:"sync"` // none or beats
	Cuts   []Cut   `json:"cuts"` // the cuts beat sync moved or kept
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
	m := Music{Tracks: []Track{}, Cuts: []Cut{}, Fit: string(p.MusicFit), Sync: string(p.Sync), FadeOut: p.AudioFadeOut.Seconds()}
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
