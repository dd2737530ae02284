package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/renameio/v2"
)

// RecordSuffix is added to an output's name to name its record, the file
// beside it that says what it was rendered from.
const RecordSuffix = ".kenburns.json"

// record is what a batch writes beside each output it rendered: the key of
// everything that decides the output's bytes (render.OutputKey).
type record struct {
	Version int    `json:"version"`
	ID      string `json:"id"`
	Key     string `json:"key"`
}

const recordVersion = 1

// upToDate reports whether output exists and its record has key. An
// output with no record was not written by a batch: it is an error, so
// that a batch never replaces a file it did not make without --force.
func upToDate(output, key string) (bool, error) {
	if _, err := os.Stat(output); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	b, err := os.ReadFile(output + RecordSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return false, &OutputExistsError{Output: output}
	}
	if err != nil {
		return false, err
	}
	var rec record
	if json.Unmarshal(b, &rec) != nil || rec.Version != recordVersion {
		return false, nil // a damaged or older record: render again
	}
	return rec.Key == key, nil
}

// OutputExistsError is an output that exists with no record beside it.
type OutputExistsError struct{ Output string }

func (e *OutputExistsError) Error() string {
	return fmt.Sprintf("%s exists and was not written by kenburns batch (no %s beside it): move it away, or use --force to replace it", e.Output, filepath.Base(e.Output)+RecordSuffix)
}

// writeRecord writes output's record atomically, after the output itself
// is in place: a record always describes a complete output.
func writeRecord(output string, rec record) error {
	rec.Version = recordVersion
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(output+RecordSuffix, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write record: %w", err)
	}
	return nil
}

// removePartials removes what a render of output killed outright (a pod
// evicted, kill -9) left beside it: its temporary files. Only this job
// writes output, so they cannot be another live render's.
func removePartials(output string) {
	dir, base := filepath.Split(output)
	if dir == "" {
		dir = "."
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "."+escapeGlob(base)+".*.partial*"))
	for _, m := range matches {
		if strings.Contains(filepath.Base(m), ".partial") {
			os.Remove(m)
		}
	}
}

func escapeGlob(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}
