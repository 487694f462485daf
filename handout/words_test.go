package handout

import (
	"github.com/mesoplan/mesoplan/locale"
)

// english is the handout's words in English, from the built-in catalog.
var english = func() *words {
	tr, err := locale.English()
	if err != nil {
		panic(err)
	}
	return newWords(tr)
}()
