// Package mdtable reads the tables of a Markdown document, so that tests
// can hold the README's tables of flags, limits and presets to the code.
package mdtable

import "strings"

// Table is a Markdown table: its header's cells and its rows' cells.
type Table struct {
	Header []string
	Rows   [][]string
}

// Parse returns the tables in md, in order.
func Parse(md string) []Table {
	var ts []Table
	in := false
	for line := range strings.Lines(md) {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			in = false
			continue
		}
		cs := Cells(line)
		switch {
		case !in:
			ts = append(ts, Table{Header: cs})
			in = true
		case strings.Trim(line, "|-: ") == "":
			// the separator under the header
		default:
			ts[len(ts)-1].Rows = append(ts[len(ts)-1].Rows, cs)
		}
	}
	return ts
}

// Cells splits a table line at the pipes that are not escaped.
func Cells(line string) []string {
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cs []string
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			cs = append(cs, strings.TrimSpace(line[start:i]))
			start = i + 1
		}
	}
	return append(cs, strings.TrimSpace(line[start:]))
}
