package ical

import (
	"strconv"

	ics "github.com/arran4/golang-ical"
)

// set writes a property on a component as golang-ical's SetProperty does,
// replacing the first of the same name, but without the parameter map
// golang-ical makes for every property: params is nil or one of the
// encoder's maps, shared by every property that takes it and never
// written after it is made. Writing each calendar's few hundred
// properties through SetProperty was a fifth of a batch row's allocations.
func set(cb *ics.ComponentBase, name ics.ComponentProperty, value string, params map[string][]string) {
	for i := range cb.Properties {
		if cb.Properties[i].IANAToken == string(name) {
			cb.Properties[i].Value = value
			cb.Properties[i].ICalParameters = params
			return
		}
	}
	add(cb, name, value, params)
}

// add appends a property, as golang-ical's AddProperty does.
func add(cb *ics.ComponentBase, name ics.ComponentProperty, value string, params map[string][]string) {
	cb.Properties = append(cb.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{IANAToken: string(name), Value: value, ICalParameters: params}})
}

// setSequence writes SEQUENCE as golang-ical's SetSequence does.
func setSequence(cb *ics.ComponentBase, seq int) {
	set(cb, ics.ComponentPropertySequence, strconv.Itoa(seq), nil)
}

// params are the parameter maps an encoder shares among its properties.
type params struct {
	date, dateTime, tzid, organizer map[string][]string
}

// newParams makes the maps for a calendar in zone tzid whose organizer's
// common name is cn ("" for none).
func newParams(tzid, cn string) params {
	p := params{
		date:     map[string][]string{string(ics.ParameterValue): {string(ics.ValueDataTypeDate)}},
		dateTime: map[string][]string{string(ics.ParameterValue): {string(ics.ValueDataTypeDateTime)}},
		tzid:     map[string][]string{string(ics.ParameterTzid): {tzid}},
	}
	if cn != "" {
		p.organizer = map[string][]string{string(ics.ParameterCn): {cn}}
	}
	return p
}
