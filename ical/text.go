package ical

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mesoplan/mesoplan/internal/ascii"
	"github.com/mesoplan/mesoplan/planner"
)

// maxLineOctets is the longest a content line may be, without its CRLF
// (RFC 5545 section 3.1).
const maxLineOctets = 75

// fold splits every content line of s (CRLF-separated) into lines of at
// most 75 octets, continuation lines starting with a space, never splitting
// a UTF-8 sequence (RFC 5545 section 3.1).
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/64*3)
	for _, line := range strings.SplitAfter(s, "\r\n") {
		body := strings.TrimSuffix(line, "\r\n")
		limit := maxLineOctets
		for len(body) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			b.WriteString(body[:cut])
			b.WriteString("\r\n ")
			body = body[cut:]
			limit = maxLineOctets - 1 // the leading space counts
		}
		b.WriteString(body)
		if strings.HasSuffix(line, "\r\n") {
			b.WriteString("\r\n")
		}
	}
	return b.String()
}

// cleanText prepares free text (names, addresses, catalog text) for a TEXT
// property: line breaks of any kind become LF, which the encoder escapes as
// \n, and every other control character is dropped, so that nothing typed
// into a name can start a new property or break a parser.
func cleanText(s string) string {
	if isCleanText(s) {
		return s
	}
	return cleanTextSlow(s)
}

// cleanTextSlow is cleanText without its shortcut.
func cleanTextSlow(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return -1
		}
		return r
	}, s)
}

// oneLine is cleanText for properties that must stay on one line (SUMMARY,
// LOCATION, calendar names): every run of white space becomes one space.
func oneLine(s string) string {
	return planner.OneLine(cleanText(s))
}

// paramSafe makes a value safe as a parameter value such as CN. RFC 5545
// has no escape inside parameters, and golang-ical would backslash-escape
// ',', ';', ':' and '\” there, which clients show literally; so those
// characters and double quotes are dropped (an apostrophe becomes U+2019).
func paramSafe(s string) string {
	s = strings.ReplaceAll(oneLine(s), "'", "’")
	s = strings.Map(func(r rune) rune {
		switch r {
		case '"', ',', ';', ':', '\\':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isCleanText says whether cleanText would leave s as it is: valid UTF-8
// with no control character, CR or line or paragraph separator.
func isCleanText(s string) bool {
	for i := 0; i < len(s); {
		// Eight bytes at once while they are plain printable ASCII:
		// most of a calendar's text, scanned before it is written.
		if i+8 <= len(s) && ascii.Printable8(s[i:i+8]) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
