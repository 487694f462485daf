// Package ascii scans text eight bytes at a time for what most of
// mesoplan's text is: plain printable ASCII.
package ascii

// Printable8 reports whether the eight bytes of s are printable ASCII,
// ' ' to '~': none is at or above 0x80, below 0x20, or 0x7f. s must hold
// at least eight bytes.
func Printable8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	if v&highs != 0 {
		return false // a byte at or above 0x80
	}
	// With no high bit set, a byte b gets its high bit from b + 0x60 when
	// b >= 0x20, and from b + 0x01 when b == 0x7f.
	below := ^(v + 0x60*ones) & highs // high bit set where b < 0x20
	del := (v + ones) & highs         // high bit set where b == 0x7f
	return below|del == 0
}
