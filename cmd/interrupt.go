package cmd

import (
	"os"
	"os/signal"
	"syscall"
)

// cleanOnInterrupt calls clean if the process is interrupted (SIGINT,
// SIGTERM) before the returned stop is called, then lets the signal end
// the process as it would have.
// A signal the process was started with ignored (nohup, a background job
// of a script) stays ignored: watching it would let it through.
func cleanOnInterrupt(clean func()) (stop func()) {
	var watched []os.Signal
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			watched = append(watched, s)
		}
	}
	if len(watched) == 0 {
		return func() {}
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, watched...)
	stopWatch := watchInterrupt(sigs, clean, func(sig os.Signal) {
		signal.Reset(sig)
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			_ = p.Signal(sig)
		}
	})
	return func() {
		signal.Stop(sigs)
		stopWatch()
	}
}

// watchInterrupt calls clean, then raise, when a signal arrives on sigs,
// until stop is called.
func watchInterrupt(sigs <-chan os.Signal, clean func(), raise func(os.Signal)) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		select {
		case sig := <-sigs:
			clean()
			raise(sig)
		case <-done:
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
