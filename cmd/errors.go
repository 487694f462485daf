package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mesoplan/mesoplan/planner"
)

// exitCode decides the exit status of a run, in one place: a refused plan
// 3; a bad value in a file 1, like any invalid file; a usage error, or a
// request the planner cannot honour, 2; anything else 1.
func exitCode(err error) int {
	var usage *usageError
	var file *fileError
	var refused *planner.RefusedError
	_, request := requestHint(err)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &refused):
		return exitRefused
	case errors.As(err, &file):
		return exitFailure
	case errors.As(err, &usage), request, isCobraUsage(err):
		return exitUsage
	default:
		return exitFailure
	}
}

// fileError is a bad value in a file: a config file or a saved plan. It
// names the file (and line) and exits with status 1, whatever the value.
type fileError struct {
	where string // "FILE" or "FILE:LINE"
	err   error
	hint  string // optional: what to do about it
}

func (e *fileError) Error() string { return e.where + ": " + e.err.Error() }
func (e *fileError) Unwrap() error { return e.err }

// requestHint says whether err is a request the planner cannot honour (a
// usage error) and what to do instead. It is the one place that knows
// which flag changes which value: the planner's errors name none.
func requestHint(err error) (hint string, ok bool) {
	var (
		input    *planner.InputError
		zone     *planner.ZoneError
		past     *planner.PastStartError
		passed   *planner.PassedSessionError
		gap      *planner.ClockGapError
		repeat   *planner.ClockRepeatError
		sessions *planner.SessionsError
		next     *planner.NextDateError
		years    *planner.YearsError
	)
	switch {
	case errors.As(err, &past):
		return "give a date from today on, or --allow-past to plan a course that has already begun", true
	case errors.As(err, &passed):
		return "give a later start date or session time, or --allow-past to plan a course that has already begun", true
	case errors.As(err, &gap):
		return "choose another session time with --time", true
	case errors.As(err, &repeat):
		return "choose a session time outside that hour with --time", true
	case errors.As(err, &sessions):
		return "", true
	case errors.As(err, &next):
		if next.Forcible {
			return "choose another date, or --force to book it anyway", true
		}
		return "", true
	case errors.As(err, &zone):
		return zoneHint(zone.Name), true
	case errors.As(err, &years):
		return "", true
	case errors.As(err, &input):
		return input.Hint, true
	}
	return "", false
}

// usageError is a mistake on the command line: a bad flag, argument or
// value. It exits with status 2.
type usageError struct {
	msg  string
	hint string
}

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) *usageError {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func (e *usageError) withHint(format string, args ...any) *usageError {
	e.hint = fmt.Sprintf(format, args...)
	return e
}

// isCobraUsage recognises the errors Cobra returns untyped for an unknown
// command or a wrong number of arguments.
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command ") ||
		strings.HasPrefix(msg, "accepts ") ||
		strings.HasPrefix(msg, "requires at least ") ||
		strings.HasPrefix(msg, "invalid argument ")
}

// printError prints err as one "mesoplan: error:" line per line of its
// message, then its hint, if any.
func printError(w io.Writer, err error) {
	msg := err.Error()
	hint := ""
	var usage *usageError
	var file *fileError
	var refused *planner.RefusedError
	switch {
	case errors.As(err, &usage):
		hint = usage.hint
	case errors.As(err, &file) && file.hint != "":
		hint = file.hint
	case errors.As(err, &refused):
		msg = "plan refused by screening:"
		for _, r := range refused.Reasons {
			msg += "\n" + r.Message
		}
		hint = "this tool does not plan a course for these conditions; see 'mesoplan conditions'"
		if refused.Strict {
			hint += "; without --strict, relative contraindications only warn"
		}
	default:
		hint, _ = requestHint(err)
	}
	if usage == nil && strings.HasPrefix(msg, "unknown command ") {
		// Cobra appends its suggestions on further lines.
		first, rest, _ := strings.Cut(msg, "\n")
		msg = first
		if s := strings.Fields(strings.TrimPrefix(rest, "\nDid you mean this?")); len(s) > 0 {
			hint = fmt.Sprintf("did you mean %q? run 'mesoplan --help' for the commands", s[0])
		} else {
			hint = "run 'mesoplan --help' for the commands"
		}
	}
	for _, line := range strings.Split(strings.TrimRight(msg, "\n"), "\n") {
		fmt.Fprintf(w, "mesoplan: error: %s\n", clipMiddle(printable(line), maxErrorLine))
	}
	if hint != "" {
		fmt.Fprintf(w, "mesoplan: hint: %s\n", clipMiddle(printable(hint), maxErrorLine))
	}
}

// maxErrorLine is the most characters of an error or hint line printed: a
// 5,000-character argument is named by its start and the line keeps its
// end (what is accepted), not repeated in full.
const maxErrorLine = 400

// clipMiddle shortens s to its first and last characters around an
// ellipsis when it has more than n characters.
func clipMiddle(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head := (n - 3) * 3 / 5 // " … " takes 3
	tail := n - 3 - head
	return string(r[:head]) + " … " + string(r[len(r)-tail:])
}

// settingError reports a bad setting with where it came from: a failure
// (exit 1) naming FILE:LINE for a value in a file, which is an invalid
// file like any other; a usage error (exit 2) naming the flag or variable
// otherwise.
func settingError(err error, src Source) error {
	switch src.Layer {
	case LayerFile:
		return &fileError{where: fmt.Sprintf("%s:%d", src.Name, src.Line), err: err}
	case LayerPlan:
		return &fileError{where: src.Name, err: err}
	}
	u := usageErrorf("%v (from %s)", err, src)
	u.hint, _ = requestHint(err)
	return u
}

// printWarnings writes the findings of a plan on standard error, ranked
// (see rankedWarnings): each to act on as a "mesoplan: warning:" line,
// then each note (a session moved within its interval, a busy event
// skipped, a text given in English) as a "mesoplan: note:" line; whatever
// the format, the audience or -o, so that they reach the practitioner even
// when the plan goes to a file or a patient's calendar.
func printWarnings(w io.Writer, p *planner.Plan) {
	for _, f := range rankedWarnings(p) {
		label := "note"
		if f.Act() {
			label = "warning"
		}
		fmt.Fprintf(w, "mesoplan: %s: %s\n", label, printable(planner.OneLine(f.Message)))
	}
}

// rankedWarnings are the findings of a plan, those to act on first (a
// contraindication, a preparation already too late, an interval past its
// maximum, a conflict, a session booked with the patient that had to
// move).
func rankedWarnings(p *planner.Plan) []planner.Finding {
	var out []planner.Finding
	for _, act := range []bool{true, false} {
		for _, f := range p.Warnings {
			if f.Act() == act {
				out = append(out, f)
			}
		}
	}
	return out
}
