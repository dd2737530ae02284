//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

func describeMachine(ffmpeg string) machine {
	m := machine{CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		fmt.Sscanf(string(b), "MemTotal: %d kB", &kb)
		m.MemGiB = (kb + 1<<19) >> 20
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	if b, err := exec.Command(ffmpeg, "-hide_banner", "-version").Output(); err == nil {
		m.FFmpeg, _, _ = strings.Cut(string(b), "\n")
		if f := strings.Fields(m.FFmpeg); len(f) > 2 {
			m.FFmpeg = "ffmpeg " + f[2]
		}
	}
	return m
}

// gitCommit names the code measured: HEAD, marked dirty when files outside
// bench/ differ from it, since then the numbers belong to no commit.
func gitCommit(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	st, err := exec.Command("git", "-C", root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench").Output()
	if err != nil || len(bytes.TrimSpace(st)) > 0 {
		c += "+dirty"
	}
	return c
}

// repoRoot finds the module root from the working directory, so that the
// benchmark runs the same from anywhere in the checkout.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.Contains(b, []byte("module github.com/kenburns/kenburns\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the kenburns checkout")
		}
		dir = parent
	}
}
