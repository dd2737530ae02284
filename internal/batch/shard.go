package batch

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// Environment variables that choose a shard inside a Kubernetes Indexed
// Job: Kubernetes sets the index, the Job's manifest sets the count.
const (
	EnvIndex  = "JOB_COMPLETION_INDEX"
	EnvShards = "KENBURNS_SHARDS"
)

// Shard is one of N disjoint parts of a manifest: the jobs whose index
// mod N is I. The zero Shard is the whole manifest.
type Shard struct{ I, N int }

// ParseShard parses "I/N", 0 <= I < N.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %q: want I/N with 0 <= I < N, such as 0/3", s)
	}
	return Shard{I: i, N: n}, nil
}

// ShardFromEnv reads the shard from EnvIndex and EnvShards, as getenv
// gives them; ok is false when neither is set. One without the other is
// an error: every pod would render every job.
func ShardFromEnv(getenv func(string) string) (s Shard, ok bool, err error) {
	i, n := getenv(EnvIndex), getenv(EnvShards)
	switch {
	case i == "" && n == "":
		return Shard{}, false, nil
	case n == "":
		return Shard{}, false, fmt.Errorf("%s is set but %s is not: set it to the Job's completions", EnvIndex, EnvShards)
	case i == "":
		return Shard{}, false, fmt.Errorf("%s is set but %s is not", EnvShards, EnvIndex)
	}
	s, err = ParseShard(i + "/" + n)
	if err != nil {
		return Shard{}, false, fmt.Errorf("%s=%s, %s=%s: %w", EnvIndex, i, EnvShards, n, err)
	}
	return s, true, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

// Select returns the jobs of the shard, in order.
func (s Shard) Select(jobs []*Job) []*Job {
	if s.N <= 1 {
		return jobs
	}
	var out []*Job
	for _, j := range jobs {
		if j.Index%s.N == s.I {
			out = append(out, j)
		}
	}
	return out
}

// RenderPeak is the measured peak memory of one render at 1080p with the
// default settings: all its processes together, with two chunk encoders
// at once (README, "Flat memory": 985 MiB for 10 photos of 12-24 MP).
const RenderPeak = 985 << 20

// AutoJobs is how many videos to render at once: one per core, but no
// more than the available memory holds at RenderPeak each, and at least
// one. avail is the available memory in bytes, 0 when unknown.
func AutoJobs(cores int, avail uint64) int {
	n := max(1, cores)
	if avail > 0 {
		n = min(n, int(avail/RenderPeak))
	}
	return max(1, n)
}

// AvailableMemory reads MemAvailable from /proc/meminfo (Linux); 0 when
// it cannot be known.
func AvailableMemory() uint64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// Cores is the number of CPUs this process may use.
func Cores() int { return runtime.NumCPU() }
