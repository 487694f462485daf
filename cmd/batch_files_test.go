package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
)

// fullWriter takes n bytes, then fails as a full disk does.
type fullWriter struct {
	f *os.File
	n int
}

func (w *fullWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k, _ := w.f.Write(p[:w.n])
		w.n = 0
		return k, syscall.ENOSPC
	}
	w.n -= len(p)
	return w.f.Write(p)
}

func (w *fullWriter) Close() error { return w.f.Close() }

// TestStageFullDisk: a file that cannot be written whole is removed, its
// error is one every later row would share (the batch stops), and the
// folder holds no temporary file; a file staged before it commits whole.
func TestStageFullDisk(t *testing.T) {
	dir := t.TempDir()
	app, _, _ := testApp(nil)
	app.temps = &tempFiles{paths: map[string]bool{}}
	defer app.stopTemps()
	files, err := openBatchFiles(app, dir)
	if err != nil {
		t.Fatal(err)
	}
	room := 10
	files.create = func(path string) (io.WriteCloser, error) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		w := &fullWriter{f: f, n: room}
		room = 0
		return w, nil
	}
	ok, err := files.stage("a.ics", []byte("0123456789"))
	if err != nil {
		t.Fatalf("the first file fits: %v", err)
	}
	_, err = files.stage("b.ics", []byte("0123456789"))
	if err == nil || !errors.Is(err, syscall.ENOSPC) || !fatalWriteError(err) {
		t.Fatalf("error %v, want a fatal no-space error", err)
	}
	if err := files.commit(ok); err != nil {
		t.Fatal(err)
	}
	files.close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "a.ics" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want a.ics alone", names)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.ics")); string(data) != "0123456789" {
		t.Errorf("a.ics holds %q", data)
	}
}

// TestBatchSummaryTableBounded: the summary table lists the first rows
// not written and warnings by line, and says how many more JSON lists.
func TestBatchSummaryTableBounded(t *testing.T) {
	sum := batchSummary{Rows: 130, Written: 70, Failed: 60}
	for i := range 60 {
		sum.Problems = append(sum.Problems, batchRow{Line: 2*i + 3, ID: fmt.Sprintf("p%d", i), Status: "failed", Reason: "bad date"})
	}
	sum.Warnings = []batchRow{{Line: 2, ID: "w", Status: "warning", Reason: "diabetes"}}
	var b strings.Builder
	if err := writeBatchSummary(&b, "table", 80, sum); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "│ 2    │ w   │ warning │ diabetes") || !strings.Contains(out, "│ 99   │ p48 │ failed") || strings.Contains(out, "p49 ") {
		t.Errorf("want the warning first, then failures up to the 50th row:\n%s", out)
	}
	if !strings.HasSuffix(out, "... and 11 more (--format json lists them all)\n") {
		t.Errorf("want the count of the rest at the end:\n%s", out)
	}
}

// TestCreateNew: the batch's own file creation writes a whole file with
// its owner's permissions only, refuses a name that exists, and names the
// file in its errors; renameOver moves it into place over an old one.
func TestCreateNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.ics")
	w, err := createNew(path)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte(strings.Repeat("BEGIN:VEVENT\r\n", 10000))
	if n, err := w.Write(data); n != len(data) || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != string(data) {
		t.Fatalf("read back %d bytes, %v; want %d", len(got), err, len(data))
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("mode %v, %v: want the owner's only", info.Mode(), err)
	}
	if _, err := createNew(path); !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("createNew over an existing file: %v, want an error naming it", err)
	}
	if _, err := createNew(filepath.Join(dir, "none", "b.ics")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("createNew in a missing folder: %v", err)
	}
	old := filepath.Join(dir, "old.ics")
	if err := os.WriteFile(old, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := renameOver(path, old); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(old); string(got) != string(data) {
		t.Errorf("renameOver left %d bytes, want the new file", len(got))
	}
	if err := renameOver(path, old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("renameOver of a file gone: %v", err)
	}
}

// TestBatchFilesFresh: a folder made by the batch, or empty when it
// starts, is fresh (nothing in it is looked for before writing); one
// holding anything, even a hidden file, is not, and a file committed
// there keeps the mode of the one it replaces.
func TestBatchFilesFresh(t *testing.T) {
	app, _, _ := testApp(nil)
	app.temps = &tempFiles{paths: map[string]bool{}}
	defer app.stopTemps()
	root := t.TempDir()
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	used := filepath.Join(root, "used")
	if err := os.Mkdir(used, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(used, "a.ics"), []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]bool{filepath.Join(root, "new"): true, empty: true, used: false} {
		f, err := openBatchFiles(app, dir)
		if err != nil {
			t.Fatal(err)
		}
		f.checkFresh()
		if f.fresh != want {
			t.Errorf("%s: fresh %v, want %v", dir, f.fresh, want)
		}
		s, err := f.stage("a.ics", []byte("new"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.commit(s); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.Join(dir, "a.ics"))
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); !want && perm != 0o640 {
			t.Errorf("%s: the replaced file's mode 0640 became %#o", dir, perm)
		}
		f.close()
	}
}

// TestSummaryHeapRaisesLimit: the rows a batch keeps for its summary
// raise the heap limit as they grow, so that a file of many failed rows
// does not leave the collector running without pause.
func TestSummaryHeapRaisesLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchHeap))
	var h summaryHeap
	row := batchRow{Line: 2, ID: "p1", Status: "failed", Reason: strings.Repeat("x", 1000)}
	for range 100 {
		h.add(row)
	}
	if got := debug.SetMemoryLimit(-1); got != batchHeap {
		t.Errorf("after 100 rows the limit is %d, want it still %d", got, batchHeap)
	}
	for range 10000 {
		h.add(row)
	}
	if got := debug.SetMemoryLimit(-1); got < batchHeap+2*(h.held-4<<20) || got > batchHeap+2*h.held {
		t.Errorf("after %d bytes held the limit is %d, want about %d", h.held, got, batchHeap+2*h.held)
	}
}
