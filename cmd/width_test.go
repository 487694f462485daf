package cmd

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestWidth80 runs every command that prints for people with COLUMNS=80
// and checks that no line of its output is wider than 80 display cells
// (wide characters count two), in English and Italian.
func TestWidth80(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "p.json")
	env := map[string]string{"COLUMNS": "80"}
	app, _, errOut := testApp(env)
	if code := Main([]string{"plan", "cellulite", "--start", "2027-03-16", "--tz", "Europe/Rome", "--condition", "diabetes", "--save", plan, "-q", "-o", filepath.Join(dir, "p.out")}, app); code != 0 {
		t.Fatalf("plan --save: exit %d: %s", code, errOut)
	}
	runs := [][]string{
		{"plan", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome"},
		{"plan", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome", "--lang", "it", "--price", "80"},
		{"plan", "cellulite", "--start", "2027-03-16", "--tz", "Europe/Rome", "--condition", "diabetes", "--clinic-name", "Studio Bianchi", "--clinic-address", "Via Roma 1, 00100 Roma", "--clinic-phone", "+39 06 1234 5678"},
		{"plan", "hair", "--start", "2027-08-01", "--tz", "Asia/Tokyo", "--closed", "2027-08-09..2027-08-20"},
		{"plan", "hair", "--start", "2027-08-01", "--tz", "Asia/Tokyo", "--detail", "--clinic-name", "東京美容クリニック 表参道院 🌸💉 はじめての方へ", "--clinic-address", "東京都渋谷区神宮前四丁目一番地 表参道ビル 二十三階"},
		{"plan", "--from", plan},
		{"plan", "--from", plan, "--format", "calendar"},
		{"plan", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome", "--format", "calendar", "--lang", "it", "--week-start", "sunday"},
		{"reschedule", plan, "--session", "3", "--to", "2027-04-01"},
		{"status", plan},
		{"agenda", plan, "--from", "2027-03-01", "--to", "2027-06-30", "--tz", "America/New_York"},
		{"treatments"},
		{"conditions"},
		{"holidays", "DE-BY", "--year", "2027"},
		{"holidays", "list"},
		{"config"},
		{"version"},
		{"help", "environment"},
	}
	for _, tr := range builtinTreatments {
		runs = append(runs, []string{"treatments", "show", tr})
	}
	for _, argv := range runs {
		app, out, errOut := testApp(env)
		if code := Main(argv, app); code != 0 {
			t.Errorf("%v: exit %d: %s", argv, code, errOut)
			continue
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if w := runewidth.StringWidth(line); w > 80 {
				t.Errorf("%v: line %d is %d cells wide:\n%s", argv, i+1, w, line)
				break
			}
		}
	}
}

// TestWriteTableHugeCells: a cell of one 100,000-character word and one of
// 20,000 characters of prose are wrapped to the width, every piece of the
// word kept in order; a column-width search that narrowed such a column a
// cell at a time, or broke a word by re-measuring its rest, took minutes.
func TestWriteTableHugeCells(t *testing.T) {
	word := strings.Repeat("Ab", 50_000)
	prose := strings.Repeat("lorem ipsum ", 1_700)
	var b strings.Builder
	if err := writeTable(&b, 80, []string{"when", "what", "notes"}, [][]string{{"2027-03-16", word, prose}, {"2027-03-17", "short", "x"}}); err != nil {
		t.Fatal(err)
	}
	var joined strings.Builder
	for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		if w := runewidth.StringWidth(line); w > 80 {
			t.Fatalf("a line %d cells wide: %q", w, line)
		}
		if cells := strings.Split(line, "│"); len(cells) == 5 {
			joined.WriteString(strings.TrimSpace(cells[2]))
		}
	}
	if !strings.Contains(joined.String(), word) {
		t.Errorf("the long word is not kept whole across its lines")
	}
}

func TestSplitWidth(t *testing.T) {
	for _, tc := range []struct {
		word  string
		width int
		want  []string
	}{
		{"abcdefgh", 3, []string{"abc", "def", "gh"}},
		{"abc", 3, []string{"abc"}},
		{"東京都渋谷", 4, []string{"東京", "都渋", "谷"}},
		{"a東京", 2, []string{"a", "東", "京"}},
		{"東京", 1, []string{"東", "京"}}, // wider than the column: alone
	} {
		if got := splitWidth(tc.word, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("splitWidth(%q, %d) = %q, want %q", tc.word, tc.width, got, tc.want)
		}
	}
}
