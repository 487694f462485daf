//go:build unix

package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestConcurrentReschedules runs 20 pairs of 'reschedule -i' on one saved
// plan at once: both changes must be in the file every time (the second
// waits for the first and applies its change on top), or one must fail
// with a clear message. Before locking, one update was lost 20 times in 20.
func TestConcurrentReschedules(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "p.json")
	const now = "1805241600" // 2027-03-17T00:00:00Z: session 1 has been held
	run := func(args ...string) (int, string) {
		app, _, errOut := testApp(map[string]string{"SOURCE_DATE_EPOCH": now, "HOME": dir})
		code := Main(args, app)
		return code, errOut.String()
	}
	app, _, errOut := testApp(map[string]string{"HOME": dir})
	if code := Main([]string{"plan", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome", "--save", plan, "-o", os.DevNull}, app); code != 0 {
		t.Fatalf("plan: %s", errOut)
	}
	base, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if err := os.WriteFile(plan, base, 0o600); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		codes, msgs := make([]int, 2), make([]string, 2)
		changes := [][]string{
			{"reschedule", plan, "--session", "3", "--to", "2027-04-01", "-i", "-o", os.DevNull},
			{"reschedule", plan, "--done", "1", "-i", "-o", os.DevNull},
		}
		for j, args := range changes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[j], msgs[j] = run(args...)
			}()
		}
		wg.Wait()
		data, err := os.ReadFile(plan)
		if err != nil {
			t.Fatal(err)
		}
		moved := strings.Contains(string(data), `"start": "2027-04-01T10:00:00+02:00"`)
		held := strings.Contains(string(data), `"held": true`)
		for j, code := range codes {
			if code != 0 && !strings.HasPrefix(msgs[j], "mesoplan: error: ") {
				t.Fatalf("pair %d: %v exited %d without a clear error: %q", i, changes[j], code, msgs[j])
			}
		}
		switch {
		case codes[0] == 0 && codes[1] == 0 && !(moved && held):
			t.Fatalf("pair %d: both succeeded but an update is lost (moved %v, held %v)", i, moved, held)
		case codes[0] == 0 && !moved, codes[1] == 0 && !held:
			t.Fatalf("pair %d: a change that succeeded is not in the file (moved %v, held %v)", i, moved, held)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the directory: %v", names)
	}
}

// TestLockFilePipe: an output that is a pipe is not opened to be locked:
// opening a FIFO waits for a writer, and holding the read end of the
// pipe mesoplan writes into (--save /dev/stdout | head) blocked the write
// for ever once the reader had gone.
func TestLockFilePipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() {
		unlock, err := lockFile(fifo)
		if err == nil {
			unlock()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("lockFile(fifo) = %v", err)
		}
	case <-time.After(30 * time.Second): // not a timing: it would wait for ever
		t.Fatal("lockFile opened the FIFO and waits for a writer")
	}
}
