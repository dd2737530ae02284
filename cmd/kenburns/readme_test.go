package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/mdtable"

	"github.com/spf13/pflag"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/presets"
)

// readmeTable returns the rows of the README's first table whose header
// starts with header.
func readmeTable(t *testing.T, md, header string) [][]string {
	t.Helper()
	for _, tb := range mdtable.Parse(md) {
		if len(tb.Header) > 0 && tb.Header[0] == header {
			return tb.Rows
		}
	}
	t.Fatalf("README.md has no table headed %q", header)
	return nil
}

// TestReadmeTables holds the README's tables of render flags, output
// presets, transitions and exit codes to the code: a flag, preset,
// transition or code added, renamed or removed fails here until the
// README says so.
func TestReadmeTables(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	same := func(t *testing.T, what string, readme, code []string) {
		t.Helper()
		for _, n := range code {
			if !slices.Contains(readme, n) {
				t.Errorf("README's %s table lacks %s", what, n)
			}
		}
		for _, n := range readme {
			if !slices.Contains(code, n) {
				t.Errorf("README's %s table has %s, which the code does not", what, n)
			}
		}
	}
	t.Run("flags of render", func(t *testing.T) {
		var readme, code []string
		for _, r := range readmeTable(t, md, "flag") {
			for _, w := range strings.Fields(strings.Trim(r[0], "`")) {
				if n, ok := strings.CutPrefix(strings.TrimSuffix(w, ","), "--"); ok {
					readme = append(readme, n)
				}
			}
		}
		newRenderCmd(nil).Flags().VisitAll(func(f *pflag.Flag) { code = append(code, f.Name) })
		same(t, "flags", readme, code)
	})
	t.Run("flags of batch", func(t *testing.T) {
		var readme, code []string
		for _, r := range readmeTable(t, md, "batch flag") {
			for _, w := range strings.Fields(strings.Trim(r[0], "`")) {
				if n, ok := strings.CutPrefix(strings.TrimSuffix(w, ","), "--"); ok {
					readme = append(readme, n)
				}
			}
		}
		newBatchCmd().Flags().VisitAll(func(f *pflag.Flag) { code = append(code, f.Name) })
		same(t, "batch flags", readme, code)
	})
	t.Run("settings of a batch job", func(t *testing.T) {
		var readme, code []string
		for _, r := range readmeTable(t, md, "manifest key") {
			if r[0] != "`jobs[].SETTING`" {
				continue
			}
			for _, w := range strings.Split(r[1], "`") {
				if _, ok := jobSettings()[w]; ok || (w != "" && !strings.ContainsAny(w, " ,;:()") && !strings.HasPrefix(w, "-")) {
					readme = append(readme, w)
				}
			}
		}
		for n := range jobSettings() {
			code = append(code, n)
		}
		same(t, "manifest settings", readme, code)
	})
	t.Run("output presets", func(t *testing.T) {
		var readme, code []string
		for _, r := range readmeTable(t, md, "preset") {
			readme = append(readme, strings.Join(append([]string{strings.Trim(r[0], "`")}, r[1:3]...), " "))
		}
		for _, sz := range presets.Sizes() {
			fps := ""
			if sz.FPS.Num > 0 {
				fps = sz.FPS.String()
			}
			code = append(code, fmt.Sprintf("%s %dx%d %s", sz.Name, sz.Width, sz.Height, fps))
		}
		same(t, "presets", readme, code)
	})
	t.Run("transitions", func(t *testing.T) {
		var readme, code []string
		for _, r := range readmeTable(t, md, "transition") {
			readme = append(readme, strings.Trim(r[0], "`")+": "+r[1])
		}
		for _, n := range effects.TransitionNames() {
			code = append(code, n+": "+effects.DescribeTransition(n, ""))
		}
		same(t, "transitions", readme, code)
	})
	t.Run("exit codes", func(t *testing.T) {
		var readme []string
		for _, r := range readmeTable(t, md, "code") {
			readme = append(readme, r[0])
		}
		var code []string
		for _, c := range []int{exitOK, exitFailure, exitInvalid, exitInterrupted} {
			code = append(code, strconv.Itoa(c))
		}
		same(t, "exit codes", readme, code)
	})
}
