//go:build linux

package cache

import (
	"fmt"
	"os"
	"syscall"
)

// fileIdentity is the inode and change time of a file: content written in
// place changes the change time, even when size and mtime are restored.
func fileIdentity(st os.FileInfo) string {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d:%d:%d", s.Ino, s.Ctim.Sec, s.Ctim.Nsec)
	}
	return ""
}
