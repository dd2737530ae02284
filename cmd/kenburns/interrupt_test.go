package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// countdown is a context that is cancelled, as by Ctrl-C, at its n-th
// check: a test can then interrupt a phase in its middle, deterministically,
// however fast the machine is.
type countdown struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
	checks atomic.Int64
}

func newCountdown(n int64) *countdown {
	ctx, cancel := context.WithCancel(context.Background())
	c := &countdown{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func (c *countdown) Err() error {
	c.checks.Add(1)
	if c.left.Add(-1) < 0 {
		c.cancel()
	}
	return c.Context.Err()
}

// folderOf makes n small photos in a folder (hard links of one JPEG where
// the file system allows, so that 2000 photos cost little).
func folderOf(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "p0000.jpg")
	if err := os.WriteFile(first, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("p%04d.jpg", i))
		if os.Link(first, p) != nil {
			if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// TestInterruptPlanning interrupts every command that plans, in the middle
// of scanning and reading a folder of 2000 photos: each must stop there
// (a few checks after the interruption, not after the 2000 photos), exit
// with 130, print no plan and write nothing.
func TestInterruptPlanning(t *testing.T) {
	photos := folderOf(t, 2000)
	out := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"plan", []string{"plan", photos}},
		{"plan json", []string{"plan", "--json", photos}},
		{"validate", []string{"validate", photos}},
		{"init", []string{"init", photos, "-o", filepath.Join(out, "trip.yaml")}},
		{"dry run", []string{"render", "--dry-run", photos, "-o", filepath.Join(out, "trip.mp4")}},
		{"render", []string{"render", photos, "-o", filepath.Join(out, "trip.mp4")}},
	}
	for _, tt := range tests {
		for _, at := range []int64{0, 300, 2500} {
			t.Run(fmt.Sprintf("%s/after %d checks", tt.name, at), func(t *testing.T) {
				ctx := newCountdown(at)
				var stdout, stderr bytes.Buffer
				code := run(ctx, tt.args, &stdout, &stderr)
				if code != exitInterrupted {
					t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr.String())
				}
				if n := ctx.checks.Load(); n > at+50 {
					t.Errorf("%d checks after the interruption: the phase did not stop", n-at)
				}
				if strings.Contains(stdout.String(), "p0001.jpg") || strings.Contains(stdout.String(), "ok:") {
					t.Errorf("printed a result after the interruption:\n%.300s", stdout.String())
				}
				if left, _ := os.ReadDir(out); len(left) > 0 {
					t.Errorf("left files behind: %v", left)
				}
			})
		}
	}
}

// TestInterruptStoryboard interrupts the reading of a storyboard's 2000
// photos, for plan and validate.
func TestInterruptStoryboard(t *testing.T) {
	photos := folderOf(t, 2000)
	var b strings.Builder
	b.WriteString("slides:\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "  - %s\n", filepath.Join(photos, fmt.Sprintf("p%04d.jpg", i)))
	}
	sb := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(sb, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"plan", sb}, {"validate", sb}, {"render", "--dry-run", sb}} {
		t.Run(args[0]+fmt.Sprint(len(args)), func(t *testing.T) {
			ctx := newCountdown(700)
			var stdout, stderr bytes.Buffer
			if code := run(ctx, args, &stdout, &stderr); code != exitInterrupted {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr.String())
			}
			if n := ctx.checks.Load(); n > 750 {
				t.Errorf("%d checks after the interruption: the phase did not stop", n-700)
			}
		})
	}
}
