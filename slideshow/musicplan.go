package slideshow

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"time"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

// This file is the planner's part for the music: reading the tracks,
// fitting the slides to the music and moving cuts to its onsets.

// musicOptions applies the storyboard's music settings to o.
func musicOptions(sb *storyboard.Storyboard, o *Options) {
	if len(sb.Music) > 0 {
		o.Music = sb.Music
		if last := sb.Music[len(sb.Music)-1]; last.FadeOut != nil {
			o.AudioFadeOut = *last.FadeOut
		}
	}
	mp := sb.MusicPlan
	if mp.Fit != "" {
		o.MusicFit = mp.Fit
	}
	if mp.Sync != "" {
		o.Sync = mp.Sync
	}
	if mp.SyncMin != nil {
		o.SyncMin = *mp.SyncMin
	}
}

// freezeMusic writes the plan's music down as a storyboard says it.
func freezeMusic(p *Plan) ([]storyboard.Music, storyboard.MusicPlan) {
	var ms []storyboard.Music
	for i, t := range p.Music {
		m := storyboard.Music{File: t.File}
		if t.Start > 0 {
			start := t.Start
			m.Start = &start
		}
		if t.End > 0 && t.End != t.Info.Duration {
			end := t.End
			m.End = &end
		}
		if t.Volume != 1 {
			v := t.Volume
			m.Volume = &v
		}
		if t.FadeIn > 0 {
			in := t.FadeIn
			m.FadeIn = &in
		}
		fade, cross := t.FadeOut, t.Crossfade
		if i == len(p.Music)-1 {
			fade = p.AudioFadeOut
		} else {
			m.Crossfade = &cross
		}
		m.FadeOut = &fade
		ms = append(ms, m)
	}
	mp := storyboard.MusicPlan{Fit: p.MusicFit, Sync: p.Sync}
	return ms, mp
}

// readMusic checks that every track can be played: the file exists and,
// with an AudioReader, has an audio stream of some length that its trims
// fall within. It places the tracks one after another, and reads the
// onsets beat sync needs.
func (b *builder) readMusic(ctx context.Context) error {
	b.tracks = tracksFrom(b.opts)
	ok := true
	for i := range b.tracks {
		t, m := &b.tracks[i], b.opts.Music[i]
		what := fmt.Sprintf("music %d: %s", i+1, relToStoryboard(b.sb, t.File))
		if st, err := os.Stat(t.File); err != nil {
			b.ps.Add(m.Pos, "%s: %v: check the path (it is relative to the storyboard)", what, statReason(err))
			ok = false
			continue
		} else if st.IsDir() {
			b.ps.Add(m.Pos, "%s is a folder, not an audio file", what)
			ok = false
			continue
		}
		if b.opts.AudioReader == nil {
			continue
		}
		info, err := b.opts.AudioReader.Probe(ctx, t.File)
		if err != nil {
			if ctx.Err() != nil {
				return context.Cause(ctx)
			}
			b.ps.Add(m.Pos, "%s: %v", what, err)
			ok = false
			continue
		}
		t.Info = info
		n := info.Duration
		switch {
		case n <= 0:
			b.ps.Add(m.Pos, "%s has no length: it holds no sound to play", what)
			ok = false
		case t.Start >= n:
			b.ps.Add(m.StartPos, "%s: start %s is not within the track, which is %s long", what, fmtSeconds(t.Start), fmtSeconds(n))
			ok = false
		case t.End > n+time.Millisecond:
			// A millisecond of grace: a header's length is rounded.
			b.ps.Add(m.EndPos, "%s: end %s is after the end of the track, which is %s long", what, fmtSeconds(t.End), fmtSeconds(n))
			ok = false
		case t.End == 0 || t.End > n:
			t.End = n
		}
	}
	if !ok || b.opts.AudioReader == nil || len(b.tracks) == 0 {
		return ctx.Err()
	}
	placeTracks(b.tracks)
	if b.opts.Sync == setting.SyncBeats {
		return b.readOnsets(ctx)
	}
	return ctx.Err()
}

// readOnsets collects the onsets of every track in the music's time.
func (b *builder) readOnsets(ctx context.Context) error {
	b.onsets = []time.Duration{}
	for i, t := range b.tracks {
		on, err := b.opts.AudioReader.Onsets(ctx, t.File)
		if err != nil {
			if ctx.Err() != nil {
				return context.Cause(ctx)
			}
			b.ps.Add(b.opts.Music[i].Pos, "music %d: %s: find its beats: %v", i+1, relToStoryboard(b.sb, t.File), err)
			continue
		}
		for _, o := range on {
			if o >= t.Start && o < t.End {
				b.onsets = append(b.onsets, t.At+o-t.Start)
			}
		}
	}
	slices.Sort(b.onsets)
	return nil
}

// musicKnown reports whether the tracks were read, so that the music's
// length is known; if not, and what needs it, it says so.
func (b *builder) musicKnown(what string, at storyboard.Pos) bool {
	if len(b.tracks) == 0 {
		b.ps.Add(at, "%s needs music: add a music: list or --audio", what)
		return false
	}
	if b.tracks[len(b.tracks)-1].Length() > 0 {
		return true
	}
	if b.opts.AudioReader == nil {
		b.ps.Add(at, "%s needs the music's length, and this plan does not read the music", what)
	}
	return false
}

