package ascii

import (
	"strings"
	"testing"
)

// printable is the byte-at-a-time definition Printable8 must agree with.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// TestPrintable8: every byte value at every position of eight, beside
// printable ones at the edges of the range.
func TestPrintable8(t *testing.T) {
	for _, fill := range []byte{' ', '~', 'a'} {
		for pos := range 8 {
			for b := range 256 {
				s := []byte(strings.Repeat(string(fill), 8))
				s[pos] = byte(b)
				if got, want := Printable8(string(s)), printable(string(s)); got != want {
					t.Errorf("Printable8(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}
