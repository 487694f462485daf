package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// batchFiles writes a batch's files into its output folder. Each file is
// first written in full to a temporary file beside it (staged, by any
// worker), then renamed into place (committed) in row order once its row
// is complete, so that a failed row, --fail-fast, a full disk or an
// interrupt leaves no partial file, and the folder holds the same files
// whatever --jobs is.
type batchFiles struct {
	dir     string
	created bool // the batch made dir: it removes it again if it stays empty
	// fresh: dir was empty once the batch held its lock, so nothing in it
	// is older than the batch, and no file need be looked for before
	// one is written (two system calls of six a patient). Another batch
	// waits for the lock; an export --save or reschedule into the folder
	// while the batch runs does not, and a row with the same id then
	// replaces its file, as it did when the look came a moment earlier.
	fresh bool
	// create makes a new file for writing; os.OpenFile but in tests.
	create func(path string) (io.WriteCloser, error)

	app   *App
	mu    sync.Mutex
	temps map[string]func() // staged files neither committed nor discarded, and their untrack
	n     int               // names the next temporary file
	pid   int               // names this process's temporary files
}

// stagedFile is a complete file waiting for its turn to be renamed into
// place.
type stagedFile struct {
	temp, path string
}

// openBatchFiles makes dir when missing and starts removing the batch's
// temporary files on an interrupt.
func openBatchFiles(app *App, dir string) (*batchFiles, error) {
	_, err := os.Stat(dir)
	created := errors.Is(err, fs.ErrNotExist)
	if err := makeOutDir(dir); err != nil {
		return nil, err
	}
	f := &batchFiles{dir: dir, created: created, app: app, temps: map[string]func(){}, create: createNew, pid: os.Getpid()}
	return f, nil
}

// checkFresh notes whether the folder is empty, once the batch holds
// its lock: see fresh.
func (f *batchFiles) checkFresh() {
	d, err := os.Open(f.dir)
	if err != nil {
		return
	}
	defer d.Close()
	if _, err := d.Readdirnames(1); err == io.EOF {
		f.fresh = true
	}
}

// stage writes data to a temporary file beside DIR/name, readable by its
// owner only (a calendar holds a patient's course and name).
func (f *batchFiles) stage(name string, data []byte) (stagedFile, error) {
	path := filepath.Join(f.dir, name)
	f.mu.Lock()
	f.n++
	temp := filepath.Join(f.dir, fmt.Sprintf(".%s.%d-%d.tmp", name, f.pid, f.n))
	f.mu.Unlock()
	var w io.WriteCloser
	untrack, err := f.app.createTemp(func() (_ string, err error) {
		w, err = f.create(temp)
		return temp, err
	})
	if err != nil {
		return stagedFile{}, fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	f.mu.Lock()
	f.temps[temp] = untrack
	f.mu.Unlock()
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		f.discard(stagedFile{temp: temp})
		return stagedFile{}, fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	return stagedFile{temp: temp, path: path}, nil
}

// commit renames a staged file into place; a file it replaces keeps its
// mode. A symbolic link in its place is replaced, never written through,
// so that nothing in the folder can send a patient's file elsewhere.
func (f *batchFiles) commit(s stagedFile) error {
	defer f.discard(s) // a no-op once renamed
	// In a fresh folder there is nothing in the way: ids are unique, case
	// aside.
	if !f.fresh {
		if err := replaceable(s); err != nil {
			return err
		}
	}
	if err := renameOver(s.temp, s.path); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, unwrapPathError(err))
	}
	f.mu.Lock()
	if untrack := f.temps[s.temp]; untrack != nil {
		untrack()
	}
	delete(f.temps, s.temp)
	f.mu.Unlock()
	return nil
}

// replaceable checks what stands where a staged file goes: a folder is an
// error, and a file's mode passes to the staged one that replaces it.
func replaceable(s stagedFile) error {
	old, err := os.Lstat(s.path)
	if err != nil {
		return nil
	}
	if old.IsDir() {
		return fmt.Errorf("writing %s: is a directory", s.path)
	}
	if old.Mode().IsRegular() {
		if err := os.Chmod(s.temp, old.Mode().Perm()); err != nil {
			return fmt.Errorf("writing %s: %w", s.path, unwrapPathError(err))
		}
	}
	return nil
}

// discard removes a staged file that will not be committed.
func (f *batchFiles) discard(s stagedFile) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if untrack := f.temps[s.temp]; untrack != nil {
		os.Remove(s.temp)
		untrack()
		delete(f.temps, s.temp)
	}
}

// discardAll removes every staged file not committed.
func (f *batchFiles) discardAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for temp, untrack := range f.temps {
		os.Remove(temp)
		untrack()
		delete(f.temps, temp)
	}
}

// close removes what is left staged, and the folder if the batch made it
// and wrote nothing into it.
func (f *batchFiles) close() {
	f.discardAll()
	if f.created {
		os.Remove(f.dir) // fails, as it should, unless empty
	}
}

// fatalWriteError says whether a write failed in a way that every later
// row would share (a full disk or quota, a read-only file system), so the
// batch stops instead of failing every row after it one by one.
func fatalWriteError(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

// fatalOnly is err when it is a fatal write error, else nil.
func fatalOnly(err error) error {
	if fatalWriteError(err) {
		return err
	}
	return nil
}
