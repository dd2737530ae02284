package cache

import (
	"os"
	"path/filepath"
)

// notes is the folder of small records, kept apart from the entries: they
// are a few kilobytes each, so they are not evicted with the chunks; Clean
// removes them.
func (c *Cache) notes() string { return filepath.Join(c.Dir, "notes") }

// Recall returns the small record remembered under key (such as a photo's
// interest map), if there is one. The caller checks what it reads: a
// record is only as sound as the file system kept it.
func (c *Cache) Recall(key string) ([]byte, bool) {
	b, err := os.ReadFile(filepath.Join(c.notes(), key))
	return b, err == nil
}

// Remember keeps b under key, atomically, for Recall. Remembering is an
// optimisation: a failure to write is not an error, so there is none.
func (c *Cache) Remember(key string, b []byte) {
	dir := c.notes()
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".note-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if tmp.Close() == nil && werr == nil {
		os.Rename(tmp.Name(), filepath.Join(dir, key))
	}
	os.Remove(tmp.Name())
}
