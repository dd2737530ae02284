package batch

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/setting"
)

// Select returns the jobs of shard s, in order: those whose position in
// jobs (their index in the manifest, unless some were left out, as Whole
// does) mod s.Count is s.Index. Round robin, unlike a video's chunk shards
// (setting.Shard.Range), spreads a manifest's big and small jobs evenly
// when they come in runs. The zero Shard selects every job.
func Select(s setting.Shard, jobs []*Job) []*Job {
	if s.IsZero() {
		return jobs
	}
	var out []*Job
	for i, j := range jobs {
		if i%s.Count == s.Index {
			out = append(out, j)
		}
	}
	return out
}

// Whole returns the jobs that are not long videos (no shards: key), in
// order: those a batch renders when the long videos have Jobs of their own
// (batch --kubernetes).
func Whole(jobs []*Job) []*Job {
	var out []*Job
	for _, j := range jobs {
		if j.Shards == 0 {
			out = append(out, j)
		}
	}
	return out
}

// AutoJobs is how many videos to render at once: one per core, but no
// more than the available memory holds at the measured per-render peak
// (render.PeakMemoryMiB) each, and at least
// one. avail is the available memory in bytes, 0 when unknown.
func AutoJobs(cores int, avail uint64) int {
	n := max(1, cores)
	if avail > 0 {
		n = min(n, int(avail/(render.PeakMemoryMiB<<20)))
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
