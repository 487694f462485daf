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
package planner
