package batch

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
)

var testSettings = map[string]Kind{"fps": Scalar, "size": Scalar, "duration": Scalar, "audio": PathList, "ffmpeg-arg": List, "loop": Scalar, "font": Path}

// TestParse reads good manifests in both forms: defaults, overrides that
// replace them, paths relative to the manifest.
func TestParse(t *testing.T) {
	tests := []struct {
		name, file, src string
	}{
		{"yaml", "dir/m.yaml", `defaults: {fps: 10, audio: a.mp3}
jobs:
  - id: one
    input: photos
    output: out/one.mp4
  - id: 2
    input: [x.jpg, /abs/y.jpg]
    output: two.webm
    fps: 12
    audio: [b.mp3, c.mp3]
    ffmpeg-arg: [-tune, film]
    font: fonts/a.ttf
    loop: true
`},
		{"jsonl", "dir/m.jsonl", `{"defaults": {"fps": 10, "audio": "a.mp3"}}
{"id": "one", "input": "photos", "output": "out/one.mp4"}

{"id": 2, "input": ["x.jpg", "/abs/y.jpg"], "output": "two.webm", "fps": 12, "audio": ["b.mp3", "c.mp3"], "ffmpeg-arg": ["-tune", "film"], "font": "fonts/a.ttf", "loop": true}
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.file, []byte(tt.src), testSettings)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Jobs) != 2 {
				t.Fatalf("%d jobs", len(m.Jobs))
			}
			one, two := m.Jobs[0], m.Jobs[1]
			if one.ID != "one" || one.Output != filepath.Join("dir", "out/one.mp4") || strings.Join(one.Inputs, ",") != filepath.Join("dir", "photos") {
				t.Errorf("job one: %+v", one)
			}
			if got := settingsText(one.Settings); got != "audio=dir/a.mp3 fps=10" {
				t.Errorf("job one settings: %s", got)
			}
			if two.ID != "2" || two.Index != 1 || strings.Join(two.Inputs, ",") != "dir/x.jpg,/abs/y.jpg" {
				t.Errorf("job two: %+v", two)
			}
			if got := settingsText(two.Settings); got != "audio=dir/b.mp3,dir/c.mp3 ffmpeg-arg=-tune,film font=dir/fonts/a.ttf fps=12 loop=true" {
				t.Errorf("job two settings: %s", got)
			}
			if two.Where.Line != 4 && tt.name == "jsonl" || two.Where.Line != 6 && tt.name == "yaml" {
				t.Errorf("job two at %s", two.Where)
			}
		})
	}
}

func settingsText(ss []Setting) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, s.Name+"="+strings.Join(s.Values, ","))
	}
	return strings.Join(parts, " ")
}

// TestParseProblems lists every problem of a bad manifest at once, each at
// its line and column.
func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{"many", "m.yaml", `defaults: {fsp: 10}
jobs:
  - id: a
    input: x
    output: a.mp4
  - id: a
    input: y
    output: a.mp4
  - input: z
    output: z.avi
    fps: [1, 2]
  - id: d
    output: d.mp4
`, []string{
			`m.yaml:1:12: unknown key "fsp" in defaults (did you mean "fps"?)`,
			`m.yaml:6:5: id "a" is also job 1's (m.yaml:3:5): ids must be unique`,
			`m.yaml:6:5: job "a" writes a.mp4, as job "a" (m.yaml:3:5) does: outputs must differ`,
			`m.yaml:9:5: job 3 has no id`,
			`m.yaml:10:13: job 3: output: output z.avi: kenburns writes`,
			`m.yaml:11:10: job 3: fps must be a single value, not a list`,
			`m.yaml:12:5: job 4 has no input`,
		}},
		{"syntax", "m.yaml", "jobs:\n  - id: a\n   input: [x\n", []string{"m.yaml:3:"}},
		{"tab", "m.yaml", "jobs:\n\t- id: a\n", []string{"m.yaml:2:1: YAML indents with spaces, not tabs"}},
		{"no jobs", "m.yaml", "defaults: {fps: 10}\n", []string{"m.yaml:1:1: the manifest has no jobs"}},
		{"empty", "m.yaml", "", []string{"m.yaml: the manifest is empty"}},
		{"empty jsonl", "m.jsonl", "\n", []string{"m.jsonl: no jobs"}},
		{"jsonl", "m.jsonl", `{"id": "a", "input": "x", "output": "a.mp4"}
[1, 2]
{"id": "b", "input": "x", "output": "b.mp4", "size": {"w": 1}}
{"id": "c", "input": "x", "output": "c.mp4"
`, []string{
			"m.jsonl:2:1: each line must be a JSON object",
			"m.jsonl:3:54: job \"b\": size must be a single value, not a mapping",
			"m.jsonl:4:",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.src), testSettings)
			var se *storyboard.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *storyboard.Error", err)
			}
			if len(se.Problems) != len(tt.want) {
				t.Errorf("%d problems, want %d:\n%v", len(se.Problems), len(tt.want), err)
			}
			for i, w := range tt.want {
				if i < len(se.Problems) && !strings.HasPrefix(se.Problems[i].String(), w) {
					t.Errorf("problem %d: %s\nwant %s...", i+1, se.Problems[i], w)
				}
			}
		})
	}
}