// exactLength is the video's length before rounding to frames.
func (b *builder) exactLength() (total, transitions time.Duration) {
	for i, s := range b.p.Slides {
		total += s.Duration
		if b.p.Next(i) >= 0 {
			transitions += s.Out.Duration
		}
	}
	return total - transitions, transitions
}

// fitMusic scales the slides' durations so that the video ends with the
// music (music_fit: music), or warns when music shorter than the video is
// followed by silence.
func (b *builder) fitMusic() {
	b.written = make([]time.Duration, len(b.p.Slides))
	for i, s := range b.p.Slides {
		b.written[i] = s.Duration
	}
	o := b.opts
	switch {
	case o.MusicFit == setting.MusicFitMusic:
		if !b.musicKnown("music_fit: music", b.sb.MusicPlan.FitPos) {
			return
		}
		m := b.p.MusicLength()
		video, trans := b.exactLength()
		// Transitions keep their length: (Σd·k) − Σt = m.
		k := float64(m+trans) / float64(video+trans)
		for i := range b.p.Slides {
			s := &b.p.Slides[i]
			s.Duration = time.Duration(math.Round(float64(s.Duration) * k))
		}
	case o.MusicFit == setting.MusicFitVideo && len(b.tracks) > 0 && !o.Loop:
		if m := b.p.MusicLength(); m > 0 {
			if video, _ := b.exactLength(); m < video {
				b.p.Warnings = append(b.p.Warnings, fmt.Sprintf(
					"the music (%s) is shorter than the video (%s): the end is silent; set music_fit (--music-fit) to loop to repeat the music or to music to fit the slides to it",
					fmtSeconds(m), fmtSeconds(video)))
			}
		}
	}
}

// syncBeats moves each cut between two slides to the nearest onset of the
// music that keeps both slides at least SyncMin long (and long enough for
// their transitions), from the first cut to the last. A cut is the first
// frame of the next slide, or the middle of the transition into it.
func (b *builder) syncBeats() {
	if b.opts.Sync != setting.SyncBeats {
		return
	}
	if !b.musicKnown("sync: beats", b.sb.MusicPlan.SyncPos) || b.onsets == nil {
		return
	}
	onsets := b.onsets
	if b.p.MusicFit == setting.MusicFitLoop {
		onsets = repeatOnsets(b.onsets, b.p)
	}
	slides := b.p.Slides
	frame := b.p.FPS.Time(1)
	minLen := func(i int) time.Duration {
		in := time.Duration(0)
		if p := b.p.Prev(i); p >= 0 {
			in = slides[p].Out.Duration
		}
		return max(b.opts.SyncMin, in+slides[i].Out.Duration+frame)
	}
	var start time.Duration // exact start of slide i
	for i := 0; i+1 < len(slides); i++ {
		s := &slides[i]
		cut := start + s.Duration - s.Out.Duration/2
		lo := cut - (s.Duration - minLen(i))
		hi := cut + (slides[i+1].Duration - minLen(i+1))
		c := Cut{Slide: i, Planned: cut, Synced: cut, Unchanged: true}
		if lo <= hi {
			if o, ok := nearest(onsets, cut, lo, hi); ok {
				c.Synced, c.Unchanged = o, false
				s.Duration += o - cut
				slides[i+1].Duration -= o - cut
			}
		}
		b.p.Cuts = append(b.p.Cuts, c)
		start += s.Duration - s.Out.Duration
	}
}

// nearest returns the onset nearest t within [lo, hi]; onsets are sorted.
func nearest(onsets []time.Duration, t, lo, hi time.Duration) (time.Duration, bool) {
	best, found := time.Duration(0), false
	i, _ := slices.BinarySearch(onsets, lo)
	for ; i < len(onsets) && onsets[i] <= hi; i++ {
		if o := onsets[i]; !found || absDur(o-t) < absDur(best-t) {
			best, found = o, true
		}
	}
	return best, found
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// repeatOnsets repeats the music's onsets as music_fit loop repeats it.
func repeatOnsets(onsets []time.Duration, p *Plan) []time.Duration {
	var out []time.Duration
	step := p.MusicLength() - p.LoopJoin()
	for r := 0; r < p.Repeats(); r++ {
		for _, o := range onsets {
			out = append(out, time.Duration(r)*step+o)
		}
	}
	return out
}

// placeCuts records each synced cut's frame once the slides are placed.
func (b *builder) placeCuts() {
	for i := range b.p.Cuts {
		c := &b.p.Cuts[i]
		next := b.p.Slides[c.Slide+1]
		c.Frame = next.Start + b.p.Slides[c.Slide].Out.Frames/2
		if b.p.Slides[c.Slide].Out.Name == effects.None {
			c.Frame = next.Start
		}
	}
}

// timeScale is how much the music stretched slide i: keyframe times
// written in seconds stretch with it.
func (b *builder) timeScale(i int) float64 {
	if b.written == nil || b.written[i] == 0 {
		return 1
	}
	return float64(b.p.Slides[i].Duration) / float64(b.written[i])
}
