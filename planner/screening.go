package planner

import (
	"fmt"
	"strings"
	"unicode"
)

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// screen checks the patient's conditions against the treatment. Absolute
// contraindications refuse the plan, and so do relative ones when strict;
// otherwise each relative one becomes a warning. Conditions that do not
// concern the treatment (say, obesity for a facial course) are noted as
// not applicable, so a practitioner sees they were considered.
func screen(cat *Catalog, t *Treatment, conditions []string, strict bool) ([]Finding, error) {
	var warnings, refusals []Finding
	strictRefusal := false
	seen := map[string]bool{}
	for _, name := range conditions {
		ci, err := cat.Contraindication(name)
		if err != nil {
			return nil, err
		}
		if seen[ci.ID] {
			continue
		}
		seen[ci.ID] = true
		if !ci.AppliesTo.Matches(t) {
			warnings = append(warnings, Finding{Code: "condition-not-applicable", Subject: ci.ID,
				Message: fmt.Sprintf("%s (%s) is screened only for other treatments; it does not limit a %s course", ci.Name, ci.ID, t.ID)})
			continue
		}
		f := Finding{Code: "contraindication", Subject: ci.ID}
		switch {
		case ci.Severity == Absolute:
			f.Message = fmt.Sprintf("%s (%s): absolute contraindication", ci.Name, ci.ID)
			refusals = append(refusals, f)
		case strict:
			f.Message = fmt.Sprintf("%s (%s): relative contraindication, refused by strict screening", ci.Name, ci.ID)
			refusals = append(refusals, f)
			strictRefusal = true
		default:
			f.Message = fmt.Sprintf("%s (%s): relative contraindication; the practitioner must confirm the course", ci.Name, ci.ID)
			if ci.Advice != "" {
				f.Message += ". " + strings.TrimSuffix(upperFirst(ci.Advice), ".")
			}
			warnings = append(warnings, f)
		}
	}
	if len(refusals) > 0 {
		return nil, &RefusedError{Reasons: refusals, Strict: strictRefusal}
	}
	return warnings, nil
}
