// Package batch renders many videos from one manifest: it reads and checks
// the manifest, runs its jobs a few at a time on one shared pool of
// processes, skips the jobs whose output is up to date, retries render
// failures and reports every job's events.
package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/yamltext"
)

// Manifest is a parsed manifest: the jobs in file order.
type Manifest struct {
	Path string
	Jobs []*Job
}

// Job is one video to render.
type Job struct {
	Index  int    // 0-based position in the manifest, which --shard goes by
	ID     string // unique in the manifest
	Inputs []string
	Output string
	// Settings are render settings by flag name: the manifest's
	// defaults, then the job's own, which replace a default of the same
	// name. Their values are parsed by the render flags' own parsers
	// when the job is planned.
	Settings []Setting
	Where    Where // the job's place in the manifest
	// Shards marks a long video: 0 for an ordinary job, else the number
	// of chunk shards (2 to setting.MaxShards) that batch --kubernetes
	// splits it into, each a pod running render --shard, then a join.
	// A local batch renders it as any other job.
	Shards  int
	written string // the output as written
}

// Written is the job's output as the manifest writes it, before it is
// resolved against the manifest's folder or --output-dir.
func (j *Job) Written() string { return j.written }

// OutputsIn resolves the jobs' relative outputs against dir instead of the
// manifest's folder: a cluster reads the manifest from a read-only volume
// and writes to another.
func (m *Manifest) OutputsIn(dir string) {
	for _, j := range m.Jobs {
		if !filepath.IsAbs(j.written) {
			j.Output = filepath.Join(dir, j.written)
		}
	}
}

// Setting is one render setting of a job, as written: a flag name and its
// value (several for a list, such as audio).
type Setting struct {
	Name   string
	Values []string
	Where  Where
}

// Where is a place in the manifest, for messages.
type Where struct {
	File      string
	Line, Col int
}

func (w Where) String() string {
	if w.Line == 0 {
		return w.File
	}
	return fmt.Sprintf("%s:%d:%d", w.File, w.Line, w.Col)
}

// Kind says how a setting's value is written.
type Kind int

// The kinds of settings.
const (
	Scalar   Kind = iota // one value
	List                 // one value or a list of them
	PathList             // a list of files, relative to the manifest
	Path                 // one file, relative to the manifest
)

// Keys of a job besides its settings.
const (
	keyID     = "id"
	keyInput  = "input"
	keyOutput = "output"
	keyShards = "shards"
)

// Load reads and parses the manifest at path. settings names the render
// settings a job may give, with their kind. Every problem of the file is
// returned at once, as a *storyboard.Error with file:line:col.
func Load(path string, settings map[string]Kind) (*Manifest, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: read manifest: %w", ErrInvalid, err)
	}
	return Parse(path, src, settings)
}

// ErrInvalid marks a manifest that cannot be read at all.
var ErrInvalid = errors.New("invalid manifest")

// Parse parses a manifest already read. A name ending in .jsonl or
// .ndjson is JSON lines: one job per line, or {"defaults": {...}};
// anything else is YAML with defaults: and jobs:.
func Parse(path string, src []byte, settings map[string]Kind) (*Manifest, error) {
	d := &decoder{ps: storyboard.Problems{File: path}, settings: settings, dir: filepath.Dir(path)}
	text, err := yamltext.Decode(src)
	if err != nil {
		var te *yamltext.Error
		if errors.As(err, &te) && te.Line > 0 {
			d.add(storyboard.Pos{Line: te.Line, Col: te.Col}, "%s", te.Msg)
		} else {
			d.add(storyboard.Pos{}, "%v", err)
		}
		return nil, d.ps.Err(nil)
	}
	m := &Manifest{Path: path}
	var defaults, jobs []ast.Node
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		defaults, jobs = d.jsonLines(text)
	default:
		defaults, jobs = d.yamlFile(text)
	}
	if len(defaults) > 1 {
		d.add(pos(defaults[1]), "defaults given twice: give them once")
	}
	var base []Setting
	if len(defaults) > 0 {
		base = d.settingsOf(defaults[0], "defaults")
	}
	for i, n := range jobs {
		if j := d.job(n, i, base); j != nil {
			m.Jobs = append(m.Jobs, j)
		}
	}
	if len(jobs) == 0 && len(d.ps.List) == 0 {
		d.add(storyboard.Pos{}, "no jobs: give one JSON object per line")
	}
	d.unique(m.Jobs)
	if err := d.ps.Err(text); err != nil {
		return nil, err
	}
	return m, nil
}

// decoder walks the YAML syntax tree, keeping every value's place.
type decoder struct {
	ps       storyboard.Problems
	settings map[string]Kind
	dir      string
	line     int // lines before the current JSON line
}

func (d *decoder) add(at storyboard.Pos, format string, args ...any) {
	if at.Line > 0 {
		at.Line += d.line
	}
	d.ps.Add(at, format, args...)
}

func (d *decoder) where(n ast.Node) Where {
	p := pos(n)
	if p.Line > 0 {
		p.Line += d.line
	}
	return Where{File: d.ps.File, Line: p.Line, Col: p.Col}
}

