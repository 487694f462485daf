package cmd

import (
	"bufio"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// batchProgress shows a batch's progress on standard error: rows done of
// the total when the file can be counted first (not standard input),
// their rate and the time left. A nil *batchProgress shows nothing.
type batchProgress struct {
	bar *progressbar.ProgressBar
}

// newBatchProgress returns the progress of a batch of the file path ("-"
// is standard input), or nil when there is none to show: --progress never,
// --quiet, or standard error is no terminal and --progress is not always.
func newBatchProgress(app *App, mode, path string) *batchProgress {
	switch {
	case mode == "never", app.Quiet:
		return nil
	case mode != "always" && (app.ErrIsTerminal == nil || !app.ErrIsTerminal()):
		return nil
	}
	total := int64(-1) // unknown: a count and a rate, no bar
	if path != "-" {
		if n, err := countRows(path); err == nil {
			total = n
		}
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(app.Err),
		progressbar.OptionSetDescription("batch"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	return &batchProgress{bar: bar}
}

// add counts rows done.
func (p *batchProgress) add(n int) {
	if p != nil {
		_ = p.bar.Add(n)
	}
}

// clear takes the bar off its line, so that a message can be printed; it
// comes back with the next row.
func (p *batchProgress) clear() {
	if p != nil {
		_ = p.bar.Clear()
	}
}

// finish takes the bar away for good.
func (p *batchProgress) finish() {
	if p != nil {
		_ = p.bar.Finish()
		_ = p.bar.Exit()
	}
}

// countRows counts the rows of a batch file after its header: its line
// breaks outside quoted fields, and a last line without one.
func countRows(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return 0, os.ErrInvalid // a pipe or a device is read once
	}
	r := bufio.NewReaderSize(f, 64<<10)
	var lines int64
	quoted, pending := false, false
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		for _, b := range buf[:n] {
			switch {
			case b == '"':
				quoted = !quoted
				pending = true
			case b == '\n' && !quoted:
				lines++
				pending = false
			default:
				pending = true
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	if pending {
		lines++
	}
	return max(lines-1, 0), nil
}
