package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"

	"github.com/google/renameio/v2"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/internal/batch"
	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// batchOptions are the batch command's flags.
type batchOptions struct {
	jobs      string // a number or auto
	processes int
	retries   int
	force     bool
	progress  setting.Progress
	report    string
	shard     setting.Shard
	outputs   string
	cache     cacheFlags
	flags     *pflag.FlagSet
	lookupEnv func(string) (string, bool)
	kube      kubeFlags
	// skipSharded leaves out the jobs with shards: (long videos), which
	// the chunk and join Jobs of --kubernetes render instead.
	skipSharded bool
}

func (o *batchOptions) addFlags(fs *pflag.FlagSet) {
	o.flags = fs
	fs.StringVarP(&o.jobs, "jobs", "j", "auto", "videos rendered at once: a number, or auto (by cores and available memory)")
	fs.IntVar(&o.processes, "processes", runtime.NumCPU(), "ffmpeg processes and photo decodes at once, shared by all the videos")
	fs.IntVar(&o.retries, "retries", 1, "times a job that failed to render (exit 1) is tried again; invalid input is never retried")
	fs.BoolVar(&o.force, "force", false, "render every job, even those whose output is up to date")
	o.progress = setting.ProgressAuto
	fs.Var(&o.progress, "progress", "progress display: auto, bar (one per running job and one for the batch), plain, json or none")
	fs.StringVar(&o.report, "report", "", "write the summary as JSON to this file")
	fs.Var(&o.shard, "shard", "run only the jobs whose index mod N is I (default: from "+setting.ShardIndexEnv+" and "+setting.ShardCountEnv+")")
	fs.BoolVar(&o.skipSharded, "skip-sharded", false, "leave out the jobs with shards: (long videos, rendered by the chunk and join Jobs of --kubernetes); --shard then counts only the jobs left")
	fs.StringVar(&o.outputs, "output-dir", "", "resolve relative outputs against this folder instead of the manifest's")
	o.kube.addFlags(fs)
	o.cache.addFlags(fs, false)
}

