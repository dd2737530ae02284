package render

import "context"

// Slots bounds how many processes several renders run at once: a batch
// gives every video it renders the same Slots, so that the chunks of all
// of them share one pool and the machine is never oversubscribed.
type Slots struct{ c chan struct{} }

// NewSlots returns n slots (at least 1).
func NewSlots(n int) *Slots { return &Slots{c: make(chan struct{}, max(1, n))} }

// Cap returns the number of slots.
func (s *Slots) Cap() int { return cap(s.c) }

// acquire takes a slot, waiting for one; a nil Slots never waits.
func (s *Slots) acquire(ctx context.Context) error {
	if s == nil {
		return nil
	}
	select {
	case s.c <- struct{}{}:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// release gives back a slot taken by acquire.
func (s *Slots) release() {
	if s != nil {
		<-s.c
	}
}

// slotted runs fn holding one of r.Slots.
func (r *Renderer) slotted(ctx context.Context, fn func() error) error {
	if err := r.Slots.acquire(ctx); err != nil {
		return err
	}
	defer r.Slots.release()
	return fn()
}
