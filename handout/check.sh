#!/usr/bin/env bash
# make handout-check: write sample handouts with bin/mesoplan, print each to
# PDF with headless Chromium as a patient's browser would, and check the
# PDF with poppler: the paper size, a page count within bounds, its size,
# the text that must be there, and no word outside the page's margins.
#
# make handout-screenshot: write a screenshot of the first sample, as a
# browser window shows it, to the file given.
#
# Usage: handout/check.sh check
#        handout/check.sh screenshot OUT.png
#
# With HANDOUT_KEEP=DIR, check leaves each sample's HTML and PDF in DIR, to
# look at (pdftoppm -png -r 60 DIR/NAME.pdf renders the pages).
set -euo pipefail

cd "$(dirname "$0")/.."
bin=$PWD/bin/mesoplan
mode=${1:-check}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The samples must not depend on who runs them: a fixed "now", no config
# file or MESOPLAN_* variable of the user's, the same zone.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(MESOPLAN_[A-Za-z0-9_]*\)=.*/\1/p')
export SOURCE_DATE_EPOCH=1798761600 XDG_CONFIG_HOME="$tmp/config" HOME="$tmp/home" TZ=UTC LC_ALL=C
mkdir -p "$XDG_CONFIG_HOME" "$HOME"

fail() {
	echo "handout-check: $*" >&2
	exit 1
}

for tool in chromium pdfinfo pdftotext; do
	command -v "$tool" >/dev/null || fail "$tool is missing: run make handout-deps"
done
[ -x "$bin" ] || fail "$bin is missing: run make build"

# chromium FILE.html ARGS...: Chromium without a window, a profile of its
# own, nothing fetched in the background. Its chatter goes to a log shown
# only when it fails.
chromium_run() {
	local html=$1
	shift
	if ! timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$tmp/profile" --no-first-run --disable-extensions --disable-sync \
		--disable-background-networking --disable-component-update --disable-dev-shm-usage \
		"$@" "file://$html" >"$tmp/chromium.log" 2>&1; then
		cat "$tmp/chromium.log" >&2
		fail "chromium failed on $html"
	fi
}

