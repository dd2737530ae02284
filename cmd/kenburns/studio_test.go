package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// stopWhenServing is stdout that ends the studio (as Ctrl-C does) once it
// prints its address.
type stopWhenServing struct {
	mu     sync.Mutex
	b      bytes.Buffer
	cancel context.CancelFunc
}

func (w *stopWhenServing) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if strings.Contains(w.b.String(), "(Ctrl-C stops)") {
		w.cancel()
	}
	return len(p), nil
}

// TestStudioCommand starts the studio on a folder, which writes the
// storyboard beside it first, then on that storyboard, and stops it as
// Ctrl-C would: exit 0 both times.
func TestStudioCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trip")
	if err := os.CopyFS(dir, os.DirFS("../../examples/photos")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, arg, want string }{
		{"folder", dir, "wrote " + dir + ".yaml: 5 slides"},
		{"folder with its storyboard", dir + "/", dir + ".yaml exists: editing it"},
		{"storyboard", dir + ".yaml", "editing " + dir + ".yaml at http://127.0.0.1:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := &stopWhenServing{cancel: cancel}
			var errb bytes.Buffer
			code := run(ctx, []string{"studio", tt.arg}, out, &errb)
			if code != exitOK || !strings.Contains(out.b.String(), tt.want) {
				t.Fatalf("exit %d\n%s%s", code, out.b.String(), errb.String())
			}
		})
	}
	if code, _, errOut := kenburns(t, "studio", "../../examples/photos/01-mandelbrot.jpg"); code != exitInvalid || !strings.Contains(errOut, "neither a storyboard") {
		t.Errorf("studio on a photo: exit %d %s", code, errOut)
	}
	if code, _, _ := kenburns(t, "studio", dir+".yaml", "--port", "70000"); code != exitInvalid {
		t.Errorf("studio --port 70000: exit %d", code)
	}
}
