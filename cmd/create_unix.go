//go:build unix

package cmd

import (
	"io"
	"os"
	"syscall"
)

// createNew makes a new file for writing, failing if path exists. A batch
// makes two per patient: os.OpenFile would also try to register each with
// the runtime's poller (four fcntl calls and an epoll_ctl that always
// fails for a regular file), a third of the system calls of a row.
func createNew(path string) (io.WriteCloser, error) {
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o600)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o600)
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return &rawFile{fd: fd, path: path}, nil
}

// rawFile is a file written with plain system calls.
type rawFile struct {
	fd   int
	path string
}

// Write writes all of p, retrying short and interrupted writes.
func (f *rawFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := syscall.Write(f.fd, p[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &os.PathError{Op: "write", Path: f.path, Err: err}
		}
		if m == 0 {
			return n, &os.PathError{Op: "write", Path: f.path, Err: io.ErrShortWrite}
		}
		n += m
	}
	return n, nil
}

// Close closes the file; an error (a full disk on some file systems) is
// reported like Write's.
func (f *rawFile) Close() error {
	if err := syscall.Close(f.fd); err != nil {
		return &os.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}

// renameOver renames a file into place. os.Rename first stats the new
// name to refuse a directory; commit has done so already.
func renameOver(from, to string) error {
	if err := syscall.Rename(from, to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}
