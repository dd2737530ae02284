package slideshow

import "github.com/kenburns/kenburns/internal/setting"

// DocTrack is one track of the music in a Document. Times are seconds;
// start and end trim the file, at is where the track starts in the
// video.
type DocTrack struct {
	File      string  `json:"file"`
	Start     float64 `json:"start_seconds"`
	End       float64 `json:"end_seconds"` // 0 when the file was not read
	At        float64 `json:"at_seconds"`
	Volume    float64 `json:"volume"` // a factor
	VolumeDB  string  `json:"volume_db"`
	FadeIn    float64 `json:"fade_in_seconds"`
	FadeOut   float64 `json:"fade_out_seconds"`
	Crossfade float64 `json:"crossfade_seconds"` // into the next track
}

// DocCut is a cut beat sync moved: from the planned time to the onset.
type DocCut struct {
	Slide   int     `json:"slide"` // 1-based: the cut out of this slide
	Planned float64 `json:"planned_seconds"`
	Synced  float64 `json:"synced_seconds"`
	Frame   int     `json:"frame"`
	Moved   bool    `json:"moved"`
}

// musicDoc fills in d's music.
func (d *Document) musicDoc(p *Plan) {
	for _, t := range p.Music {
		d.Music = append(d.Music, t.File)
		d.Tracks = append(d.Tracks, DocTrack{
			File: t.File, Start: t.Start.Seconds(), End: t.End.Seconds(), At: t.At.Seconds(),
			Volume: t.Volume, VolumeDB: setting.FormatVolume(t.Volume),
			FadeIn: t.FadeIn.Seconds(), FadeOut: t.FadeOut.Seconds(), Crossfade: t.Crossfade.Seconds(),
		})
	}
	for _, c := range p.Cuts {
		d.Cuts = append(d.Cuts, DocCut{Slide: c.Slide + 1, Planned: c.Planned.Seconds(), Synced: c.Synced.Seconds(), Frame: c.Frame, Moved: !c.Unchanged})
	}
}
