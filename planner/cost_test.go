package planner

import "testing"

func TestCourseCost(t *testing.T) {
	eur := &Price{Min: 50, Max: 100, Currency: "EUR"}
	tests := []struct {
		name   string
		t      Treatment
		price  int
		n      int
		want   *Cost
		phrase string
	}{
		{"the catalog's range", Treatment{Price: eur}, 0, 6,
			&Cost{Currency: "EUR", Sessions: 6, PerSession: Range{50, 100}, Total: Range{300, 600}}, "6 sessions × 50-100 EUR: 300-600 EUR"},
		{"the practitioner's price", Treatment{Price: eur}, 80, 6,
			&Cost{Currency: "EUR", Sessions: 6, PerSession: Range{80, 80}, Total: Range{480, 480}}, "6 sessions × 80 EUR: 480 EUR"},
		{"price_eur, as older catalogs wrote it", Treatment{PriceEUR: &Range{60, 60}}, 0, 1,
			&Cost{Currency: "EUR", Sessions: 1, PerSession: Range{60, 60}, Total: Range{60, 60}}, "1 session × 60 EUR: 60 EUR"},
		{"another currency", Treatment{Price: &Price{Min: 90, Max: 120, Currency: "CHF"}}, 100, 2,
			&Cost{Currency: "CHF", Sessions: 2, PerSession: Range{100, 100}, Total: Range{200, 200}}, "2 sessions × 100 CHF: 200 CHF"},
		{"a price without a catalog price", Treatment{}, 70, 3,
			&Cost{Currency: "EUR", Sessions: 3, PerSession: Range{70, 70}, Total: Range{210, 210}}, "3 sessions × 70 EUR: 210 EUR"},
		{"no price at all", Treatment{}, 0, 6, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := courseCost(&tt.t, tt.price, tt.n)
			if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
				t.Fatalf("courseCost = %+v, want %+v", got, tt.want)
			}
			if got != nil && got.String() != tt.phrase {
				t.Errorf("String() = %q, want %q", got.String(), tt.phrase)
			}
		})
	}
}

// TestPlanCost: the estimate counts every planned session, maintenance
// included.
func TestPlanCost(t *testing.T) {
	cat := builtin(t)
	p := mustPlan(t, cat, request(t, "cellulite", "2027-03-16"))
	if p.Cost == nil || p.Cost.Sessions != len(p.Sessions) || p.Cost.Total != (Range{50 * len(p.Sessions), 100 * len(p.Sessions)}) {
		t.Errorf("cost %+v for %d sessions", p.Cost, len(p.Sessions))
	}
	p = mustPlan(t, cat, request(t, "hair", "2027-03-16"))
	if p.Cost != nil {
		t.Errorf("a treatment without a price has a cost: %+v", p.Cost)
	}
}
