//go:build !linux

package cache

import "os"

// fileIdentity has nothing beyond size and mtime to offer here.
func fileIdentity(os.FileInfo) string { return "" }
