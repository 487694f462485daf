package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchApp is an App for benchmarks: a fixed clock, no terminal, output
// discarded.
func benchApp(in io.Reader) *App {
	return &App{
		In: in, Out: io.Discard, Err: io.Discard,
		Now:        func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) },
		LookupEnv:  func(string) (string, bool) { return "", false },
		SystemZone: func() (string, error) { return "Europe/Rome", nil },
		Rand:       zeroReader{},
		Quiet:      true,
	}
}

// zeroReader is a source of plan identities for benchmarks: all zeros.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// benchPatients is n rows of the anchor benchmark's patient file: a
// mesolifting course, starts spread over 2027, four zones.
func benchPatients(n int) string {
	zones := []string{"Europe/Rome", "America/New_York", "Asia/Dubai", "Australia/Sydney"}
	var b strings.Builder
	b.WriteString("id,name,treatment,start,timezone\n")
	base := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		d := base.AddDate(0, 0, (3+(i-1)*251)%365)
		fmt.Fprintf(&b, "P%06d,Patient %06d,mesolifting,%s,%s\n", i, i, d.Format("2006-01-02"), zones[(i-1)%len(zones)])
	}
	return b.String()
}

func runBench(b *testing.B, args []string, in string) {
	b.Helper()
	if code := Main(args, benchApp(strings.NewReader(in))); code != 0 {
		b.Fatalf("mesoplan %s: exit %d", strings.Join(args, " "), code)
	}
}

// BenchmarkPlan is one 'mesoplan plan' run, catalog loading included.
func BenchmarkPlan(b *testing.B) {
	for b.Loop() {
		runBench(b, []string{"plan", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome"}, "")
	}
}

// BenchmarkExport is one 'mesoplan export' run to a file.
func BenchmarkExport(b *testing.B) {
	out := filepath.Join(b.TempDir(), "course.ics")
	for b.Loop() {
		runBench(b, []string{"export", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome", "-o", out}, "")
	}
}

// BenchmarkBatch1000 is 'mesoplan batch' over 1,000 patients; the
// patients/s figure is reported beside the time.
func BenchmarkBatch1000(b *testing.B) {
	const n = 1000
	in := benchPatients(n)
	dir := b.TempDir()
	if d := os.Getenv("MESOPLAN_BENCH_DIR"); d != "" {
		dir = d
	}
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(dir, fmt.Sprint("run", i))
		runBench(b, []string{"batch", "-", "--out-dir", out}, in)
		b.StopTimer()
		_ = os.RemoveAll(out)
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "patients/s")
}
