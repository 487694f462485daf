package cmd

import (
	"path/filepath"
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
