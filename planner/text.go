package planner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mesoplan/mesoplan/internal/ascii"
)

// OneLine folds the line breaks, tabs and runs of spaces of free text (a
// catalog's summaries, a practitioner's or patient's names) into single
// spaces, so that no value can break a table row, a CSV record or a
// calendar line's layout.
func OneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isOneLine says whether s is already one line of single spaces: no
// leading, trailing or repeated white space, no white space but ' '.
func isOneLine(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false
	}
	for i := 0; i < len(s); {
		// Eight bytes at once while they are plain printable ASCII: no
		// white space in them but single spaces.
		if i+8 <= len(s) && ascii.Printable8(s[i:i+8]) {
			i += 8
			continue
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += size
			continue
		}
		switch c { // a double space was looked for above
		case '\t', '\n', '\v', '\f', '\r':
			return false
		}
		i++
	}
	return true
}

// LowerFirst lowercases the first letter of a summary for use
// mid-sentence ("no alcohol" for "No alcohol"), keeping acronyms such as
// "NSAIDs" as they are.
func LowerFirst(s string) string {
	if len(s) >= 2 && s[0] < utf8.RuneSelf && s[1] < utf8.RuneSelf {
		// ASCII: no rune slice (a calendar asks for every item).
		if c := s[0]; 'A' <= c && c <= 'Z' && !('A' <= s[1] && s[1] <= 'Z') {
			return string(c+'a'-'A') + s[1:]
		}
		return s
	}
	r := []rune(s)
	if len(r) < 2 || unicode.IsUpper(r[1]) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// Clip shortens s to its first n characters and "…" when it is longer, for
// a message that quotes free text (an event's title, a column's name).
func Clip(s string, n int) string {
	if len(s) <= n { // n bytes hold at most n characters
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
