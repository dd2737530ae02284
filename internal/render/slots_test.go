package render

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSlotsShared runs the pools of three renders at once on two shared
// slots: never more than two calls run at a time, whatever each render's
// Jobs.
func TestSlotsShared(t *testing.T) {
	slots := NewSlots(2)
	var now, peak atomic.Int32
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &Renderer{Jobs: 4, Slots: slots}
			err := r.pool(context.Background(), 8, func(ctx context.Context, i int) error {
				n := now.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(2 * time.Millisecond)
				now.Add(-1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("%d calls at once, want 2", p)
	}
}

// TestSlotsCancel: waiting for a slot ends with the context.
func TestSlotsCancel(t *testing.T) {
	s := NewSlots(1)
	if err := s.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.acquire(ctx); err == nil {
		t.Error("acquired a slot that is taken")
	}
}
