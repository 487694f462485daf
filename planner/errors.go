package planner

import "strings"

// InputError reports a request the planner cannot honour because a value in
// it is wrong: an unknown treatment, a session count out of range, a time
// skipped by daylight saving. The command line reports it as a usage error.
type InputError struct {
	Field string // the request field at fault, e.g. "sessions"; "" when not one field
	Value string // the offending value, as given
	Msg   string // one line naming the value and what is accepted
	Hint  string // optional: what to do instead, e.g. a suggestion
}

func (e *InputError) Error() string { return e.Msg }

// RefusedError reports a plan refused by screening: the patient has an
// absolute contraindication, or a relative one under strict screening.
type RefusedError struct {
	Reasons []Finding
}

func (e *RefusedError) Error() string {
	parts := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		parts[i] = r.Message
	}
	return "plan refused: " + strings.Join(parts, "; ")
}
