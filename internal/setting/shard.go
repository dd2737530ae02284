package setting

import (
	"fmt"
	"strconv"
	"strings"
)

// Environment variables that name a shard inside a Kubernetes Indexed Job:
// the Job controller sets JOB_COMPLETION_INDEX in every pod, and the
// manifests kenburns writes (internal/kube) set KENBURNS_SHARDS to the
// Job's completions.
const (
	ShardIndexEnv = "JOB_COMPLETION_INDEX"
	ShardCountEnv = "KENBURNS_SHARDS"
)

// MaxShards bounds the number of shards: far more than any cluster runs at
// once for one job, and small enough that a typo (10000 for 100) is caught.
const MaxShards = 1000

// Shard is one part of work split into Count parts, Index counting from 0,
// as "I/N" writes it. The zero Shard means the work is not split.
type Shard struct {
	Index, Count int
}

// ParseShard parses "I/N": 0 <= I < N <= MaxShards.
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: write INDEX/COUNT, such as 0/3 for the first of three", s)
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: INDEX and COUNT must be whole numbers, such as 0/3", s)
	}
	return NewShard(i, n)
}

// NewShard checks a shard's index and count: 0 <= i < n <= MaxShards.
func NewShard(i, n int) (Shard, error) {
	if n < 1 || n > MaxShards {
		return Shard{}, fmt.Errorf("shard %d/%d: COUNT must be 1 to %d", i, n, MaxShards)
	}
	if i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %d/%d: INDEX counts from 0 and must be below COUNT (0 to %d)", i, n, n-1)
	}
	return Shard{Index: i, Count: n}, nil
}

// ShardFromEnv reads the shard of a pod of a Kubernetes Indexed Job from
// ShardIndexEnv and ShardCountEnv, through lookup (os.LookupEnv outside
// tests). Neither set is the zero Shard (no sharding); one without the
// other, or values ParseShard refuses, is an error.
func ShardFromEnv(lookup func(string) (string, bool)) (Shard, error) {
	i, iok := lookup(ShardIndexEnv)
	n, nok := lookup(ShardCountEnv)
	switch {
	case !iok && !nok:
		return Shard{}, nil
	case !iok:
		return Shard{}, fmt.Errorf("%s=%s is set but %s is not: run in a Kubernetes Indexed Job or pass --shard", ShardCountEnv, n, ShardIndexEnv)
	case !nok:
		return Shard{}, fmt.Errorf("%s=%s is set but %s is not: set it to the Job's completions or pass --shard", ShardIndexEnv, i, ShardCountEnv)
	}
	sh, err := ParseShard(i + "/" + n)
	if err != nil {
		return Shard{}, fmt.Errorf("%s and %s: %w", ShardIndexEnv, ShardCountEnv, err)
	}
	return sh, nil
}

// IsZero reports whether the shard is the zero Shard: the work not split.
func (s Shard) IsZero() bool { return s.Count == 0 }

// Range returns the contiguous part [lo, hi) of n items that is this
// shard's: the first n%Count shards take one item more than the others,
// so parts differ by at most one item. The zero Shard has them all.
// Contiguous parts keep neighbours together: a video's chunk shows its own
// slide and the next, so a shard of adjacent chunks decodes each photo
// once where a round-robin split would decode most photos in two shards.
func (s Shard) Range(n int) (lo, hi int) {
	if s.IsZero() {
		return 0, n
	}
	per, extra := n/s.Count, n%s.Count
	lo = s.Index*per + min(s.Index, extra)
	hi = lo + per
	if s.Index < extra {
		hi++
	}
	return lo, hi
}

// Has reports whether item i of n is in this shard's Range.
func (s Shard) Has(i, n int) bool {
	lo, hi := s.Range(n)
	return i >= lo && i < hi
}

// String writes the shard as ParseShard reads it, or "" for the zero Shard.
func (s Shard) String() string {
	if s.IsZero() {
		return ""
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Set parses v with ParseShard, so that a flag can hold a Shard.
func (s *Shard) Set(v string) error { return set(s, v, ParseShard) }

// Type names the flag's kind in help text.
func (s *Shard) Type() string { return "I/N" }
