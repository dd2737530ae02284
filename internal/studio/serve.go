package studio

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Listen opens a port on 127.0.0.1, the loopback interface only: port 0
// takes a free one.
func Listen(port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return nil, fmt.Errorf("studio: listen on 127.0.0.1:%d: %w", port, err)
	}
	return ln, nil
}

// URL is the page's address on ln.
func URL(ln net.Listener) string { return "http://" + ln.Addr().String() + "/" }

// Serve serves the studio on ln until ctx ends (Ctrl-C), then stops
// accepting, lets requests under way finish for a moment, and returns
// nil; a running render is cancelled with ctx.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(ln.Addr().String()),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	<-done
	return nil
}
