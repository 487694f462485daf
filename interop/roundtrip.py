#!/usr/bin/python3
"""Checks reschedule round trips: successive exports of one saved plan.

    roundtrip.py RT_DIR ICALJS_OUT PYICAL_OUT

RT_DIR holds one directory per scenario, with:
  steps    one line per export: "K KIND DTSTAMP LABEL...", K = 1, 2, ...;
           KIND is first (the first export of a plan), change (after a
           reschedule), same (re-exported with no change) or base (read and
           checked against its plan only, for the self-test); DTSTAMP is
           the time every event must carry, as the parsers print it
  vK.ics   the K-th export (`export ... --save s.json`, then
           `export --from s.json --save s.json`)
  vK.json  `plan --from s.json --format json` right after it
  meta     plan_id, patient, address, as compare.py's NAME.meta
ICALJS_OUT and PYICAL_OUT are the outputs of `icaljs.mjs --seq` and
`pyical.py --seq` over every vK.ics ("UID START END SEQUENCE STATUS
DTSTAMP" per event, plus the decoded text).

Every export: both parsers read it without error and agree on every field
and text; every DTSTAMP is the step's time; its events that are not
CANCELLED match vK.json one to one (compare.py's check_sample: instants,
text, patient and clinic address), so a cancelled event is one the plan no
longer has. A first export has every SEQUENCE 0 and nothing cancelled.
Then, from v(K-1) to vK:
  - every UID of v(K-1) is still in vK; a new UID has SEQUENCE 0 and is not
    cancelled;
  - SEQUENCE stays or rises by exactly 1, never drops or jumps;
  - it rises when START or END changed, when STATUS changed (an event that
    became CANCELLED), when SUMMARY, DESCRIPTION or LOCATION changed, and
    when anything else in the raw VEVENT changed (alarms included; DTSTAMP
    and SEQUENCE aside); it does not rise when nothing did;
  - change: at least one event rose and at least one kept its SEQUENCE;
  - same: no SEQUENCE changed, and the file is byte for byte v(K-1) but
    for the DTSTAMP lines.

Prints one PASS/FAIL line per export (a FAIL with its first problem) and a
summary; exits 1 on any failure. Standard library only; reuses compare.py.
"""
import collections
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402 - after the path is set
from compare import Failure, PARSERS  # noqa: E402

TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION")


def raw_lines(path):
    """The unfolded content lines of an .ics file."""
    with open(path, "rb") as f:
        data = f.read().decode("utf-8", errors="replace")
    out = []
    for line in data.split("\r\n"):
        if line[:1] in (" ", "\t") and out:
            out[-1] += line[1:]
        elif line:
            out.append(line)
    return out


def prop_name(line):
    return line.split(":", 1)[0].split(";", 1)[0].upper()


def raw_events(lines):
    """{uid: [content lines of the VEVENT, nested ones included, without its
    own DTSTAMP and SEQUENCE]}."""
    events = {}
    cur, depth, uid = None, 0, None
    for line in lines:
        upper = line.upper()
        if cur is None:
            if upper == "BEGIN:VEVENT":
                cur, depth, uid = [], 0, None
            continue
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:"):
            if depth == 0:
                events[uid] = cur
                cur = None
                continue
            depth -= 1
        name = prop_name(line)
        if depth == 0 and name == "UID":
            uid = line.split(":", 1)[1]
        if depth == 0 and name in ("DTSTAMP", "SEQUENCE"):
            continue
        cur.append(line)
    return events


def changed_props(a, b):
    """Names of the properties whose lines differ between two VEVENTs."""
    diff = collections.Counter(a)
    diff.subtract(collections.Counter(b))
    return sorted({prop_name(line) for line, n in diff.items() if n})


