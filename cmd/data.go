package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
)

// dataFormats are the formats of the commands that print data (treatments,
// conditions, holidays, status ...): a table for people, JSON for scripts
// (a documented object with a schema_version, docs/json.md), and TSV (or
// plain) for cut and awk: a header line, then a line per row, fields
// separated by tabs.
var dataFormats = []string{"table", "json", "tsv"}

// jsonSchemaVersion is the schema_version of every JSON object mesoplan's
// data commands print; a field is only added, never changed, within one.
const jsonSchemaVersion = 1

// dataOutput is what a data command prints, in every format.
type dataOutput struct {
	JSON   any      // the object for --format json
	Header []string // the columns of the table and of TSV
	Rows   [][]string
	// Before is printed above the table (table format only).
	Before string
}

// checkDataFormat refuses a --format value data commands do not have.
func checkDataFormat(format string) error {
	switch strings.ToLower(format) {
	case "table", "json", "tsv", "plain":
		return nil
	}
	return formatError(format, dataFormats)
}

// writeData writes d in format: see dataFormats.
func writeData(w io.Writer, format string, d dataOutput) error {
	switch strings.ToLower(format) {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d.JSON)
	case "tsv", "plain":
		lines := [][]string{d.Header}
		lines = append(lines, d.Rows...)
		for _, cells := range lines {
			clean := make([]string, len(cells))
			for i, c := range cells {
				clean[i] = strings.Join(strings.Fields(c), " ") // no tab or line break inside a field
			}
			if _, err := fmt.Fprintln(w, strings.Join(clean, "\t")); err != nil {
				return err
			}
		}
		return nil
	case "table":
		if d.Before != "" {
			if _, err := fmt.Fprintln(w, d.Before); err != nil {
				return err
			}
		}
		t := tablewriter.NewTable(w, tableOptions()...)
		t.Header(toAny(d.Header)...)
		for _, r := range d.Rows {
			if err := t.Append(toAny(r)...); err != nil {
				return err
			}
		}
		return t.Render()
	}
	return formatError(format, dataFormats)
}
