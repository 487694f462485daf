package planner

import (
	"strconv"
	"strings"
)

// SessionRange writes session numbers compactly, runs joined by dash:
// "1-4, 6" with dash "-".
func SessionRange(ns []int, dash string) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(ns[i])+dash+strconv.Itoa(ns[j]))
		} else {
			parts = append(parts, strconv.Itoa(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// SessionsPhrase names sessions in a sentence: "session 2", "sessions 1-4".
func SessionsPhrase(ns []int, dash string) string {
	if len(ns) == 1 {
		return "session " + strconv.Itoa(ns[0])
	}
	return "sessions " + SessionRange(ns, dash)
}
