package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPutGet(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	dir := t.TempDir()
	src := filepath.Join(dir, "chunk.mp4")
	write(t, src, []byte("encoded frames"))
	key := Key([]byte("a"), []byte("b"))
	if ok, err := c.Get(key, filepath.Join(dir, "miss.mp4")); ok || err != nil {
		t.Fatalf("Get on an empty cache = %v, %v", ok, err)
	}
	if err := c.Put(key, src); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "got.mp4")
	if ok, err := c.Get(key, dst); !ok || err != nil {
		t.Fatalf("Get after Put = %v, %v", ok, err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "encoded frames" {
		t.Errorf("got %q", b)
	}
	if Key([]byte("ab"), []byte("")) == Key([]byte("a"), []byte("b")) {
		t.Error("keys of different parts collide")
	}
	st, err := c.Stats()
	if err != nil || st.Entries != 1 || st.Bytes != int64(len("encoded frames")) {
		t.Errorf("Stats = %+v, %v", st, err)
	}
	c.Remember("note", []byte("interest"))
	if _, ok := c.Recall("note"); !ok {
		t.Error("a note was not remembered")
	}
	if err := c.Clean(); err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Get(key, filepath.Join(dir, "after-clean.mp4")); ok {
		t.Error("an entry survived Clean")
	}
	if _, ok := c.Recall("note"); ok {
		t.Error("a note survived Clean")
	}
}

// TestDamagedEntry: an entry truncated or changed on disk is detected by
// its checksum, dropped, and never handed out.
func TestDamagedEntry(t *testing.T) {
	for _, damage := range []struct {
		name string
		fn   func(b []byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"flipped byte", func(b []byte) []byte { b = append([]byte(nil), b...); b[3] ^= 1; return b }},
		{"empty", func([]byte) []byte { return nil }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			c := &Cache{Dir: t.TempDir()}
			dir := t.TempDir()
			src := filepath.Join(dir, "chunk.mp4")
			content := bytes.Repeat([]byte("frame"), 1000)
			write(t, src, content)
			key := Key([]byte("k"))
			if err := c.Put(key, src); err != nil {
				t.Fatal(err)
			}
			entry, _, ok := c.find(key)
			if !ok {
				t.Fatal("no entry")
			}
			// Damage in place: a new file would be a new inode, which the
			// hard link already taken does not see.
			os.Remove(entry)
			write(t, entry, damage.fn(content))
			dst := filepath.Join(dir, "got.mp4")
			if ok, err := c.Get(key, dst); ok || err != nil {
				t.Fatalf("damaged entry handed out: %v, %v", ok, err)
			}
			if _, err := os.Stat(dst); err == nil {
				t.Error("the damaged copy was left at the destination")
			}
			if _, _, ok := c.find(key); ok {
				t.Error("the damaged entry was not dropped")
			}
		})
	}
}

// TestEvictLeastRecentlyUsed: past the cap, the entries used longest ago
// go first.
func TestEvictLeastRecentlyUsed(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), MaxBytes: 4000}
	dir := t.TempDir()
	keys := make([]string, 4)
	for i := range keys {
		src := filepath.Join(dir, fmt.Sprintf("c%d.mp4", i))
		write(t, src, bytes.Repeat([]byte{byte(i)}, 1000))
		keys[i] = Key([]byte{byte(i)})
		if err := c.Put(keys[i], src); err != nil {
			t.Fatal(err)
		}
		// Distinct use times, oldest first, then key 0 used again.
		e, _, _ := c.find(keys[i])
		at := time.Now().Add(time.Duration(i-10) * time.Minute)
		os.Chtimes(e, at, at)
	}
	if ok, _ := c.Get(keys[0], filepath.Join(dir, "use0.mp4")); !ok {
		t.Fatal("key 0 missing before eviction")
	}
	src := filepath.Join(dir, "c4.mp4")
	write(t, src, bytes.Repeat([]byte{4}, 1000))
	if err := c.Put(Key([]byte{4}), src); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true, true} {
		if _, _, ok := c.find(keys[i]); ok != want {
			t.Errorf("entry %d present = %v, want %v", i, ok, want)
		}
	}
	if st, _ := c.Stats(); st.Bytes > 4000 {
		t.Errorf("cache holds %d bytes, cap 4000", st.Bytes)
	}
}

// TestFileSum: the remembered sum of a file follows its content, even
// when its size and modification time are put back after a change.
func TestFileSum(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	path := filepath.Join(t.TempDir(), "photo.jpg")
	write(t, path, []byte("first version"))
	mtime := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	os.Chtimes(path, mtime, mtime)
	a, err := c.FileSum(path)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := c.FileSum(path); again != a {
		t.Fatal("the same file has two sums")
	}
	time.Sleep(10 * time.Millisecond) // a change time the file system can tell apart
	write(t, path, []byte("other version"))
	os.Chtimes(path, mtime, mtime)
	b, err := c.FileSum(path)
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Error("same sum after the content changed under the same size and mtime")
	}
}

// TestConcurrent: many writers and readers of the same keys at once never
// hand out a file that is not a complete entry.
func TestConcurrent(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), MaxBytes: 20_000}
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				k := i % 5
				content := bytes.Repeat([]byte(fmt.Sprintf("entry %d;", k)), 500)
				src := filepath.Join(dir, fmt.Sprintf("src-%d-%d", w, i))
				if err := os.WriteFile(src, content, 0o644); err != nil {
					errs <- err
					return
				}
				key := Key([]byte{byte(k)})
				if err := c.Put(key, src); err != nil {
					errs <- err
					return
				}
				dst := filepath.Join(dir, fmt.Sprintf("dst-%d-%d", w, i))
				if ok, err := c.Get(key, dst); err != nil {
					errs <- err
				} else if ok {
					if b, _ := os.ReadFile(dst); !bytes.Equal(b, content) {
						errs <- fmt.Errorf("key %d: got %d bytes %.20q", k, len(b), b)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	left, _ := filepath.Glob(filepath.Join(c.Dir, "entries", "*", ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
