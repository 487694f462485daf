// Package ical turns a planned course into an iCalendar file (RFC 5545)
// that imports cleanly into Google Calendar, Apple Calendar, Outlook and
// Thunderbird.
//
// The calendar holds one timed event per session, one event per
// preparation or aftercare window (transparent, so the patient never shows
// as busy), the maintenance recall, and reminders. Times carry the plan's
// IANA zone as TZID, described by a VTIMEZONE generated from Go's zone
// data, so every client puts every event on the same instant.
//
// Components are built with github.com/arran4/golang-ical; this package
// owns what that library gets wrong for real clients: wall-clock DTSTART
// values under a TZID (never a UTC value with a TZID), VTIMEZONE contents,
// CRLF line ends, text sanitising, parameter quoting, and folding at 75
// octets without splitting a UTF-8 character.
//
// The package is pure: the caller passes the current time for DTSTAMP, and
// the same plan and options always give the same bytes.
package ical
