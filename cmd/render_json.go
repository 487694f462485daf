package cmd

import (
	"encoding/json"
	"io"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// planJSONVersion is the version of the JSON schema in docs/plan-json.md.
// It changes only when a field is removed or changes meaning.
const planJSONVersion = 1

type planJSON struct {
	SchemaVersion int     `json:"schema_version"`
	Clinic        *clinic `json:"clinic,omitempty"`
	*planner.Plan
}

// renderJSON writes a plan as the JSON document documented in
// docs/plan-json.md.
func renderJSON(w io.Writer, p *planner.Plan, c clinic, _ *locale.Printer, _ int) error {
	doc := planJSON{SchemaVersion: planJSONVersion, Plan: p}
	if c != (clinic{}) {
		doc.Clinic = &c
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