// TestParseShards reads the shards key of a long video, in both forms,
// and refuses values that are no whole number from 2 to setting.MaxShards
// at their line and column.
func TestParseShards(t *testing.T) {
	for _, tt := range []struct{ name, file, src string }{
		{"yaml", "m.yaml", "jobs:\n  - {id: a, input: x, output: a.mp4}\n  - id: long\n    input: long.yaml\n    output: long.mp4\n    shards: 8\n"},
		{"jsonl", "m.jsonl", `{"id": "a", "input": "x", "output": "a.mp4"}
{"id": "long", "input": "long.yaml", "output": "long.mp4", "shards": 8}
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.file, []byte(tt.src), testSettings)
			if err != nil {
				t.Fatal(err)
			}
			if m.Jobs[0].Shards != 0 || m.Jobs[1].Shards != 8 {
				t.Errorf("shards %d and %d, want 0 and 8", m.Jobs[0].Shards, m.Jobs[1].Shards)
			}
			if len(m.Jobs[1].Settings) != 0 {
				t.Errorf("shards became a render setting: %v", m.Jobs[1].Settings)
			}
		})
	}
	max := strconv.Itoa(setting.MaxShards)
	for _, tt := range []struct{ name, src, want string }{
		{"one", "shards: 1", `m.yaml:2:49: job "a": shards 1: want 2 to ` + max},
		{"zero", "shards: 0", `m.yaml:2:49: job "a": shards 0: want 2 to ` + max},
		{"negative", "shards: -3", `m.yaml:2:49: job "a": shards -3: want 2 to ` + max},
		{"too many", "shards: " + strconv.Itoa(setting.MaxShards+1), `m.yaml:2:49: job "a": shards ` + strconv.Itoa(setting.MaxShards+1) + ": want 2 to " + max},
		{"text", "shards: many", `m.yaml:2:49: job "a": shards must be a whole number of chunk shards, 2 to ` + max + ", not text"},
		{"fraction", "shards: 2.5", `m.yaml:2:49: job "a": shards must be a whole number`},
		{"list", "shards: [2]", `m.yaml:2:49: job "a": shards must be a whole number`},
		{"in defaults", "", `m.yaml:1:12: unknown key "shards" in defaults`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "defaults: {fps: 10}\njobs: [{id: a, input: x, output: a.mp4, " + tt.src + "}]\n"
			if tt.src == "" {
				src = "defaults: {shards: 2}\njobs: [{id: a, input: x, output: a.mp4}]\n"
			}
			_, err := Parse("m.yaml", []byte(src), testSettings)
			var se *storyboard.Error
			if !errors.As(err, &se) || len(se.Problems) != 1 || !strings.HasPrefix(se.Problems[0].String(), tt.want) {
				t.Errorf("got %v\nwant one problem %s...", err, tt.want)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	jobs := make([]*Job, 7)
	for i := range jobs {
		jobs[i] = &Job{Index: i}
	}
	for _, tt := range []struct {
		shard setting.Shard
		want  string
	}{
		{setting.Shard{Index: 0, Count: 3}, "0 3 6"}, {setting.Shard{Index: 2, Count: 3}, "2 5"},
		{setting.Shard{Index: 0, Count: 1}, "0 1 2 3 4 5 6"}, {setting.Shard{}, "0 1 2 3 4 5 6"},
	} {
		var got []string
		for _, j := range Select(tt.shard, jobs) {
			got = append(got, strconv.Itoa(j.Index))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("shard %s: %v, want %s", tt.shard, got, tt.want)
		}
	}
}

func TestAutoJobs(t *testing.T) {
	const renderPeak = render.PeakMemoryMiB << 20
	for _, tt := range []struct {
		cores int
		avail uint64
		want  int
	}{
		{2, 0, 2}, {8, 3 * renderPeak, 3}, {8, renderPeak / 2, 1}, {2, 64 << 30, 2}, {0, 0, 1},
	} {
		if got := AutoJobs(tt.cores, tt.avail); got != tt.want {
			t.Errorf("AutoJobs(%d, %d) = %d, want %d", tt.cores, tt.avail, got, tt.want)
		}
	}
}
