//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// usage is what one measured process tree cost.
type usage struct {
	WallS float64 `json:"wall_s"`
	// UserS and SysS are the CPU time of the process and every descendant
	// it waited for (ffmpeg included), from wait4's rusage.
	UserS float64 `json:"user_s"`
	SysS  float64 `json:"sys_s"`
	// SelfCPUS is the CPU time of the top process alone (for kenburns: the
	// Go side), read from /proc while it ran; the rest is its children.
	SelfCPUS float64 `json:"self_cpu_s"`
	// MaxRSSMiB is the largest single process's peak (VmHWM, exact even
	// between samples). Not rusage's ru_maxrss: Go starts children with
	// vfork, and Linux carries the parent's high-water mark into the
	// child's, so ru_maxrss reported this driver's own size.
	// PeakTreeRSSMiB is the sum over the whole tree, sampled every
	// sampleEvery, which is what the machine must hold.
	// SelfPeakMiB is the top process's own high-water mark (VmHWM): for
	// kenburns, the Go side's peak.
	MaxRSSMiB      float64 `json:"max_rss_single_process_mib"`
	SelfPeakMiB    float64 `json:"self_peak_rss_mib"`
	PeakTreeRSSMiB float64 `json:"peak_tree_rss_mib"`
	LoadBefore     string  `json:"loadavg_before"`
	LoadAfter      string  `json:"loadavg_after"`
}

// CPUS is the total CPU time of the tree.
func (u usage) CPUS() float64 { return u.UserS + u.SysS }

const sampleEvery = 50 * time.Millisecond

// measure runs cmd, which must not have been started, and reports its
// cost. feed, if not nil, runs alongside while the command runs (the
// floor's frame generator) and its error is returned.
func measure(cmd *exec.Cmd, feed func() error) (usage, error) {
	u := usage{LoadBefore: loadavg()}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return u, err
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var peak, hwm, self, selfHWM int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(sampleEvery)
		defer t.Stop()
		for {
			rss, h := treeRSS(cmd.Process.Pid)
			peak, hwm = max(peak, rss), max(hwm, h)
			if _, sh := treeRSS(-cmd.Process.Pid); sh > 0 {
				selfHWM = sh
			}
			if c, ok := selfCPUTicks(cmd.Process.Pid); ok {
				self = c
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	var feedErr error
	if feed != nil {
		feedErr = feed()
	}
	err := cmd.Wait()
	u.WallS = time.Since(start).Seconds()
	close(stop)
	wg.Wait()
	u.LoadAfter = loadavg()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.UserS = tvSeconds(ru.Utime)
		u.SysS = tvSeconds(ru.Stime)
	}
	u.SelfCPUS = float64(self) / clockTicks
	u.PeakTreeRSSMiB = float64(peak) / (1 << 20)
	u.MaxRSSMiB = float64(hwm) / (1 << 20)
	u.SelfPeakMiB = float64(selfHWM) / (1 << 20)
	if err != nil {
		return u, err
	}
	return u, feedErr
}

func tvSeconds(tv syscall.Timeval) float64 { return float64(tv.Sec) + float64(tv.Usec)/1e6 }

// clockTicks is USER_HZ, the unit of /proc/PID/stat times: 100 on every
// Linux architecture Go supports.
const clockTicks = 100

// treeRSS sums the resident memory of pid and all its descendants, and
// returns the largest high-water mark among them. A negative pid means
// -pid alone, without its descendants.
func treeRSS(pid int) (total, hwm int64) {
	procs := []int{-pid}
	if pid > 0 {
		procs = append([]int{pid}, descendants(pid)...)
	}
	for _, p := range procs {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(p) + "/status")
		if err != nil {
			continue // exited between listing and reading
		}
		for _, l := range strings.Split(string(b), "\n") {
			k, v, ok := strings.Cut(l, ":")
			if !ok || (k != "VmRSS" && k != "VmHWM") {
				continue
			}
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if k == "VmRSS" {
				total += kb << 10
			} else {
				hwm = max(hwm, kb<<10)
			}
		}
	}
	return total, hwm
}

// descendants lists pid's children, grandchildren, ... from the kernel's
// per-thread children lists (a Go program forks from any of its threads).
func descendants(pid int) []int {
	var out []int
	tasks, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/children")
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		for _, s := range strings.Fields(string(b)) {
			if c, err := strconv.Atoi(s); err == nil {
				out = append(out, c)
				out = append(out, descendants(c)...)
			}
		}
	}
	return out
}

// selfCPUTicks reads utime+stime of pid itself (not its children).
func selfCPUTicks(pid int) (int64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The command name may hold spaces; fields start after its ')'.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64) // field 14, utime
	st, _ := strconv.ParseInt(f[12], 10, 64) // field 15, stime
	return ut + st, true
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