func newBatchCmd() *cobra.Command {
	o := &batchOptions{lookupEnv: os.LookupEnv}
	cmd := &cobra.Command{
		Use:   "batch [flags] MANIFEST",
		Short: "Render many videos from a manifest, resumably",
		Long: `Batch renders every job of a manifest (YAML with defaults: and jobs:, or
JSON lines): each job has an id, an input (a storyboard, a folder or a list
of photos), an output and any render setting by its flag name, such as
size, fps or duration; defaults apply to every job. Relative paths are
relative to the manifest. The whole manifest is checked before any work.

Jobs render --jobs at a time on one shared pool of --processes ffmpeg
processes. A job whose output is up to date (the record OUTPUT` + batch.RecordSuffix + `
beside it matches everything that decides its content) is skipped, so a
batch stopped half way resumes where it stopped. A job that fails to render
is retried; one whose input or settings are invalid is not; either way the
other jobs go on.

EXIT STATUS
  0    every job rendered or was up to date
  1    at least one job failed (each failure is reported)
  2    the manifest is invalid (every problem, as file:line:col); nothing ran
  130  interrupted (Ctrl-C or SIGTERM); finished outputs stay, no partial file`,
		Example: `  kenburns batch videos.yaml
  kenburns batch --jobs 2 --progress json --report summary.json videos.yaml
  kenburns batch --shard 0/3 videos.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("batch: name one manifest")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(cmd.Context(), o, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}

// batchExcluded are render flags that are the batch's, not a job's: where
// the output goes, how the batch runs and shows progress, the cache.
var batchExcluded = map[string]bool{
	"output": true, "overwrite": true, "jobs": true, "progress": true, "dry-run": true,
	"keep-work": true, "cache": true, "cache-max": true, "no-cache": true, "x264-preset": true,
	// A job is a whole video; render --shard encodes a part of one.
	"shard": true,
}

// jobSettings are the render flags a manifest job may set, with their kind.
func jobSettings() map[string]batch.Kind {
	out := map[string]batch.Kind{}
	newRenderCmd(nil).Flags().VisitAll(func(f *pflag.Flag) {
		if batchExcluded[f.Name] {
			return
		}
		k := batch.Scalar
		switch f.Value.Type() {
		case "stringSlice", "stringArray":
			k = batch.List
		}
		switch f.Name {
		case "audio":
			k = batch.PathList
		case "font":
			k = batch.Path
		}
		out[f.Name] = k
	})
	return out
}

// settingError is a job setting its flag's parser refused: invalid input.
type settingError struct {
	s   batch.Setting
	job string
	err error
}

func (e *settingError) Error() string {
	return fmt.Sprintf("%s: job %q: %s: %v", e.s.Where, e.job, e.s.Name, e.err)
}
func (e *settingError) Unwrap() error { return e.err }

// planJob plans a job on render's own path: its settings go through the
// render command's flags, parsed and bounded as on the command line, and
// win over a storyboard's as explicit flags do.
func planJob(ctx context.Context, j *batch.Job, c *cacheFlags) (batch.Planned, error) {
	var none batch.Planned
	o := &renderOptions{planFlags: newPlanFlags()}
	fs := pflag.NewFlagSet("job", pflag.ContinueOnError)
	o.addFlags(fs)
	for _, s := range j.Settings {
		f := fs.Lookup(s.Name)
		for _, v := range s.Values {
			// The flag's own parser, without pflag's "invalid argument
			// for flag" around its message: this is no flag.
			if err := f.Value.Set(v); err != nil {
				return none, &settingError{s: s, job: j.ID, err: err}
			}
		}
		f.Changed = true
	}
	if err := fs.Set("output", j.Output); err != nil {
		return none, err
	}
	if err := o.finish(j.Inputs); err != nil {
		// Only the size and the megapixel cap are parsed here.
		for _, s := range j.Settings {
			if s.Name == "size" || s.Name == "max-megapixels" {
				return none, &settingError{s: s, job: j.ID, err: err}
			}
		}
		return none, fmt.Errorf("%s: job %q: %w", j.Where, j.ID, err)
	}
	cc, err := c.open()
	if err != nil {
		return none, err
	}
	o.Options.Cache = cc
	pl, err := planWith(ctx, o.Options, o.given)
	if err != nil {
		// The planner bounds some settings (zoom, fades against the
		// length) and reads the inputs: the job's place says whose.
		return none, fmt.Errorf("%s: job %q: %w", j.Where, j.ID, err)
	}
	out := batch.Planned{Plan: pl.plan}
	if o.SkipBad {
		// Photos whose header read fine but whose pixels do not, as
		// render --skip-bad does.
		out.Without = func(ctx context.Context, bad []*photo.Error) (*slideshow.Plan, error) {
			return slideshow.Build(ctx, slideshow.Without(pl.sb, bad), pl.opts)
		}
	}
	return out, nil
}

func runBatch(ctx context.Context, o *batchOptions, manifest string, stdout, stderr io.Writer) error {
	jobs, err := o.parallel()
	if err != nil {
		return err
	}
	if o.processes < 1 {
		return usageError{fmt.Errorf("--processes %d: want at least 1", o.processes)}
	}
	if o.retries < 0 {
		return usageError{fmt.Errorf("--retries %d: want 0 or more", o.retries)}
	}
	shard, err := o.chooseShard()
	if err != nil {
		return err
	}
	c, err := o.cache.open()
	if err != nil {
		return err
	}
	settings := jobSettings()
	m, err := batch.Load(manifest, settings)
	if err != nil {
		return err
	}
	if o.outputs != "" {
		m.OutputsIn(o.outputs)
	}
	if o.kube.on {
		return o.kube.write(stdout, manifest, m, o, settings)
	}
	todo := m.Jobs
	if o.skipSharded {
		todo = batch.Whole(todo)
	}
	selected := batch.Select(shard, todo)
	show := newBatchProgress(o.progress, stderr)
	r := &batch.Runner{
		Plan:     func(ctx context.Context, j *batch.Job) (batch.Planned, error) { return planJob(ctx, j, &o.cache) },
		Invalid:  invalidJob,
		Renderer: render.Renderer{Jobs: o.processes, Cache: c, Slots: render.NewSlots(o.processes)},
		Cache:    c,
		Jobs:     jobs,
		Retries:  o.retries,
		Force:    o.force,
		Events:   show.event,
	}
	r.ProgressEvery = show.every()
	sum, err := r.Run(ctx, selected)
	show.finish(sum, shard)
	if o.report != "" {
		if werr := writeReport(o.report, sum); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// parallel is --jobs as a number: auto is one video per core, as many as
// the available memory holds at the measured per-render peak.
func (o *batchOptions) parallel() (int, error) {
	if o.jobs == "auto" {
		return batch.AutoJobs(runtime.NumCPU(), batch.AvailableMemory()), nil
	}
	n, err := strconv.Atoi(o.jobs)
	if err != nil || n < 1 {
		return 0, usageError{fmt.Errorf("--jobs %q: want a number of at least 1, or auto", o.jobs)}
	}
	return n, nil
}

// chooseShard is --shard, else the shard of a Kubernetes Indexed Job.
func (o *batchOptions) chooseShard() (setting.Shard, error) {
	if o.flags.Changed("shard") {
		return o.shard, nil
	}
	s, err := setting.ShardFromEnv(o.lookupEnv)
	if err != nil {
		return s, usageError{err}
	}
	return s, nil
}

// writeReport writes the summary as JSON, atomically.
func writeReport(path string, sum *batch.Summary) error {
	b, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(path, append(b, '\n'), 0o644, renameio.WithExistingPermissions()); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	return nil
}

// invalidJob tells a job's invalid input (exit code 2: never retried) from
// a render failure.
func invalidJob(err error) bool {
	return errors.As(err, new(*settingError)) || errors.As(err, new(*batch.OutputExistsError)) ||
		exitCode(context.Background(), err) == exitInvalid
}
