package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/slideshow"
)

// addMusicFlags adds the flags of the music to fs.
func addMusicFlags(fs *pflag.FlagSet, o *slideshow.Options) {
	fs.Var(trackList{&o.Music}, "audio", "music file to play underneath; repeat the flag for several, played in order")
	fs.Var(setting.DurationValue{D: &o.AudioFadeOut}, "audio-fade", "fade the music out over the last part of the video")
	fs.Var(setting.DurationValue{D: &o.AudioCrossfade}, "audio-crossfade", "how long each piece of music crossfades into the next")
	fs.Var(setting.VolumeValue{F: &o.AudioVolume}, "audio-volume", "volume of the music: decibels such as -6dB or a factor such as 0.5")
	fs.Var(&o.MusicFit, "music-fit", "when music and photos differ in length: video (cut the music or end in silence), music (fit the slides to the music) or loop (repeat the music)")
	fs.Var(&o.Sync, "sync", "beats moves each cut between photos to the nearest beat of the music; none leaves them")
	fs.Var(setting.DurationValue{D: &o.SyncMin}, "sync-min", "the shortest a photo may be shown after --sync beats moved its cuts")
}

// trackList is --audio: each use adds a track, its file alone.
type trackList struct{ tracks *[]storyboard.Music }

// String lists the files given so far.
func (l trackList) String() string {
	var fs []string
	for _, m := range *l.tracks {
		fs = append(fs, m.File)
	}
	return strings.Join(fs, ",")
}

// Set adds a track.
func (l trackList) Set(s string) error {
	if s == "" {
		return fmt.Errorf("empty file name")
	}
	*l.tracks = append(*l.tracks, slideshow.TrackFiles([]string{s})...)
	return nil
}

// Type names the flag's kind in help text.
func (l trackList) Type() string { return "file" }

// fmtDur writes a time of the music to the millisecond.
func fmtDur(d time.Duration) string { return setting.FormatDuration(d.Round(time.Millisecond)) }

// printMusic writes the plan's music under the timeline's heading: its
// tracks, how it fits the video, and the cuts beat sync moved.
func printMusic(w io.Writer, p *slideshow.Plan) {
	if len(p.Music) == 0 {
		return
	}
	fmt.Fprintf(w, "music: fit %s, sync %s, fading out over %s\n", p.MusicFit, p.Sync, p.AudioFadeOut)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  TRACK\tFILE\tAT\tTRIM\tVOLUME\tFADES\tCROSSFADE")
	for i, t := range p.Music {
		trim := fmt.Sprintf("%s-%s", fmtDur(t.Start), fmtDur(t.End))
		if t.End == 0 {
			trim = fmtDur(t.Start) + "-end"
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\tin %s, out %s\t%s\n", i+1, filepath.Base(t.File), fmtDur(t.At), trim,
			setting.FormatVolume(t.Volume), fmtDur(t.FadeIn), fmtDur(t.FadeOut), fmtDur(t.Crossfade))
	}
	tw.Flush()
	if len(p.Cuts) > 0 {
		var parts []string
		for _, c := range p.Cuts {
			if c.Unchanged {
				parts = append(parts, fmt.Sprintf("%d→%d %s (kept)", c.Slide+1, c.Slide+2, fmtDur(c.Planned)))
				continue
			}
			parts = append(parts, fmt.Sprintf("%d→%d %s→%s", c.Slide+1, c.Slide+2, fmtDur(c.Planned), fmtDur(c.Synced)))
		}
		fmt.Fprintf(w, "cuts moved to beats: %s\n", strings.Join(parts, ", "))
	}
	for _, m := range p.Warnings {
		fmt.Fprintf(w, "warning: %s\n", m)
	}
}
