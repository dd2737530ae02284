//go:build linux

package main

// Imported for its -update flag, so that "go test ./... -update" runs in
// every package; this one has no golden files.
import _ "github.com/kenburns/kenburns/internal/golden"
