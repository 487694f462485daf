package cmd

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzBatchReader feeds any bytes to the batch file's reader, as the
// batch reads it (csvRows.next): it never panics, and either refuses the
// header or gives rows, each with its line, until the end or an error
// naming the file; its seeds run with go test (make fuzz explores
// further).
func FuzzBatchReader(f *testing.F) {
	for _, seed := range []string{
		"id,treatment,start\na,hair,2027-03-16\n",
		"\xef\xbb\xbfID;Treatment;Start\r\na;hair;2027-03-16\r\n",
		"id,treatment,start,name\n\"a\",\"hair\",\"2027-03-16\",\"Bob \"\"B\"\"\"\n",
		"id,treatment\n",
		"",
		"id,treatment,start\n\"unterminated\n",
		"id,id,treatment,start\n",
		"ID;TREATMENT;START;NAME\na;b\n",
		"id,treatment,start\na,hair,2027-03-16\n\"b,hair,2027-03-16\n", // a quote left open in a row
		"id,treatment,start\na,hair,2027-03-16\nb\"x,hair\n",
		"id,treatment,start\n\"a\"x,hair,2027-03-16\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, delim := range []string{"", ",", ";"} {
			r, cols, err := batchReader(bytes.NewReader(data), "f.csv", delim, false)
			if err != nil {
				continue
			}
			if _, ok := cols["id"]; !ok {
				t.Fatalf("a header without id accepted: %q", data)
			}
			last := 0
			for range 1000 {
				record, line, err := r.next("f.csv")
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					if !strings.HasPrefix(err.Error(), "f.csv") {
						t.Fatalf("an error that does not name the file: %v", err)
					}
					break
				}
				if len(record) == 0 || line <= last {
					t.Fatalf("row %q at line %d after line %d", record, line, last)
				}
				last = line
			}
		}
	})
}
