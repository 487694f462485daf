package planner

import "strings"

// Suggest returns the candidate nearest to s when it is near enough to be
// a likely typo or abbreviation, else "". Candidates are compared in lower
// case, so s should be lower case too.
func Suggest(s string, candidates []string) string {
	if len(s) > maxSuggest {
		return ""
	}
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(s, lc)
		if s != "" && (strings.HasPrefix(lc, s) || strings.HasPrefix(s, lc)) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist <= max(2, len(s)/3) {
		return best
	}
	return ""
}

// maxSuggest bounds the length of a string Suggest compares: a longer one
// is no typo, and comparing it would cost time and memory in its length.
const maxSuggest = 64

// editDistance is the optimal string alignment distance between a and b,
// counted in runes: the fewest insertions, deletions, substitutions and
// swaps of two neighbours ("fromat" for "format") that turn one into the
// other, no part edited twice.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between ra[:i] and rb[:j].
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