// settingNames lists the settings a job may give, sorted, for messages.
func (d *decoder) settingNames() []string {
	names := make([]string, 0, len(d.settings))
	for n := range d.settings {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// settingsOf reads the render settings of the defaults mapping.
func (d *decoder) settingsOf(n ast.Node, what string) []Setting {
	n = d.at(n)
	return d.settingsFrom(d.fields(n, what, d.settingNames()), what)
}

// settingsFrom reads the render settings among a mapping's fields.
func (d *decoder) settingsFrom(fs map[string]field, what string) []Setting {
	var out []Setting
	for _, name := range d.settingNames() {
		f, ok := fs[name]
		if !ok {
			continue
		}
		k := d.settings[name]
		var vals []string
		if k == Scalar || k == Path {
			v, ok := d.text(f.value, what+": "+name)
			if !ok {
				continue
			}
			vals = []string{v}
		} else if vals, ok = d.texts(f.value, what+": "+name); !ok {
			continue
		}
		if k == PathList || k == Path {
			for i, v := range vals {
				vals[i] = d.resolve(v)
			}
		}
		out = append(out, Setting{Name: name, Values: vals, Where: d.where(f.value)})
	}
	return out
}

func (d *decoder) resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(d.dir, p)
}

// job reads one entry of the jobs list.
func (d *decoder) job(n ast.Node, index int, base []Setting) *Job {
	n = d.at(n)
	fs := d.fields(n, fmt.Sprintf("job %d", index+1), append(d.settingNames(), keyID, keyInput, keyOutput, keyShards))
	if fs == nil {
		d.line = 0
		return nil
	}
	j := &Job{Index: index, Where: d.where(n)}
	ok := true
	need := func(key string) (ast.Node, bool) {
		f, found := fs[key]
		if !found {
			d.add(pos(n), "job %d has no %s", index+1, key)
			ok = false
		}
		return f.value, found
	}
	if v, found := need(keyID); found {
		if j.ID, found = d.text(v, "id"); found && j.ID == "" {
			d.add(pos(v), "job %d: id is empty", index+1)
		}
		ok = ok && found
	}
	what := fmt.Sprintf("job %d", index+1)
	if j.ID != "" {
		what = fmt.Sprintf("job %q", j.ID)
	}
	own := d.settingsFrom(fs, what)
	if v, found := need(keyInput); found {
		ins, good := d.texts(v, what+": input")
		for _, in := range ins {
			if in == "" {
				d.add(pos(v), "%s: an input is empty", what)
				good = false
			}
			j.Inputs = append(j.Inputs, d.resolve(in))
		}
		ok = ok && good
	}
	if v, found := need(keyOutput); found {
		out, good := d.text(v, what+": output")
		if good {
			if _, err := setting.ContainerOf(out); err != nil {
				d.add(pos(v), "%s: output: %v", what, err)
				good = false
			}
		}
		j.Output, j.written = d.resolve(out), out
		ok = ok && good
	}
	if f, found := fs[keyShards]; found {
		j.Shards = d.shards(f.value, what)
		ok = ok && j.Shards > 0
	}
	// The job's own settings replace the defaults of the same name.
	for _, b := range base {
		if !slices.ContainsFunc(own, func(s Setting) bool { return s.Name == b.Name }) {
			j.Settings = append(j.Settings, b)
		}
	}
	j.Settings = append(j.Settings, own...)
	d.line = 0
	if !ok {
		return nil
	}
	return j
}

// shards reads a job's shards: a whole number from 2 (one shard is no
// split) to setting.MaxShards; 0 after reporting a problem.
func (d *decoder) shards(n ast.Node, what string) int {
	v, ok := plain(n).(*ast.IntegerNode)
	if !ok {
		d.add(pos(n), "%s: shards must be a whole number of chunk shards, 2 to %d, not %s", what, setting.MaxShards, kind(n))
		return 0
	}
	i, err := strconv.Atoi(v.GetToken().Value)
	if err != nil || i < 2 || i > setting.MaxShards {
		d.add(pos(n), "%s: shards %s: want 2 to %d chunk shards (leave it out for an ordinary job)", what, v.GetToken().Value, setting.MaxShards)
		return 0
	}
	return i
}

// unique reports ids and outputs given to two jobs: two jobs writing one
// file would undo each other, and shards must never share a file.
func (d *decoder) unique(jobs []*Job) {
	ids := map[string]*Job{}
	outs := map[string]*Job{}
	for _, j := range jobs {
		if o, ok := ids[j.ID]; ok {
			d.ps.List = append(d.ps.List, problem(j.Where, "id %q is also job %d's (%s): ids must be unique", j.ID, o.Index+1, o.Where))
		} else {
			ids[j.ID] = j
		}
		abs, _ := filepath.Abs(j.Output)
		if o, ok := outs[abs]; ok {
			d.ps.List = append(d.ps.List, problem(j.Where, "job %q writes %s, as job %q (%s) does: outputs must differ", j.ID, j.Output, o.ID, o.Where))
		} else {
			outs[abs] = j
		}
	}
}

func problem(w Where, format string, args ...any) storyboard.Problem {
	return storyboard.Problem{File: w.File, Line: w.Line, Col: w.Col, Msg: fmt.Sprintf(format, args...)}
}