def read_export(k, path, outputs):
    """What both parsers read from path, checked: ({uid: event dict}, per
    parser output for path)."""
    key = os.path.realpath(path)
    per = {}
    for parser in PARSERS:
        r = outputs[parser].get(key)
        if r is None:
            raise Failure("%s printed nothing for v%d.ics" % (parser, k))
        if r["errors"]:
            raise Failure("%s: %s" % (parser, r["errors"][0]))
        if r["dups"]:
            raise Failure("%s: UID %s appears twice" % (parser, r["dups"][0]))
        missing = set(r["events"]) - set(r["seq"])
        if missing:
            raise Failure("%s printed no SEQUENCE/STATUS/DTSTAMP for %s (not run with --seq?)"
                          % (parser, sorted(missing)[0]))
        per[parser] = r
    a, b = PARSERS
    ra, rb = per[a], per[b]
    for uid in list(ra["events"]) + [u for u in rb["events"] if u not in ra["events"]]:
        va = ra["events"].get(uid), ra["seq"].get(uid)
        vb = rb["events"].get(uid), rb["seq"].get(uid)
        if va != vb:
            raise Failure("parsers disagree on %s: %s reads %s, %s reads %s" % (uid, a, va, b, vb))
    for tkey in sorted(set(ra["text"]) | set(rb["text"])):
        if ra["text"].get(tkey) != rb["text"].get(tkey):
            raise Failure("parsers disagree on %s %s: %s reads %r, %s reads %r"
                          % (tkey[0], tkey[1], a, ra["text"].get(tkey), b, rb["text"].get(tkey)))
    events = {}
    for uid, (start, end) in ra["events"].items():
        seq, status, stamp = ra["seq"][uid]
        events[uid] = {
            "instants": (start, end),
            "seq": 0 if seq == "-" else int(seq),  # RFC 5545: no SEQUENCE is 0
            "status": "" if status == "-" else status.upper(),
            "stamp": stamp,
            "text": {p: ra["text"].get((uid, p)) for p in TEXT},
        }
    return events, per


def check_plan(name, path, plan, meta, events, per):
    """compare.py's checks of the export against its plan, for the events
    that are not cancelled."""
    key = os.path.realpath(path)
    live = {}
    for parser in PARSERS:
        r = dict(per[parser])
        r["events"] = {u: v for u, v in r["events"].items() if events[u]["status"] != "CANCELLED"}
        live[parser] = {key: r}
    compare.check_sample(name, path, plan, meta, live)


def check_pair(k, prev, cur, prev_raw, cur_raw, kind):
    """The SEQUENCE rules from v(k-1) to vk; returns counts for the PASS line."""
    raised = kept = cancelled = 0
    for uid, old in prev.items():
        new = cur.get(uid)
        if new is None:
            raise Failure("%s of v%d is missing from v%d (a calendar would keep it as it was)" % (uid, k - 1, k))
        a, b = old["seq"], new["seq"]
        went = "but SEQUENCE went %d -> %d" % (a, b)
        if b - a not in (0, 1):
            raise Failure("%s: SEQUENCE went %d -> %d (must stay or rise by exactly 1)" % (uid, a, b))
        if old["instants"] != new["instants"] and b != a + 1:
            raise Failure("%s: START/END changed (%s -> %s) %s"
                          % (uid, compare.show(old["instants"]), compare.show(new["instants"]), went))
        if old["status"] != new["status"] and b != a + 1:
            raise Failure("%s: STATUS %s -> %s %s" % (uid, old["status"] or "-", new["status"] or "-", went))
        for p in TEXT:
            if old["text"][p] != new["text"][p] and b != a + 1:
                raise Failure("%s: %s changed (%r -> %r) %s" % (uid, p, old["text"][p], new["text"][p], went))
        props = changed_props(prev_raw.get(uid, []), cur_raw.get(uid, []))
        if props and b != a + 1:
            raise Failure("%s: content changed (%s) %s" % (uid, ", ".join(props), went))
        if not props and b != a:
            raise Failure("%s: SEQUENCE rose %d -> %d though nothing in the event changed" % (uid, a, b))
        if new["status"] == "CANCELLED" and old["status"] != "CANCELLED":
            cancelled += 1
        if b == a:
            kept += 1
        else:
            raised += 1
    added = [u for u in cur if u not in prev]
    for uid in added:
        if cur[uid]["seq"] != 0:
            raise Failure("%s: a new event with SEQUENCE %d (want 0)" % (uid, cur[uid]["seq"]))
        if cur[uid]["status"] == "CANCELLED":
            raise Failure("%s: a new event that is already CANCELLED" % uid)
    if kind == "change" and not raised:
        raise Failure("no SEQUENCE rose: the reschedule changed nothing, or nothing was marked")
    if kind == "change" and not kept:
        raise Failure("every SEQUENCE rose: even the events the reschedule left alone")
    if kind == "same" and raised:
        raise Failure("a re-export with no change raised %d SEQUENCEs" % raised)
    return "%d raised, %d kept, %d newly cancelled, %d new" % (raised, kept, cancelled, len(added))