# The samples: name, paper, page bounds, then the arguments of the plan.
# Each session's checklist is kept whole on a page, two to a page, so the
# bounds follow from the number of sessions.
clinic=(--clinic-name 'Studio Bianchi' --clinic-address 'Via Roma 1, 00100 Roma' --clinic-phone '+39 06 1234 5678'
	--clinic-email desk@studio-bianchi.example --clinic-url https://studio-bianchi.example/)
mesolifting=(mesolifting --start 2027-03-16 --tz Europe/Rome --price 80)
cellulite=(cellulite --start 2027-03-16 --tz America/New_York --price 90)
mesobotox=(mesobotox --start 2027-03-16 --tz UTC)

write() { # write NAME PAPER PLAN-ARGS... -- HANDOUT-ARGS...
	local name=$1 paper=$2
	shift 2
	local plan=()
	while [ "$1" != -- ]; do
		plan+=("$1")
		shift
	done
	shift
	"$bin" handout --quiet "${plan[@]}" --paper "$paper" "$@" -o "$tmp/$name.html"
	"$bin" plan --quiet "${plan[@]}" --format csv -o "$tmp/$name.csv"
}

write mesolifting a4 "${mesolifting[@]}" -- --patient 'Anna Rossi' "${clinic[@]}"

if [ "$mode" = screenshot ]; then
	out=${2:?usage: handout/check.sh screenshot OUT.png}
	chromium_run "$tmp/mesolifting.html" --hide-scrollbars --window-size=1000,1400 --screenshot="$tmp/shot.png"
	mkdir -p "$(dirname "$out")"
	cp "$tmp/shot.png" "$out"
	echo "handout: wrote $out"
	exit 0
fi
[ "$mode" = check ] || fail "unknown mode $mode: want check or screenshot"

write cellulite letter "${cellulite[@]}" -- --patient 'Zoë Ångström-Núñez' --clinic-name 'Studio Bianchi' --clinic-phone '+1 212 555 0100'
write mesobotox a4 "${mesobotox[@]}" --
write mesolifting-it a4 "${mesolifting[@]}" --lang it -- --patient 'Anna Rossi' "${clinic[@]}"

# lang: the language of the sample check prints next: en or it.
lang=en

# check NAME PAPER MIN-PAGES MAX-PAGES TEXT...: print the sample and check
# the PDF.
check() {
	local name=$1 paper=$2 min=$3 max=$4
	shift 4
	local pdf=$tmp/$name.pdf
	chromium_run "$tmp/$name.html" --no-pdf-header-footer --print-to-pdf="$pdf"
	[ -s "$pdf" ] || fail "$name: chromium wrote no PDF"

	local info size pages width height
	info=$(pdfinfo "$pdf")
	pages=$(sed -n 's/^Pages: *//p' <<<"$info")
	read -r width height < <(sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p' <<<"$info")
	width=$(printf '%.0f' "$width")
	height=$(printf '%.0f' "$height")
	case $paper in
	a4) [ "$width" = 595 ] && [ "$height" = 842 ] || fail "$name: pages are ${width}x${height} pts, want A4 (595x842)" ;;
	letter) [ "$width" = 612 ] && [ "$height" = 792 ] || fail "$name: pages are ${width}x${height} pts, want Letter (612x792)" ;;
	esac
	[ "$pages" -ge "$min" ] && [ "$pages" -le "$max" ] || fail "$name: $pages pages, want $min to $max"
	# A CSS gradient prints as a heavy image: the marks must stay drawings.
	size=$(stat -c %s "$pdf")
	[ "$size" -le 2000000 ] || fail "$name: the PDF is $size bytes, want at most 2 MB"

	# Every word within the 14 mm margins (39.7 pts), with 1 pt of slack.
	pdftotext -bbox "$pdf" "$tmp/$name.bbox.html"
	awk -v w="$width" -v name="$name" -F'"' '/<word / {
			for (i = 1; i < NF; i++) { if ($i ~ /xMin=$/) x0 = $(i+1); if ($i ~ /xMax=$/) x1 = $(i+1) }
			if (x0 < 38.7 || x1 > w - 38.7) { print "handout-check: " name ": a word outside the margins: " $0 > "/dev/stderr"; bad = 1; exit }
		}
		END { exit bad }' "$tmp/$name.bbox.html" || exit 1

	# The text, in reading order (-layout would interleave the clinic's box
	# with the heading beside it, and two month grids side by side): what
	# the caller names, and every session's date.
	pdftotext "$pdf" - | tr -s '[:space:]' ' ' >"$tmp/$name.txt"
	local want dates=() common notice
	local it_days=(dom lun mar mer gio ven sab) it_months=(gen feb mar apr mag giu lug ago set ott nov dic)
	while IFS= read -r day; do
		if [ "$lang" = it ]; then
			read -r wd d m y < <(date -u -d "$day" '+%w %-d %-m %Y')
			dates+=("${it_days[wd]} $d ${it_months[m - 1]} $y")
		else
			dates+=("$(date -u -d "$day" '+%a %-d %b %Y')")
		fi
	done < <(grep -E '^(session|maintenance-session),' "$tmp/$name.csv" | cut -d, -f6 | cut -c1-10)
	[ "${#dates[@]}" -gt 0 ] || fail "$name: no session in the plan"
	if [ "$lang" = it ]; then
		notice='Non costituisce parere medico: questo piano segue ciò che prescrive il medico; i valori predefiniti del protocollo sono configurabili.'
		common=(Prima Dopo "$notice")
	else
		notice='Not medical advice: this plan follows what a practitioner prescribes; protocol defaults are configurable.'
		common=(Before After "$notice")
	fi
	for want in "$@" "${dates[@]}" "${common[@]}"; do
		grep -qF -- "$want" "$tmp/$name.txt" || fail "$name: \"$want\" is not in the printed PDF"
	done
	if [ "$(grep -oF -- "${notice%%:*}" "$tmp/$name.txt" | wc -l)" -ne 1 ]; then
		fail "$name: the notice is not printed exactly once"
	fi
	if [ -n "${HANDOUT_KEEP:-}" ]; then
		mkdir -p "$HANDOUT_KEEP"
		cp "$tmp/$name.html" "$pdf" "$HANDOUT_KEEP/"
	fi
	echo "handout-check: $name: $paper, $pages pages, ${#dates[@]} sessions, $((size / 1024)) KiB: ok"
}

check mesolifting a4 4 7 'Mesolifting course plan' 'For Anna Rossi' 'Phone: +39 06 1234 5678' 'desk@studio-bianchi.example' \
	'6 sessions × 80 EUR: 480 EUR' 'Maintenance recall: on or after Sat 6 Nov 2027' 'March 2027' 'May 2027' \
	'Session 1 — Tue 16 Mar 2027, 10:00' 'From Mon 15 Mar 2027 10:00: no alcohol.'
check cellulite letter 9 15 'Cellulite reduction course plan' 'Phone: +1 212 555 0100' '15 sessions × 90 EUR: 1,350 EUR' \
	'Sessions 11 to 15 are maintenance sessions.' 'October 2027' 'Session 15 — Fri 15 Oct 2027, 10:00'
check mesobotox a4 1 3 'Mesobotox course plan' 'Repeat the course: from' 'Session 1 — Tue 16 Mar 2027, 10:00'
if grep -qF 'EUR' "$tmp/mesobotox.txt"; then
	fail "mesobotox: a cost is printed without the clinic's price"
fi
lang=it
check mesolifting-it a4 4 7 'Mesolifting: piano delle sedute' 'Per Anna Rossi' 'Telefono: +39 06 1234 5678' \
	'6 sedute × 80 EUR: 480 EUR' 'Richiamo di mantenimento: da sab 6 nov 2027' 'marzo 2027' 'maggio 2027' \
	'Seduta 1 — mar 16 mar 2027, 10:00' 'Da lun 15 mar 2027 10:00: niente alcol.'
if grep -qE '\b(session|Before|After|course)\b' "$tmp/mesolifting-it.txt"; then
	fail "mesolifting-it: English words in the Italian handout: $(grep -oE '\b(session|Before|After|course)\b' "$tmp/mesolifting-it.txt" | sort -u | tr '\n' ' ')"
fi
