package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
)

// dataFormats are the formats of the commands that print data (treatments,
// conditions, holidays, status ...): a table for people, JSON for scripts
// (a documented object with a schema_version, docs/json.md), and TSV (or
// plain) for cut and awk: a header line, then a line per row, fields
// separated by tabs.
var dataFormats = []string{"table", "json", "tsv"}

// jsonSchemaVersion is the schema_version of every JSON object mesoplan's
// data commands print; a field is only added, never changed, within one.
const jsonSchemaVersion = 1

// dataOutput is what a data command prints, in every format.
type dataOutput struct {
	JSON   any      // the object for --format json
	Header []string // the columns of the table and of TSV
	Rows   [][]string
	// Before is printed above the table (table format only).
	Before string
}

// checkDataFormat refuses a --format value data commands do not have.
func checkDataFormat(format string) error {
	switch strings.ToLower(format) {
	case "table", "json", "tsv", "plain":
		return nil
	}
	return formatError(format, dataFormats)
}

// writeData writes d in format: see dataFormats.
func writeData(w io.Writer, format string, width int, d dataOutput) error {
	switch strings.ToLower(format) {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d.JSON)
	case "tsv", "plain":
		lines := [][]string{d.Header}
		lines = append(lines, d.Rows...)
		for _, cells := range lines {
			clean := make([]string, len(cells))
			for i, c := range cells {
				// No tab or line break inside a field: a cell's lines
				// become "; "-separated.
				clean[i] = strings.Join(strings.Fields(strings.ReplaceAll(cellText(c), "\n", "; ")), " ")
			}
			if _, err := fmt.Fprintln(w, strings.Join(clean, "\t")); err != nil {
				return err
			}
		}
		return nil
	case "table":
		w = &controlFilter{w: w}
		if d.Before != "" {
			if _, err := fmt.Fprintln(w, wrapText(d.Before, width, "  ")); err != nil {
				return err
			}
		}
		return writeTable(w, width, d.Header, d.Rows)
	}
	return formatError(format, dataFormats)
}

// wrapText breaks text into lines of at most width display cells (wide
// East Asian characters and emoji count two), at spaces, each line after
// the first indented by indent; a word longer than a line stays whole.
// width 0 leaves the text as it is.
func wrapText(text string, width int, indent string) string {
	if width <= 0 {
		return text
	}
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		w := runewidth.StringWidth(word)
		switch {
		case i == 0:
		case line+1+w > width:
			b.WriteString("\n" + indent)
			line = runewidth.StringWidth(indent)
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += w
	}
	return b.String()
}

// writeTable writes a table for people at most width display cells wide
// (0: no limit): as wide as its text when that fits, else the widest
// columns narrowed first and their text wrapped inside the cells, at
// spaces, and inside a word only when a word is wider than its column.
func writeTable(w io.Writer, width int, header []string, rows [][]string) error {
	clean := make([][]string, len(rows))
	for i, r := range rows {
		clean[i] = make([]string, len(r))
		for j, c := range r {
			clean[i][j] = cellText(c)
		}
	}
	rows = clean
	if width > 0 {
		widths := columnWidths(width, header, rows)
		header = wrapCells(header, widths)
		wrapped := make([][]string, len(rows))
		for i, r := range rows {
			wrapped[i] = wrapCells(r, widths)
		}
		rows = wrapped
	}
	t := tablewriter.NewTable(w, tableOptions(0)...)
	t.Header(toAny(header)...)
	for _, r := range rows {
		if err := t.Append(toAny(r)...); err != nil {
			return err
		}
	}
	return t.Render()
}

// columnWidths gives each column the width of its widest text, then, while
// the table is wider than width, narrows by one cell the column that this
// costs the fewest extra lines, a word broken inside costing ten (the
// widest of those that cost the same): long prose wraps before a date or
// an id does.
func columnWidths(width int, header []string, rows [][]string) []int {
	n := len(header)
	all := append([][]string{header}, rows...)
	widths := make([]int, n)
	for _, r := range all {
		for i := 0; i < n && i < len(r); i++ {
			widths[i] = max(widths[i], widest(r[i]))
		}
	}
	// lines is what a column costs at width w: its lines, and ten more
	// for each word broken inside.
	lines := func(col, w int) int {
		total := 0
		for _, r := range all {
			if col >= len(r) {
				continue
			}
			for _, line := range strings.Split(r[col], "\n") {
				total += len(breakLine(line, w))
				for _, word := range strings.Fields(line) {
					if runewidth.StringWidth(word) > w {
						total += 10
					}
				}
			}
		}
		return total
	}
	room := width - (3*n + 1) // "│ " before each column, " " after, and the last "│"
	total := 0
	for i, w := range widths {
		if w > room { // no column can be wider than the whole table
			widths[i] = max(room, min(w, 4))
		}
		total += widths[i]
	}
	cost := make([]int, n)
	for i := range widths {
		cost[i] = lines(i, widths[i])
	}
	for total > room {
		best, bestExtra := -1, 0
		for i := range widths {
			if widths[i] <= 4 {
				continue
			}
			extra := lines(i, widths[i]-1) - cost[i]
			if best < 0 || extra < bestExtra || (extra == bestExtra && widths[i] > widths[best]) {
				best, bestExtra = i, extra
			}
		}
		if best < 0 {
			break // no narrower: the table stays too wide rather than unreadable
		}
		widths[best]--
		cost[best] += bestExtra
		total--
	}
	return widths
}

// wrapCells wraps each cell's text to its column's width.
func wrapCells(cells []string, widths []int) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if i >= len(widths) || widest(c) <= widths[i] {
			out[i] = c
			continue
		}
		var lines []string
		for _, line := range strings.Split(c, "\n") {
			lines = append(lines, breakLine(line, widths[i])...)
		}
		out[i] = strings.Join(lines, "\n")
	}
	return out
}

// breakLine wraps one line at spaces to width display cells, breaking a
// word wider than that.
func breakLine(line string, width int) []string {
	var out []string
	cur, curW := "", 0
	flush := func() {
		if cur != "" {
			out = append(out, cur)
		}
		cur, curW = "", 0
	}
	for _, word := range strings.Fields(line) {
		if runewidth.StringWidth(word) > width {
			if curW > 0 {
				flush()
			}
			pieces := splitWidth(word, width)
			out = append(out, pieces[:len(pieces)-1]...)
			word = pieces[len(pieces)-1]
		}
		w := runewidth.StringWidth(word)
		if curW > 0 && curW+1+w > width {
			flush()
		}
		if curW > 0 {
			cur += " "
			curW++
		}
		cur += word
		curW += w
	}
	flush()
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// splitWidth cuts a word into pieces of at most width display cells (a
// character wider than that alone in its piece), in one pass.
func splitWidth(word string, width int) []string {
	var pieces []string
	start, w := 0, 0
	for i, r := range word {
		rw := runewidth.RuneWidth(r)
		if w+rw > width && i > start {
			pieces = append(pieces, word[start:i])
			start, w = i, 0
		}
		w += rw
	}
	return append(pieces, word[start:])
}

// widest is the display width of the widest line of s.
func widest(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, runewidth.StringWidth(line))
	}
	return n
}

// cellText is a value as a table or TSV shows it: control characters (an
// escape sequence, a carriage return: a name from a hand-edited file must
// not drive the terminal) dropped, a tab a space, line breaks kept for the
// cell's lines.
func cellText(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
