package cmd

import (
	"errors"
	"io"
	"os"
	"path/filepath"
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
