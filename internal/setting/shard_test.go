package setting

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		bad  bool
	}{
		{"0/1", Shard{0, 1}, false},
		{"0/3", Shard{0, 3}, false},
		{"2/3", Shard{2, 3}, false},
		{" 1 / 4 ", Shard{1, 4}, false},
		{"999/1000", Shard{999, 1000}, false},
		{"3/3", Shard{}, true},
		{"-1/3", Shard{}, true},
		{"0/0", Shard{}, true},
		{"0/1001", Shard{}, true},
		{"1", Shard{}, true},
		{"a/b", Shard{}, true},
		{"1/3/4", Shard{}, true},
		{"", Shard{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseShard(tt.in)
			if (err != nil) != tt.bad || got != tt.want {
				t.Fatalf("ParseShard(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.bad)
			}
			if !tt.bad {
				if back, err := ParseShard(got.String()); err != nil || back != got {
					t.Errorf("String() = %q reads back as %v, %v", got.String(), back, err)
				}
			}
		})
	}
}

// TestShardRange checks that the shards of n items cover each item exactly
// once, in contiguous parts that differ by at most one item.
func TestShardRange(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 10, 100} {
		for _, count := range []int{1, 2, 3, 4, 7, 16} {
			t.Run(fmt.Sprintf("%d items in %d", n, count), func(t *testing.T) {
				seen := make([]int, n)
				next, small, big := 0, n, 0
				for i := range count {
					lo, hi := Shard{i, count}.Range(n)
					if lo != next || hi < lo {
						t.Fatalf("shard %d/%d: [%d, %d), want it to start at %d", i, count, lo, hi, next)
					}
					next = hi
					small, big = min(small, hi-lo), max(big, hi-lo)
					for j := lo; j < hi; j++ {
						seen[j]++
						if !(Shard{i, count}).Has(j, n) {
							t.Errorf("shard %d/%d: Has(%d) is false inside its range", i, count, j)
						}
					}
				}
				if next != n {
					t.Errorf("shards end at %d, want %d", next, n)
				}
				if big-small > 1 {
					t.Errorf("parts of %d to %d items, want them to differ by at most one", small, big)
				}
			})
		}
	}
	if lo, hi := (Shard{}).Range(5); lo != 0 || hi != 5 {
		t.Errorf("zero Shard: [%d, %d), want all of [0, 5)", lo, hi)
	}
}

func TestShardFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Shard
		bad  bool
	}{
		{"neither", nil, Shard{}, false},
		{"both", map[string]string{ShardIndexEnv: "2", ShardCountEnv: "5"}, Shard{2, 5}, false},
		{"index only", map[string]string{ShardIndexEnv: "2"}, Shard{}, true},
		{"count only", map[string]string{ShardCountEnv: "5"}, Shard{}, true},
		{"index too big", map[string]string{ShardIndexEnv: "5", ShardCountEnv: "5"}, Shard{}, true},
		{"not a number", map[string]string{ShardIndexEnv: "x", ShardCountEnv: "5"}, Shard{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ShardFromEnv(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if (err != nil) != tt.bad || got != tt.want {
				t.Errorf("ShardFromEnv = %v, %v; want %v, error %v", got, err, tt.want, tt.bad)
			}
		})
	}
}

func TestShardFlag(t *testing.T) {
	var s Shard
	if err := s.Set("1/2"); err != nil || s != (Shard{1, 2}) {
		t.Fatalf("Set(1/2) = %v, %v", s, err)
	}
	if err := s.Set("2/2"); err == nil || s != (Shard{1, 2}) {
		t.Errorf("Set(2/2) = %v, %v; want an error and the value unchanged", s, err)
	}
}
