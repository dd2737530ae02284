package storyboard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"

	"github.com/kenburns/kenburns/internal/setting"
)

// Music is one track, played in order under the video. Nil fields were
// left out.
type Music struct {
	File string // resolved against Dir
	// Start and End trim the track: it plays from Start to End of the
	// file.
	Start, End *time.Duration
	// Volume is a factor of the track's own level.
	Volume *float64
	// FadeIn and FadeOut fade the track in at its start and out at its
	// end; the last track's FadeOut fades the music out at the video's
	// end.
	FadeIn, FadeOut *time.Duration
	// Crossfade is how long this track crossfades into the next.
	Crossfade *time.Duration
	Pos       Pos // of the file name
	// StartPos and EndPos are where the trims are written, for messages
	// about a trim outside the track.
	StartPos, EndPos Pos
}

// MusicPlan is what the storyboard says about the music as a whole.
type MusicPlan struct {
	Fit     setting.MusicFit // "" = not set
	Sync    setting.Sync     // "" = not set
	SyncMin *time.Duration   // the shortest slide beat sync may make
	// FitPos and SyncPos are where music_fit and sync are written.
	FitPos, SyncPos Pos
}

// musicKeys are the keys of one music entry.
var musicKeys = []string{"file", "start", "end", "volume", "fade_in", "fade_out", "crossfade"}

// decodeMusicSettings decodes music, music_fit, sync and sync_min.
func (d *decoder) decodeMusicSettings(top map[string]field, sb *Storyboard) {
	if f, ok := top["music"]; ok {
		d.decodeMusic(f.value, sb)
	}
	mp := &sb.MusicPlan
	if f, ok := top["music_fit"]; ok {
		if s, ok := d.name(f.value, "music_fit", setting.MusicFitNames()); ok {
			mp.Fit, mp.FitPos = setting.MusicFit(s), pos(f.value)
		}
	}
	if f, ok := top["sync"]; ok {
		if s, ok := d.name(f.value, "sync", setting.SyncNames()); ok {
			mp.Sync, mp.SyncPos = setting.Sync(s), pos(f.value)
		}
	}
	if f, ok := top["sync_min"]; ok {
		if v, ok := d.seconds(f.value, "sync_min"); ok {
			mp.SyncMin = &v
		}
	}
}

func (d *decoder) decodeMusic(n ast.Node, sb *Storyboard) {
	seq, ok := d.resolve(n).(*ast.SequenceNode)
	if !ok {
		d.add(pos(n), "music must be a list of files ([{file: theme.mp3}] or - file: lines), not %s", kind(d.resolve(n)))
		return
	}
	for i, e := range seq.Values {
		what := fmt.Sprintf("music %d", i+1)
		var m Music
		var fileNode ast.Node
		if _, isStr := d.resolve(e).(*ast.StringNode); isStr {
			fileNode = e
		} else {
			fs, ok := d.fields(e, what, musicKeys...)
			if !ok {
				continue
			}
			f, ok := fs["file"]
			if !ok {
				d.add(pos(e), "%s has no file: add file: music.mp3", what)
				continue
			}
			fileNode = f.value
			d.decodeTrack(fs, what, &m)
		}
		s, ok := d.str(fileNode, what+" file")
		if !ok {
			continue
		}
		if s == "" {
			d.add(pos(fileNode), "%s file is empty", what)
			continue
		}
		m.File, m.Pos = sb.Resolve(s), pos(fileNode)
		sb.Music = append(sb.Music, m)
	}
}

// decodeTrack decodes a music entry's settings other than its file.
func (d *decoder) decodeTrack(fs map[string]field, what string, m *Music) {
	for _, k := range []struct {
		key string
		dst **time.Duration
		at  *Pos
	}{{"start", &m.Start, &m.StartPos}, {"end", &m.End, &m.EndPos}, {"fade_in", &m.FadeIn, nil}, {"fade_out", &m.FadeOut, nil}, {"crossfade", &m.Crossfade, nil}} {
		f, ok := fs[k.key]
		if !ok {
			continue
		}
		if v, ok := d.seconds(f.value, what+" "+k.key); ok {
			*k.dst = &v
			if k.at != nil {
				*k.at = pos(f.value)
			}
		}
	}
	if m.Start != nil && m.End != nil && *m.End <= *m.Start {
		d.add(m.EndPos, "%s: end (%s) must be after start (%s)", what, setting.FormatDuration(*m.End), setting.FormatDuration(*m.Start))
		m.End = nil
	}
	if f, ok := fs["volume"]; ok {
		var v float64
		var err error
		switch n := d.resolve(f.value).(type) {
		case *ast.IntegerNode, *ast.FloatNode:
			x, ok := d.num(n, what+" volume")
			if !ok {
				return
			}
			v, err = setting.VolumeFactor(x)
		default:
			s, ok := d.str(f.value, what+" volume")
			if !ok {
				return
			}
			v, err = setting.ParseVolume(s)
		}
		if err != nil {
			d.add(pos(f.value), "%s volume: %v", what, err)
			return
		}
		m.Volume = &v
	}
}

// writeMusic writes the music and its plan as Write does.
func writeMusic(b *strings.Builder, sb *Storyboard, dir string) {
	if len(sb.Music) > 0 {
		b.WriteString("music:\n")
		for _, m := range sb.Music {
			fmt.Fprintf(b, "  - {file: %s", yamlString(relPath(dir, m.File)))
			for _, f := range []struct {
				key string
				d   *time.Duration
			}{{"start", m.Start}, {"end", m.End}, {"fade_in", m.FadeIn}, {"fade_out", m.FadeOut}, {"crossfade", m.Crossfade}} {
				if f.d != nil {
					fmt.Fprintf(b, ", %s: %s", f.key, durString(*f.d))
				}
			}
			if m.Volume != nil {
				fmt.Fprintf(b, ", volume: %s", strconv.FormatFloat(*m.Volume, 'g', -1, 64))
			}
			b.WriteString("}\n")
		}
	}
	mp := sb.MusicPlan
	if mp.Fit != "" && mp.Fit != setting.MusicFitVideo {
		fmt.Fprintf(b, "music_fit: %s\n", mp.Fit)
	}
	if mp.Sync != "" && mp.Sync != setting.SyncNone {
		fmt.Fprintf(b, "sync: %s\n", mp.Sync)
	}
	if mp.SyncMin != nil {
		fmt.Fprintf(b, "sync_min: %s\n", durString(*mp.SyncMin))
	}
}
