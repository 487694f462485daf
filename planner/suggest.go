package planner

import "strings"

// Suggest returns the candidate nearest to s when it is near enough to be
// a likely typo or abbreviation, else "". Candidates are compared in lower
// case, so s should be lower case too.
func Suggest(s string, candidates []string) string {
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

// editDistance is the Levenshtein distance between a and b, counted in
// runes: the fewest insertions, deletions and substitutions that turn one
// into the other.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
