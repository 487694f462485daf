package cmd

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzBatchReader feeds any bytes to the batch file's reader: it never
// panics, and either refuses the header or gives rows; its seeds run with
// go test (make fuzz explores further).
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
			for range 1000 {
				if _, err := r.Read(); errors.Is(err, io.EOF) || err != nil {
					break
				}
			}
		}
	})
}
