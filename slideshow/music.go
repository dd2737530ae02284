package slideshow

import (
	"context"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// AudioReader reads music files for the planner. Planning itself runs no
// process: render.AudioReader is the one that runs ffprobe and ffmpeg,
// and tests give the planner a fake.
type AudioReader interface {
	// Probe reads the header of the file's first audio stream; an error
	// says the file cannot be read or has no audio stream.
	Probe(ctx context.Context, path string) (AudioInfo, error)
	// Onsets returns the times, from the file's start, at which notes,
	// beats or clicks start in the file.
	Onsets(ctx context.Context, path string) ([]time.Duration, error)
}

// AudioInfo is a music file's first audio stream as its header says.
type AudioInfo struct {
	Duration   time.Duration
	SampleRate int
	Channels   int
	Codec      string
}

// Track is one piece of music as the plan plays it.
type Track struct {
	File string
	// Start and End trim the file: the track is the file from Start to
	// End. End is the file's length unless trimmed; 0 when the file was
	// not read (no AudioReader), for "to its end".
	Start, End time.Duration
	Volume     float64 // a factor of the file's level
	// FadeIn and FadeOut fade the track at its own start and end.
	FadeIn, FadeOut time.Duration
	// Crossfade is how long the track overlaps the next.
	Crossfade time.Duration
	// At is where the track starts in the video's music; only known, like
	// End, when the file was read.
	At time.Duration
	// Info is the file's header; zero when not read.
	Info AudioInfo
}

// Length returns how long the track plays: End − Start, or 0 when
// unknown.
func (t Track) Length() time.Duration {
	if t.End == 0 {
		return 0
	}
	return t.End - t.Start
}

// Cut is a cut between two slides that beat sync moved to an onset of the
// music.
type Cut struct {
	Slide     int           // the cut leads from this slide (0-based) into the next
	Planned   time.Duration // where the durations put the cut
	Synced    time.Duration // the onset it moved to
	Frame     int           // the synced cut's frame: the next slide's first, or its transition's middle
	Unchanged bool          // no onset was near enough: the cut stayed
}

// DefaultSyncMin is the shortest slide beat sync makes by default.
const DefaultSyncMin = 1500 * time.Millisecond

// loopJoin is how long the end of the music crossfades into its start
// when music_fit loop repeats it: short, so that the join is heard as a
// join and not as a third piece of music.
const loopJoin = 500 * time.Millisecond

// tracksFrom turns the music's settings into the plan's tracks, before
// any file is read.
func tracksFrom(o Options) []Track {
	var ts []Track
	for i, m := range o.Music {
		t := Track{File: m.File, Volume: o.AudioVolume, Crossfade: o.AudioCrossfade}
		if m.Start != nil {
			t.Start = *m.Start
		}
		if m.End != nil {
			t.End = *m.End
		}
		if m.Volume != nil {
			t.Volume = *m.Volume
		}
		if m.FadeIn != nil {
			t.FadeIn = *m.FadeIn
		}
		if m.FadeOut != nil && i < len(o.Music)-1 {
			// The last track's fade_out is the music's fade at the
			// video's end, AudioFadeOut.
			t.FadeOut = *m.FadeOut
		}
		if m.Crossfade != nil {
			t.Crossfade = *m.Crossfade
		}
		if i == len(o.Music)-1 {
			t.Crossfade = 0
		}
		ts = append(ts, t)
	}
	return ts
}

// TrackFiles makes tracks of files alone, as --audio gives them.
func TrackFiles(files []string) []storyboard.Music {
	ms := make([]storyboard.Music, len(files))
	for i, f := range files {
		ms[i] = storyboard.Music{File: f}
	}
	return ms
}

// MusicLength returns how long the plan's music plays once through, its
// tracks' crossfades taken off; 0 when its files were not read.
func (p *Plan) MusicLength() time.Duration {
	if len(p.Music) == 0 {
		return 0
	}
	last := p.Music[len(p.Music)-1]
	if last.Length() == 0 {
		return 0
	}
	return last.At + last.Length()
}

// LoopJoin is how long the music's end crossfades into its start when
// MusicFit is loop.
func (p *Plan) LoopJoin() time.Duration {
	return min(loopJoin, p.MusicLength()/2)
}

// Repeats returns how many times the music plays, whole or in part, to
// cover the video and then a second more: 1 unless MusicFit is loop.
func (p *Plan) Repeats() int {
	m := p.MusicLength()
	if p.MusicFit != setting.MusicFitLoop || m == 0 {
		return 1
	}
	need := p.Duration() + time.Second
	if p.Loop {
		need += p.FPS.Time(p.Slides[len(p.Slides)-1].Out.Frames)
	}
	n, covered := 1, m
	for covered < need {
		covered += m - p.LoopJoin()
		n++
	}
	return n
}

// placeTracks puts the tracks one after another, each crossfade into the next
// no longer than half of either track, and returns the music's length.
func placeTracks(ts []Track) time.Duration {
	var at time.Duration
	for i := range ts {
		t := &ts[i]
		t.At = at
		if i+1 < len(ts) {
			t.Crossfade = min(t.Crossfade, t.Length()/2, ts[i+1].Length()/2)
		}
		at += t.Length() - t.Crossfade
	}
	return at
}