def without_dtstamp(lines):
    return [line for line in lines if prop_name(line) != "DTSTAMP"]


def read_steps(path):
    steps = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 3)
            if len(parts) < 3 or parts[1] not in ("first", "base", "change", "same"):
                raise SystemExit("roundtrip.py: %s: bad line %r" % (path, line))
            steps.append((int(parts[0]), parts[1], parts[2], parts[3] if len(parts) > 3 else ""))
    return steps


def check_scenario(name, d, outputs):
    """Yields (label, error or None, detail) per export."""
    meta = compare.read_meta(os.path.join(d, "meta"))
    prev = prev_lines = None
    for k, kind, stamp, label in read_steps(os.path.join(d, "steps")):
        tag = "%s v%d (%s)" % (name, k, label or kind)
        ics = os.path.join(d, "v%d.ics" % k)
        cur = lines = None
        try:
            lines = raw_lines(ics)
            cur, per = read_export(k, ics, outputs)
            try:
                with open(os.path.join(d, "v%d.json" % k), encoding="utf-8") as f:
                    plan = json.load(f)
            except (OSError, ValueError) as e:
                raise Failure("cannot read v%d.json: %s" % (k, e))
            check_plan(name, ics, plan, meta, cur, per)
            for uid, ev in cur.items():
                if ev["stamp"] != stamp:
                    raise Failure("%s: DTSTAMP %s, want %s (the export's time)" % (uid, ev["stamp"], stamp))
            if kind == "first":
                for uid, ev in cur.items():
                    if ev["seq"] != 0 or ev["status"] == "CANCELLED":
                        raise Failure("%s: a first export with SEQUENCE %d, STATUS %s"
                                      % (uid, ev["seq"], ev["status"] or "-"))
                detail = "%d events" % len(cur)
            elif kind == "base":
                detail = "%d events" % len(cur)
            else:
                if prev is None:
                    raise Failure("v%d could not be read, nothing to compare with" % (k - 1))
                detail = "%d events: %s" % (
                    len(cur), check_pair(k, prev, cur, raw_events(prev_lines), raw_events(lines), kind))
                if kind == "same" and without_dtstamp(prev_lines) != without_dtstamp(lines):
                    a, b = without_dtstamp(prev_lines), without_dtstamp(lines)
                    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                    raise Failure("differs from v%d beyond DTSTAMP, line %d: %r vs %r"
                                  % (k - 1, i + 1, a[i] if i < len(a) else None, b[i] if i < len(b) else None))
        except (Failure, OSError) as e:
            # The next export is still judged against this one when both
            # parsers could read it.
            prev, prev_lines = (cur, lines) if cur is not None else (None, None)
            yield tag, str(e), None
        else:
            prev, prev_lines = cur, lines
            yield tag, None, detail


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    rt_dir, icaljs_out, pyical_out = argv
    outputs = {"ical.js": compare.read_parser_output(icaljs_out),
               "icalendar": compare.read_parser_output(pyical_out)}
    names = sorted(n for n in os.listdir(rt_dir) if os.path.isfile(os.path.join(rt_dir, n, "steps")))
    if not names:
        print("FAIL: no round-trip scenarios in %s" % rt_dir)
        return 1
    passed = failed = 0
    for name in names:
        for tag, err, detail in check_scenario(name, os.path.join(rt_dir, name), outputs):
            if err is None:
                passed += 1
                print("PASS %s: %s" % (tag, detail))
            else:
                failed += 1
                print("FAIL %s: %s" % (tag, err))
    print("roundtrip: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
