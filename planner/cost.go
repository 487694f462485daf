package planner

import "fmt"

// Cost is the estimated price of a planned course: every planned session,
// maintenance sessions included, at the price of one session.
type Cost struct {
	Currency   string `json:"currency"`
	Sessions   int    `json:"sessions"`
	PerSession Range  `json:"per_session"`
	Total      Range  `json:"total"`
}

// courseCost estimates the cost of n sessions of t: at price (a price the
// practitioner charges, in the catalog's currency, EUR when it has none)
// when price > 0, else at the catalog's range. It is nil when neither is
// known.
func courseCost(t *Treatment, price, n int) *Cost {
	per := t.SessionPrice()
	if price > 0 {
		currency := "EUR"
		if per != nil {
			currency = per.Currency
		}
		per = &Price{Min: price, Max: price, Currency: currency}
	}
	if per == nil {
		return nil
	}
	return &Cost{
		Currency:   per.Currency,
		Sessions:   n,
		PerSession: Range{Min: per.Min, Max: per.Max},
		Total:      Range{Min: per.Min * n, Max: per.Max * n},
	}
}

// String writes the estimate for people: "6 sessions × 50-100 EUR:
// 300-600 EUR", or with one price "6 sessions × 80 EUR: 480 EUR".
func (c Cost) String() string {
	amount := func(r Range) string {
		if r.Min == r.Max {
			return fmt.Sprintf("%d %s", r.Min, c.Currency)
		}
		return fmt.Sprintf("%d-%d %s", r.Min, r.Max, c.Currency)
	}
	sessions := "1 session"
	if c.Sessions != 1 {
		sessions = fmt.Sprintf("%d sessions", c.Sessions)
	}
	return fmt.Sprintf("%s × %s: %s", sessions, amount(c.PerSession), amount(c.Total))
}
