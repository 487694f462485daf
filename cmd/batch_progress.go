package cmd

// batchProgress shows a batch's progress on a terminal; the zero value
// (nil) shows nothing.
type batchProgress struct{}

func (p *batchProgress) add(int) {}
func (p *batchProgress) clear()  {}
func (p *batchProgress) finish() {}
