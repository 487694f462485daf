// Package handout turns a planned course into a printable, self-contained
// HTML page for the patient: the sessions at a glance with the cost
// estimate and what follows the course, a month-by-month calendar marking
// session, preparation and aftercare days, and a checklist of what to do
// before and after each session, worded as the patient calendar words it.
//
// The page is one file: its style sheet is inline, it runs no script and
// loads nothing (no font, image or style sheet from elsewhere), so that it
// prints the same from any browser, online or not. It is laid out for A4
// and US Letter paper alike, and its marks read in black and white.
//
// The package is pure: it performs no I/O and reads no clock. The same plan
// and options always give the same bytes.
package handout
