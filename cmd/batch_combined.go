package cmd

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// batchCombined gathers every written row's sessions into one
// practitioner calendar (--combined): the events go to a temporary file
// as the rows are collected, in row order, so memory stays flat; the
// calendar is written around them, and renamed into place, only when the
// batch ran to its end.
type batchCombined struct {
	path   string
	body   *os.File
	buf    *bufio.Writer
	agenda *ical.Agenda
	stop   func()
	done   bool
}

// newBatchCombined starts the combined calendar of a batch.
func newBatchCombined(app *App, path string, cl clinic) (*batchCombined, error) {
	var body *os.File
	untrack, err := app.createTemp(func() (string, error) {
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
		if err != nil {
			return "", err
		}
		body = f
		return f.Name(), nil
	})
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	c := &batchCombined{path: path, body: body, buf: bufio.NewWriterSize(body, 64<<10), stop: untrack}
	c.agenda, err = ical.NewAgenda(c.buf, ical.AgendaOptions{Name: "Clinic agenda", Notice: planner.Notice,
		Clinic: icalClinic(cl), Now: app.Now(), Version: version()})
	if err != nil {
		c.discard()
		return nil, err
	}
	return c, nil
}

// add writes the sessions of a written row, in the words of its language.
func (c *batchCombined) add(p *planner.Plan, planID, patient string, words *locale.Printer) error {
	return c.agenda.Add(p, planID, patient, words, nil)
}

// finish writes the calendar into place.
func (c *batchCombined) finish(app *App) error {
	defer c.discard()
	if err := c.buf.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", c.path, unwrapPathError(err))
	}
	if _, err := c.body.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return writeStream(app, c.path, func(w io.Writer) error {
		return c.agenda.Finish(w, bufio.NewReaderSize(c.body, 64<<10))
	})
}

// discard removes the events' temporary file; once is enough.
func (c *batchCombined) discard() {
	if c.done {
		return
	}
	c.done = true
	c.body.Close()
	os.Remove(c.body.Name())
	c.stop()
}
