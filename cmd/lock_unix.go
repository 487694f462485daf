//go:build unix

package cmd

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on the file at path, waiting for any
// other mesoplan that holds it, and returns the function that releases it.
// Files are replaced by rename, so the lock is taken on the file the path
// names once the lock is held: a writer that waited for a file that was
// replaced meanwhile locks the new one, and then reads what the other
// wrote. A path that does not exist yet needs no lock, nor one that is
// neither a regular file nor a folder (a batch's): opening a pipe (--save
// /dev/stdout, a FIFO) would block, or keep its read end open and block
// the write into it for ever.
func lockFile(path string) (unlock func(), err error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return func() {}, nil
	}
	for range 100 {
		f, err := os.Open(path)
		if errors.Is(err, os.ErrNotExist) {
			return func() {}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", path, unwrapPathError(err))
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		held, errHeld := f.Stat()
		now, errNow := os.Stat(path)
		if errHeld == nil && errNow == nil && os.SameFile(held, now) {
			return func() { f.Close() }, nil // closing releases the lock
		}
		f.Close() // replaced while we waited: lock the new one
	}
	return nil, fmt.Errorf("locking %s: it keeps being replaced", path)
}
