package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// Size limits of the files mesoplan reads: far above any real one, low
// enough that /dev/zero or a runaway file ends in an error, not in memory
// growing without end.
const (
	maxConfigBytes  = 1 << 20  // a config file
	maxCatalogBytes = 16 << 20 // a practitioner's catalog
	maxPlanBytes    = 16 << 20 // a saved plan
	maxBusyBytes    = 64 << 20 // a patient's calendar export
)

// readInput reads the file at path, refusing one larger than limit bytes
// (what is too large, and the limit, are named). what says what the file
// is for messages, e.g. "config".
func readInput(path, what string, limit int64) ([]byte, error) {
	f, err := openInput(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("reading %s: %s is a directory", what, path)
	}
	return readLimited(f, path, what, limit)
}

// readStdin reads what from standard input (in) as readInput reads a
// file. A nil in is an input that names standard input where no command
// line gives one: a saved plan's.
func readStdin(in io.Reader, what string, limit int64) ([]byte, error) {
	if in == nil {
		return nil, fmt.Errorf("reading %s: %q names standard input, which only a command line gives", what, stdinPath)
	}
	data, err := readLimited(in, "standard input", what, limit)
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		// "read /dev/stdin: is a directory": the name is not one typed.
		return nil, fmt.Errorf("reading %s from standard input: %w", what, pathErr.Err)
	}
	return data, err
}

// readLimited reads r whole, refusing more than limit bytes.
func readLimited(r io.Reader, name, what string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("reading %s: %s is larger than %d MiB", what, name, limit>>20)
	}
	return data, nil
}
