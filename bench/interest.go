//go:build linux

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/kenburns/kenburns/internal/interest"
	"github.com/kenburns/kenburns/internal/photo"
)

// interestRun is the cost of smart motion's analysis of one photo.
type interestRun struct {
	Photo    string
	Pixels   int
	Decode   time.Duration // decode, upright, sRGB and reduce to interest.AnalysisSide
	Analyse  time.Duration // the interest map
	Windows  time.Duration // best windows at zoom 1 and 1.2, and the box
	Repeated int
}

// runInterest times smart motion's analysis of every corpus photo, the
// decode of the small copy apart from the analysis proper, taking the
// fastest of reps runs of each so that other work on the machine counts
// less. Issue 12's target is 50 ms per photo for the analysis.
func runInterest(corpus string, reps int) error {
	entries, err := os.ReadDir(corpus)
	if err != nil {
		return fmt.Errorf("interest: read corpus: %w", err)
	}
	var runs []interestRun
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := photo.Probe(filepath.Join(corpus, e.Name()), 0)
		if err != nil {
			continue
		}
		r := interestRun{Photo: e.Name(), Pixels: info.Width * info.Height, Repeated: reps}
		for i := range reps {
			t0 := time.Now()
			img, err := interest.Small(context.Background(), info)
			if err != nil {
				return fmt.Errorf("interest: %s: %w", e.Name(), err)
			}
			t1 := time.Now()
			m := interest.Analyze(img)
			t2 := time.Now()
			m.Best(1, 0.84)
			m.Best(1/1.2, 0.84/1.2)
			m.Box()
			t3 := time.Now()
			if i == 0 || t1.Sub(t0) < r.Decode {
				r.Decode = t1.Sub(t0)
			}
			if i == 0 || t2.Sub(t1) < r.Analyse {
				r.Analyse = t2.Sub(t1)
			}
			if i == 0 || t3.Sub(t2) < r.Windows {
				r.Windows = t3.Sub(t2)
			}
		}
		runs = append(runs, r)
	}
	if len(runs) == 0 {
		return fmt.Errorf("interest: no photos in %s", corpus)
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Printf("%-44s %6s %10s %10s %10s\n", "photo", "MP", "decode ms", "analyse ms", "windows ms")
	var dec, ana []time.Duration
	for _, r := range runs {
		fmt.Printf("%-44.44s %6.1f %10.1f %10.2f %10.2f\n", r.Photo, float64(r.Pixels)/1e6, ms(r.Decode), ms(r.Analyse), ms(r.Windows))
		dec, ana = append(dec, r.Decode), append(ana, r.Analyse+r.Windows)
	}
	slices.Sort(dec)
	slices.Sort(ana)
	fmt.Printf("%d photos, best of %d: decode median %.1f ms, max %.1f ms; analysis (map + windows) median %.2f ms, max %.2f ms (target 50 ms)\n",
		len(runs), reps, ms(dec[len(dec)/2]), ms(dec[len(dec)-1]), ms(ana[len(ana)/2]), ms(ana[len(ana)-1]))
	return nil
}
