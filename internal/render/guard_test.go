package render

import (
	"strings"
	"testing"

	// Imported for its -update flag, so that "go test ./... -update" runs
	// in every package; this one has no golden files.
	_ "github.com/kenburns/kenburns/internal/golden"
)

func TestGuard(t *testing.T) {
	err := guard(func() error {
		var s []int
		_ = s[3]
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("guard returned %v", err)
	}
	if err := guard(func() error { return nil }); err != nil {
		t.Errorf("guard(ok) = %v", err)
	}
}
