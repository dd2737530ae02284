//go:build linux

package main

import (
	"path/filepath"
	"time"
)

// runMode runs the measurements that replace the workload: the preview
// timing, the re-render after an edit and the batch. Each writes its JSON result.
func runMode(bin, corpus, outDir, commit, root, ffmpeg string, jobs int, m modes) error {
	previewN, rerenderN := m.preview, m.rerender
	res := results{Date: time.Now().Format(time.RFC3339), Commit: commit, Machine: describeMachine(ffmpeg)}
	if res.Commit == "" {
		res.Commit = gitCommit(root)
	}
	name := "preview.json"
	if previewN > 0 {
		pr, err := runPreview(bin, corpus, previewN, jobs, outDir)
		if err != nil {
			return err
		}
		printPreview(pr)
		res.Preview = &pr
	}
	if rerenderN > 0 {
		rr, err := runRerender(bin, rerenderN, jobs, outDir)
		if err != nil {
			return err
		}
		printRerender(rr)
		res.Rerender = &rr
		name = "rerender.json"
	}
	if m.batch > 0 {
		br, err := runBatch(bin, m.batch, outDir)
		if err != nil {
			return err
		}
		printBatch(br)
		res.Batch = &br
		name = "batch.json"
	}
	return writeJSON(filepath.Join(outDir, name), &res)
}
