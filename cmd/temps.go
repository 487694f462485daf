package cmd

import (
	"errors"
	"os"
	"sync"
)

// tempFiles are the temporary files a run is writing, removed if the
// process is interrupted (SIGINT, SIGTERM) while they exist. One watcher
// serves them all: with a watcher per file, the first to see the signal
// would end the process before the others had removed theirs.
type tempFiles struct {
	once   sync.Once // starts the watcher with the first file
	mu     sync.Mutex
	paths  map[string]bool
	closed bool // interrupted: no new temporary file
	stop   func()
	say    func() // says what an interrupt leaves, on standard error
}

// errInterrupted is the error of a temporary file not made because the
// process is being interrupted.
var errInterrupted = errors.New("interrupted")

// createTemp makes a temporary file with create, which returns its path,
// and tracks it, both under the lock an interrupt takes: a file made while
// the watcher removes the others would be left behind.
func (app *App) createTemp(create func() (string, error)) (untrack func(), err error) {
	t := app.temps
	if t == nil {
		_, err := create()
		return func() {}, err
	}
	t.once.Do(func() { t.stop = cleanOnInterrupt(t.removeAll) })
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, errInterrupted
	}
	path, err := create()
	if err != nil {
		return nil, err
	}
	t.paths[path] = true
	return func() {
		t.mu.Lock()
		delete(t.paths, path)
		t.mu.Unlock()
	}, nil
}

// removeAll removes every file tracked.
func (t *tempFiles) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	if len(t.paths) > 0 && t.say != nil {
		t.say()
	}
	for p := range t.paths {
		os.Remove(p)
	}
}

// stopTemps stops watching for interrupts, at the end of a run.
func (app *App) stopTemps() {
	if t := app.temps; t != nil {
		t.once.Do(func() { t.stop = func() {} }) // none started: start none
		t.stop()
	}
}
