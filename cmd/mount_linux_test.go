package cmd

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// canMount says whether this process may mount a tmpfs (root on Linux,
// outside a container that forbids it): the scripts' real full-disk and
// read-only cases need one.
var canMount = sync.OnceValue(func() bool {
	dir, err := os.MkdirTemp("", "mesoplan-mount")
	if err != nil {
		return false
	}
	defer os.Remove(dir)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=16k"); err != nil {
		return false
	}
	return syscall.Unmount(dir, 0) == nil
})

// mountTmpfs is the script command "mounttmpfs DIR SIZE [ro]": a small
// tmpfs at DIR, read-only with ro, unmounted when the script ends.
func mountTmpfs(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: mounttmpfs DIR SIZE [ro]")
	}
	dir := ts.MkAbs(args[0])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		ts.Fatalf("mounttmpfs: %v", err)
	}
	var flags uintptr
	if len(args) == 3 && args[2] == "ro" {
		flags = syscall.MS_RDONLY
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", flags, "size="+args[1]); err != nil {
		ts.Fatalf("mounttmpfs: %v", err)
	}
	ts.Defer(func() { _ = syscall.Unmount(filepath.Clean(dir), syscall.MNT_DETACH) })
}
