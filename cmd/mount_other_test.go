//go:build !linux

package cmd

import "github.com/rogpeppe/go-internal/testscript"

// canMount is false but on Linux, where the scripts mount a tmpfs.
func canMount() bool { return false }

func mountTmpfs(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("mounttmpfs: Linux only")
}
