package photo

import (
	"fmt"
	"strings"
)

// Error is a photo that cannot be used, with the reason.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// Errors lists every photo of a run that cannot be used: the folder scan
// finds those whose header cannot be read, the renderer those that cannot
// be decoded. Listing them all at once saves the user a run per photo.
type Errors struct {
	Photos []*Error
}

func (e *Errors) Error() string {
	if len(e.Photos) == 1 {
		return fmt.Sprintf("%v (fix or remove it, or pass --skip-bad to render the rest)", e.Photos[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d photo(s) cannot be used:", len(e.Photos))
	for _, p := range e.Photos {
		fmt.Fprintf(&b, "\n  %v", p)
	}
	b.WriteString("\nfix or remove them, or pass --skip-bad to render the rest")
	return b.String()
}
