package cmd

import (
	"os"
	"sync"
)

// tempFiles are the temporary files a run is writing, removed if the
// process is interrupted (SIGINT, SIGTERM) while they exist. One watcher
// serves them all: with a watcher per file, the first to see the signal
// would end the process before the others had removed theirs.
type tempFiles struct {
	once  sync.Once // starts the watcher with the first file
	mu    sync.Mutex
	paths map[string]bool
	stop  func()
}

// trackTemp removes path on an interrupt until the returned untrack is
// called.
func (app *App) trackTemp(path string) (untrack func()) {
	t := app.temps
	if t == nil { // an App used without Main: no watcher
		return func() {}
	}
	t.once.Do(func() { t.stop = cleanOnInterrupt(t.removeAll) })
	t.mu.Lock()
	t.paths[path] = true
	t.mu.Unlock()
	return func() {
		t.mu.Lock()
		delete(t.paths, path)
		t.mu.Unlock()
	}
}

// removeAll removes every file tracked.
func (t *tempFiles) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
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
