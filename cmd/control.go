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
	clean := true
	for _, c := range p {
		if isControl(c) {
			clean = false
			break
		}
	}
	if clean {
		return f.w.Write(p)
	}
	f.buf = f.buf[:0]
	for _, c := range p {
		if !isControl(c) {
			f.buf = append(f.buf, c)
		}
	}
	if _, err := f.w.Write(f.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

func isControl(c byte) bool {
	return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
}

// printable is s without the characters controlFilter drops.
func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if isControl(s[i]) {
			b := make([]byte, 0, len(s))
			for j := 0; j < len(s); j++ {
				if !isControl(s[j]) {
					b = append(b, s[j])
				}
			}
			return string(b)
		}
	}
	return s
}
