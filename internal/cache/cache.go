// Package cache is a content-addressed store of rendered files on disk,
// shared by every kenburns process of a user.
//
// An entry is found by a key that hashes everything that decided its
// content, so an entry is never stale: a changed input is a different key.
// Every write is atomic (a temporary file renamed into place), an entry's
// own checksum is in its name so that a truncated or damaged entry is
// detected and dropped, and entries are handed out as hard links so that
// eviction by another process never pulls a file from under a render.
// Least-recently-used entries are evicted past a size cap.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// DefaultMaxBytes is the size cap when none is given: a 4 s 1080p chunk
// is a few megabytes, so this keeps about a thousand.
const DefaultMaxBytes = 4 << 30

// Cache is a folder of entries.
type Cache struct {
	Dir      string // created when first written
	MaxBytes int64  // evict least-recently-used entries past this; 0 = DefaultMaxBytes
}

// DefaultDir is the cache folder in the user's cache directory.
func DefaultDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the user cache folder: %w (pass --cache DIR or --no-cache)", err)
	}
	return filepath.Join(d, "kenburns"), nil
}

// Key hashes the parts that decide an entry's content.
func Key(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		// Length-prefixed, so that no two lists of parts hash alike.
		fmt.Fprintf(h, "%d:", len(p))
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) entries() string { return filepath.Join(c.Dir, "entries") }

// find returns the path of the entry for key, if there is one. Its name is
// KEY.SUM.EXT, SUM being the sha256 of its content.
func (c *Cache) find(key string) (path, sum string, ok bool) {
	matches, _ := filepath.Glob(filepath.Join(c.entries(), key[:2], key+".*"))
	for _, m := range matches {
		parts := strings.Split(filepath.Base(m), ".")
		if len(parts) == 3 && len(parts[1]) == 64 {
			return m, parts[1], true
		}
	}
	return "", "", false
}

// Get links the entry for key to dst and reports whether there was one. An
// entry whose content does not match its checksum is removed and reported
// as missing, so that a damaged file is never used.
func (c *Cache) Get(key, dst string) (bool, error) {
	path, sum, ok := c.find(key)
	if !ok {
		return false, nil
	}
	if err := linkOrCopy(path, dst); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil // evicted meanwhile
		}
		return false, fmt.Errorf("cache: take %s: %w", path, err)
	}
	// Check our own link: whatever happens to the entry now, dst is
	// what was checked.
	got, err := fileSum(dst)
	if err != nil {
		return false, fmt.Errorf("cache: read %s: %w", dst, err)
	}
	if got != sum {
		os.Remove(dst)
		os.Remove(path)
		return false, nil
	}
	now := time.Now()
	os.Chtimes(path, now, now) // recently used
	return true, nil
}

// Put stores a copy of src as the entry for key.
func (c *Cache) Put(key, src string) error {
	sum, err := fileSum(src)
	if err != nil {
		return fmt.Errorf("cache: read %s: %w", src, err)
	}
	dir := filepath.Join(c.entries(), key[:2])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".put-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	os.Remove(tmp.Name())
	if err := linkOrCopy(src, tmp.Name()); err != nil {
		return fmt.Errorf("cache: store %s: %w", src, err)
	}
	if old, _, ok := c.find(key); ok {
		os.Remove(old)
	}
	name := filepath.Join(dir, key+"."+sum+filepath.Ext(src))
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("cache: store %s: %w", src, err)
	}
	return c.evict()
}

// Stats describes the cache.
type Stats struct {
	Dir      string
	Entries  int
	Bytes    int64
	MaxBytes int64
}

// Stats counts the entries.
func (c *Cache) Stats() (Stats, error) {
	list, err := c.list()
	st := Stats{Dir: c.Dir, MaxBytes: c.max()}
	for _, e := range list {
		st.Entries++
		st.Bytes += e.size
	}
	return st, err
}

// Clean removes every entry, every note and every remembered file sum.
func (c *Cache) Clean() error {
	for _, d := range []string{c.entries(), c.notes(), filepath.Join(c.Dir, "sums")} {
		if err := os.RemoveAll(d); err != nil {
			return fmt.Errorf("cache: clean %s: %w", c.Dir, err)
		}
	}
	return nil
}

func (c *Cache) max() int64 {
	if c.MaxBytes > 0 {
		return c.MaxBytes
	}
	return DefaultMaxBytes
}

type entry struct {
	path string
	size int64
	used time.Time
}

func (c *Cache) list() ([]entry, error) {
	var list []entry
	err := filepath.WalkDir(c.entries(), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		list = append(list, entry{path, info.Size(), info.ModTime()})
		return nil
	})
	return list, err
}

// evict removes least-recently-used entries until the cache fits its cap.
func (c *Cache) evict() error {
	list, err := c.list()
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	var total int64
	for _, e := range list {
		total += e.size
	}
	sort.Slice(list, func(i, j int) bool { return list[i].used.Before(list[j].used) })
	for _, e := range list {
		if total <= c.max() {
			break
		}
		if os.Remove(e.path) == nil {
			total -= e.size
		}
	}
	return nil
}

// linkOrCopy makes dst the same file as src: a hard link where the file
// system allows, else a copy.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	} else if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
