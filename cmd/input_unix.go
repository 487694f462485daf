//go:build unix

package cmd

import (
	"os"
	"syscall"
)

// openInput opens a file to read without waiting for a writer: a FIFO
// with none (a saved plan naming one, a folder holding one) would block
// the open for ever. The file is then set back to blocking reads, and a
// FIFO without a writer reads as empty.
func openInput(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
