//go:build !unix

package cmd

import (
	"io"
	"os"
)

// createNew makes a new file for writing, failing if path exists.
func createNew(path string) (io.WriteCloser, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

// renameOver renames a file into place.
func renameOver(from, to string) error { return os.Rename(from, to) }
