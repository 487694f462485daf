// Package planner turns a treatment catalog and a request into a course
// plan: the date and time of every session, the preparation and aftercare
// windows around them, maintenance, and the warnings a practitioner must see.
//
// The package is pure. It performs no I/O, reads neither the clock nor the
// environment, and gives the same plan for the same inputs on any machine in
// any local time zone: the caller passes "today" and the plan's zone in the
// [Request].
//
// # Time
//
// Sessions are civil times: a date and a wall-clock time in the plan's zone.
// Intervals between sessions count calendar days, so a weekly 10:00 session
// stays at 10:00 local time across a daylight-saving change. A window given
// in days ([Days]) is calendar arithmetic in the plan's zone; one given in
// hours ([Hours]) is elapsed time. The two are distinct types of [Span] so
// they cannot be mixed by accident.
//
// # Errors
//
// A request the planner cannot honour is a typed error carrying the values
// at fault ([*PastStartError], [*SessionsError], [*ClockGapError],
// [*NextDateError], [*ZoneError], or an [*InputError]); a refused plan is
// a [*RefusedError]. None names a flag or option: the caller knows how a
// value was given and says what to change.
//
// # Where things are
//
// catalog.go holds the catalog's types and lookup, catalog_decode.go and
// yamlerror.go read catalog files, catalog_validate.go checks them;
// placement.go places sessions through the [Constraint] seam
// (constraints.go, busy.go); windows.go derives the rule windows;
// screening.go screens conditions; plan.go puts them together in [Make];
// saved.go reads a plan back and checks it.
package planner
