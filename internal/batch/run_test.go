package batch

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/setting"
)

// TestRunFailed: a run with failed jobs is ErrFailed (exit 1 for the
// command, as the exit codes say) whether the jobs failed on
// invalid input or to render, and every job is counted.
func TestRunFailed(t *testing.T) {
	errInvalid := errors.New("bad input")
	errRender := errors.New("ffmpeg failed")
	for _, tt := range []struct {
		name string
		errs []error
	}{
		{"all invalid", []error{errInvalid, errInvalid}},
		{"one render failure", []error{errInvalid, errRender}},
		{"render failures", []error{errRender}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var jobs []*Job
			for i := range tt.errs {
				jobs = append(jobs, &Job{Index: i, ID: string(rune('a' + i))})
			}
			r := &Runner{
				Plan:    func(_ context.Context, j *Job) (Planned, error) { return Planned{}, tt.errs[j.Index] },
				Invalid: func(err error) bool { return errors.Is(err, errInvalid) },
				Jobs:    1,
			}
			sum, err := r.Run(context.Background(), jobs)
			if !errors.Is(err, ErrFailed) {
				t.Errorf("got %v, want ErrFailed", err)
			}
			if sum.Failed != len(tt.errs) {
				t.Errorf("%d failed, want %d", sum.Failed, len(tt.errs))
			}
		})
	}
}

// TestWholeSelect: Whole leaves out the long videos, and Select shards
// the jobs left by their position among themselves, so that no shard is
// left with nothing for the long videos' sake.
func TestWholeSelect(t *testing.T) {
	jobs := []*Job{{Index: 0, ID: "a"}, {Index: 1, ID: "long", Shards: 4}, {Index: 2, ID: "b"}, {Index: 3, ID: "c"}}
	var got []string
	for _, j := range Select(setting.Shard{Index: 1, Count: 3}, Whole(jobs)) {
		got = append(got, j.ID)
	}
	if strings.Join(got, " ") != "b" {
		t.Errorf("shard 1/3 of the whole jobs: %v, want b", got)
	}
}
