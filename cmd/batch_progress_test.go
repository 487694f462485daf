package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCountRows counts the rows a progress bar expects: records after the
// header, a quoted line break inside one, a last line without a break.
func TestCountRows(t *testing.T) {
	for _, tt := range []struct {
		data string
		want int64
	}{
		{"", 0},
		{"id,treatment,start\n", 0},
		{"id,treatment,start\na,hair,2027-03-16\n", 1},
		{"id,treatment,start\r\na,hair,2027-03-16\r\nb,hair,2027-03-16", 2},
		{"id,name,treatment,start\na,\"two\nlines\",hair,2027-03-16\nb,\"\"\"q\"\"\",hair,2027-03-16\n", 2},
	} {
		path := filepath.Join(t.TempDir(), "p.csv")
		if err := os.WriteFile(path, []byte(tt.data), 0o600); err != nil {
			t.Fatal(err)
		}
		if got, err := countRows(path); err != nil || got != tt.want {
			t.Errorf("countRows(%q) = %d, %v; want %d", tt.data, got, err, tt.want)
		}
	}
	if _, err := countRows(os.DevNull); err == nil {
		t.Error("countRows counted a device")
	}
}
