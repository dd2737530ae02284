package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FileSum returns the sha256 of a file's content. Hashing every photo on
// every render would cost seconds, so sums are remembered by what
// identifies a version of a file: its path, size, modification and change
// times and inode. Writing to a file changes its change time, which no
// program can set back, so a remembered sum is never that of other bytes.
func (c *Cache) FileSum(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	id := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d\x00%s", abs, st.Size(), st.ModTime().UnixNano(), fileIdentity(st))))
	name := filepath.Join(c.Dir, "sums", hex.EncodeToString(id[:]))
	if b, err := os.ReadFile(name); err == nil && len(strings.TrimSpace(string(b))) == 64 {
		return strings.TrimSpace(string(b)), nil
	}
	sum, err := fileSum(abs)
	if err != nil {
		return "", err
	}
	// Remembering is an optimisation: a failure to write is not an error.
	if os.MkdirAll(filepath.Dir(name), 0o755) == nil {
		if tmp, err := os.CreateTemp(filepath.Dir(name), ".sum-*"); err == nil {
			_, werr := tmp.WriteString(sum + "\n")
			if tmp.Close() == nil && werr == nil {
				os.Rename(tmp.Name(), name)
			}
			os.Remove(tmp.Name())
		}
	}
	return sum, nil
}
