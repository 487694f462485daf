package planner

import "testing"

func TestSessionRangeAndPhrase(t *testing.T) {
	tests := []struct {
		ns            []int
		rng, sentence string
	}{
		{[]int{2}, "2", "session 2"},
		{[]int{1, 2, 3, 4}, "1-4", "sessions 1-4"},
		{[]int{1, 2, 4, 6, 7}, "1-2, 4, 6-7", "sessions 1-2, 4, 6-7"},
		{[]int{3, 5}, "3, 5", "sessions 3, 5"},
	}
	for _, tt := range tests {
		if got := SessionRange(tt.ns, "-"); got != tt.rng {
			t.Errorf("SessionRange(%v) = %q, want %q", tt.ns, got, tt.rng)
		}
		if got := SessionsPhrase(tt.ns, "-"); got != tt.sentence {
			t.Errorf("SessionsPhrase(%v) = %q, want %q", tt.ns, got, tt.sentence)
		}
	}
}
