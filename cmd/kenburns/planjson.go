package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/kenburns/kenburns/slideshow"
)

// writePlanJSON writes the plan in the documented, versioned JSON format
// (slideshow.Document, described in the README).
func writePlanJSON(w io.Writer, p *slideshow.Plan) error {
	b, err := json.MarshalIndent(p.Document(), "", "  ")
	if err != nil {
		return fmt.Errorf("encode plan as JSON: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
