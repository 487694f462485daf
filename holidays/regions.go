package holidays

import (
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/us"
)

// regionTable maps a region code (ISO 3166-1 country, optionally "-" and a
// subdivision) to its public holidays. A function, not a package variable,
// so that nothing can change it.
func regionTable() map[string][]*cal.Holiday {
	return map[string][]*cal.Holiday{
		"AT":     at.Holidays,
		"BE":     be.Holidays,
		"CA":     ca.Holidays,
		"DE":     de.Holidays,
		"ES":     es.Holidays,
		"FR":     fr.Holidays,
		"GB":     gb.Holidays,
		"IE":     ie.Holidays,
		"IT":     it.Holidays,
		"NL":     nl.Holidays,
		"US":     us.Holidays,
		"CH":     ch.Holidays,
		"DE-BW":  de.HolidaysBW,
		"DE-BY":  de.HolidaysBY,
		"DE-BE":  de.HolidaysBE,
		"DE-BB":  de.HolidaysBB,
		"DE-HB":  de.HolidaysHB,
		"DE-HH":  de.HolidaysHH,
		"DE-HE":  de.HolidaysHE,
		"DE-MV":  de.HolidaysMV,
		"DE-NI":  de.HolidaysNI,
		"DE-NW":  de.HolidaysNW,
		"DE-RP":  de.HolidaysRP,
		"DE-SL":  de.HolidaysSL,
		"DE-SN":  de.HolidaysSN,
		"DE-ST":  de.HolidaysST,
		"DE-SH":  de.HolidaysSH,
		"DE-TH":  de.HolidaysTH,
		"CH-ZH":  ch.HolidaysZH,
		"CH-BE":  ch.HolidaysBE,
		"CH-LU":  ch.HolidaysLU,
		"CH-UR":  ch.HolidaysUR,
		"CH-SZ":  ch.HolidaysSZ,
		"CH-OW":  ch.HolidaysOW,
		"CH-NW":  ch.HolidaysNW,
		"CH-GL":  ch.HolidaysGL,
		"CH-ZG":  ch.HolidaysZG,
		"CH-FR":  ch.HolidaysFR,
		"CH-SO":  ch.HolidaysSO,
		"CH-BS":  ch.HolidaysBS,
		"CH-BL":  ch.HolidaysBL,
		"CH-SH":  ch.HolidaysSH,
		"CH-AR":  ch.HolidaysAR,
		"CH-AI":  ch.HolidaysAI,
		"CH-SG":  ch.HolidaysSG,
		"CH-GR":  ch.HolidaysGR,
		"CH-AG":  ch.HolidaysAG,
		"CH-TG":  ch.HolidaysTG,
		"CH-VD":  ch.HolidaysVD,
		"CH-TI":  ch.HolidaysTI,
		"CH-VS":  ch.HolidaysVS,
		"CH-NE":  ch.HolidaysNE,
		"CH-GE":  ch.HolidaysGE,
		"CH-JU":  ch.HolidaysJU,
		"AU-ACT": au.HolidaysACT,
		"AU-NSW": au.HolidaysNSW,
		"AU-NT":  au.HolidaysNT,
		"AU-QLD": au.HolidaysQLD,
		"AU-SA":  au.HolidaysSA,
		"AU-TAS": au.HolidaysTAS,
		"AU-VIC": au.HolidaysVIC,
		"AU-WA":  au.HolidaysWA,
	}
}
