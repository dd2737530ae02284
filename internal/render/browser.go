package render

import (
	"context"
	"os/exec"
	"runtime"
)

// OpenURL opens url in the desktop's web browser, for "kenburns studio
// --open". It lives here because this package is the one that starts
// programs.
func OpenURL(ctx context.Context, url string) error {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	cmd := exec.CommandContext(ctx, name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	// The opener exits once the browser has the page; reap it.
	go cmd.Wait()
	return nil
}
