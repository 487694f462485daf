package cmd

import "io"

// controlFilter drops the control characters (C0 but line feed and tab,
// and DEL) from what goes to a terminal: a clinic's name, or a text in a
// hand-edited saved plan or catalog, must not clear the screen, retitle
// the window or hide a line with an escape sequence. Used for the formats
// people read (table, Markdown, the month calendar without colour) and
// for error and note lines; machine formats keep their values as they are.
type controlFilter struct {
	w   io.Writer
	buf []byte
}

func (f *controlFilter) Write(p []byte) (int, error) {
	if !hasControl(p) {
		return f.w.Write(p)
	}
	f.buf = dropControl(f.buf[:0], p)
	if _, err := f.w.Write(f.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

func isControl(c byte) bool {
	return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
}

// hasControl says whether s holds a byte isControl drops.
func hasControl[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if isControl(s[i]) {
			return true
		}
	}
	return false
}

// dropControl appends s to dst without its control bytes.
func dropControl[T string | []byte](dst []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		if !isControl(s[i]) {
			dst = append(dst, s[i])
		}
	}
	return dst
}

// printable is s without the characters controlFilter drops.
func printable(s string) string {
	if !hasControl(s) {
		return s
	}
	return string(dropControl(make([]byte, 0, len(s)), s))
}
