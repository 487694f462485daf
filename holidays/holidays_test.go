package holidays

import (
	"flag"
	"strings"
	"testing"

	"github.com/mesoplan/mesoplan/planner"
)

//lint:ignore U1000 declared so that 'go test ./... -update' works in every package
var update = flag.Bool("update", false, "rewrite golden files (none here)")

func TestInYear(t *testing.T) {
	tests := []struct {
		region string
		year   int
		want   map[string]string // date -> name, a sample of the year's holidays
		absent []string
	}{
		{"IT", 2027, map[string]string{"2027-01-01": "Capodanno", "2027-03-29": "Pasquetta", "2027-04-25": "Festa della Liberazione", "2027-12-26": "Santo Stefano"}, []string{"2027-03-28"}},
		{"GB", 2027, map[string]string{"2027-03-26": "Good Friday", "2027-03-29": "Easter Monday", "2027-12-27": "Christmas Day (observed)"}, nil},
		{"US", 2027, map[string]string{"2027-07-05": "Independence Day (observed)", "2027-11-25": "Thanksgiving Day"}, nil},
		{"DE", 2027, map[string]string{"2027-10-03": "Tag der Deutschen Einheit", "2027-05-06": "Christi Himmelfahrt"}, []string{"2027-01-06"}},
		{"DE-BY", 2027, map[string]string{"2027-01-06": "Heilige Drei Könige"}, nil},
		{"IT", 2028, map[string]string{"2028-04-17": "Pasquetta"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			got := map[string]string{}
			days := InYear(tt.region, tt.year)
			for i, h := range days {
				got[h.Date.String()] = h.Name
				if i > 0 && !days[i-1].Date.Before(h.Date) {
					t.Errorf("not sorted by date: %s then %s", days[i-1].Date, h.Date)
				}
				if h.Date.Year != tt.year {
					t.Errorf("%s is not in %d", h.Date, tt.year)
				}
			}
			for date, name := range tt.want {
				if got[date] != name {
					t.Errorf("%s: %q, want %q", date, got[date], name)
				}
			}
			for _, date := range tt.absent {
				if name, ok := got[date]; ok {
					t.Errorf("%s is listed (%q), want no holiday", date, name)
				}
			}
		})
	}
}

func TestLookup(t *testing.T) {
	for in, want := range map[string]string{"it": "IT", "de-by": "DE-BY", " GB ": "GB"} {
		if got, err := Lookup(in); err != nil || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := Lookup("ITA")
	ie, ok := err.(*planner.InputError)
	if !ok || !strings.HasPrefix(ie.Hint, `did you mean "IT"?`) {
		t.Errorf("Lookup(ITA) = %v (%+v), want a suggestion of IT", err, ie)
	}
	if _, err := Lookup("XX"); err == nil {
		t.Error("Lookup(XX) succeeded")
	}
}

func TestBetweenIsAConstraint(t *testing.T) {
	h := Between("IT", 2027, 2028)
	if ok, why := h.Allows(planner.Date{Year: 2028, Month: 4, Day: 17}); ok || why != "2028-04-17 is a public holiday in IT (Pasquetta)" {
		t.Errorf("Allows(Pasquetta 2028) = %v, %q", ok, why)
	}
	if ok, _ := h.Allows(planner.Date{Year: 2027, Month: 4, Day: 6}); !ok {
		t.Error("an ordinary Tuesday is refused")
	}
}
