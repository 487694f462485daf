#!/usr/bin/python3
"""Compares what the parsers read from each sample with mesoplan's JSON plan.

    compare.py SAMPLES_DIR ICALJS_OUT PYICAL_OUT

SAMPLES_DIR holds, per sample NAME: NAME.ics (the export), NAME.json (`plan
--format json` with the same flags) and NAME.meta (key=value lines:
plan_id, patient, address; any may be empty). ICALJS_OUT and PYICAL_OUT
are the outputs of icaljs.mjs and pyical.py over those .ics files.

A sample passes when both parsers read it without error, agree with each
other on every event's start and end and on its text, and every event
matches the plan, one to one:

  <planid>-session-<N>@mesoplan             sessions[].start/end, exactly
  <planid>-<kind>-<rule>-<first>@mesoplan   windows[]: exactly when the window
        lies within one local date; else all-day, from the local date of its
        start to the day after the local date of (end - 1 ns), exclusive
  <planid>-maintenance-<kind>@mesoplan      all-day on maintenance.date

That is a calendar with one event per rule window (export --detail, the
default for --audience practitioner; detail=1 in NAME.meta). A patient's
grouped calendar (detail=0) has instead, per session N, at most:

  <planid>-before-<N>@mesoplan   when a prep window begins with session N:
        timed from the earliest such window's start to the session, or
        all-day on dates from that start's date up to the day before the
        session (exclusive end: the session's date)
  <planid>-after-<N>@mesoplan    when an aftercare window begins with it:
        timed from the session's end to the latest such window's end, or
        all-day from the date the session ends to at most the date of that
        latest end

each naming every one of its windows (their summaries) in its description,
and no local date may hold two all-day events.

Prints one PASS/FAIL line per sample (a FAIL with its first difference) and
a summary; exits 1 when any sample failed. Standard library only.
"""
import datetime as dt
import json
import os
import sys
import zoneinfo

PARSERS = ("ical.js", "icalendar")
UID_DOMAIN = "@mesoplan"


class Failure(Exception):
    pass


def read_parser_output(path):
    """{ics path: {"events": {uid: (start, end)}, "text": {...}, "errors": [...],
    "seq": {uid: (sequence, status, dtstamp)}}}; "seq" is filled only from the
    parsers' --seq output ("UID START END SEQUENCE STATUS DTSTAMP" lines)."""
    files = {}
    cur = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line:
                continue
            if line.startswith("# FILE "):
                cur = {"events": {}, "text": {}, "errors": [], "dups": [], "seq": {}}
                files[os.path.realpath(line[len("# FILE "):])] = cur
                continue
            if cur is None:
                raise SystemExit("compare.py: %s: output before the first '# FILE' line: %r" % (path, line))
            if line.startswith("# ERROR "):
                cur["errors"].append(line[len("# ERROR "):])
            elif line.startswith("# TEXT "):
                owner, prop, value = line[len("# TEXT "):].split(" ", 2)
                cur["text"][(owner, prop)] = json.loads(value)
            elif line.startswith("#"):
                raise SystemExit("compare.py: %s: unknown line %r" % (path, line))
            else:
                parts = line.split(" ")
                if len(parts) not in (3, 6):
                    raise SystemExit("compare.py: %s: want 'UID START END [SEQUENCE STATUS DTSTAMP]', got %r"
                                     % (path, line))
                uid, start, end = parts[:3]
                if uid in cur["events"]:
                    cur["dups"].append(uid)
                cur["events"][uid] = (start, end)
                if len(parts) == 6:
                    cur["seq"][uid] = tuple(parts[3:])
    return files


def read_meta(path):
    meta = {"plan_id": "", "patient": "", "address": "", "detail": "1"}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                key, _, value = line.partition("=")
                meta[key] = value
    return meta


def utc(rfc3339):
    """An RFC 3339 time from the JSON as the parsers print instants."""
    t = dt.datetime.fromisoformat(rfc3339)
    if t.tzinfo is None:
        raise Failure("plan time %r has no UTC offset" % rfc3339)
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_events(plan, plan_id, detail=True):
    """{uid: (start, end)} that the export must hold for plan, apart from
    a grouped calendar's "before" and "after" events."""
    try:
        zone = zoneinfo.ZoneInfo(plan["timezone"])
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as e:
        raise Failure("plan time zone %r: %s" % (plan["timezone"], e))
    want = {}

    def add(uid, value):
        if uid in want:
            raise Failure("the plan yields UID %s twice" % uid)
        want[uid] = value

    for s in plan["sessions"]:
        add("%s-session-%d%s" % (plan_id, s["number"], UID_DOMAIN), (utc(s["start"]), utc(s["end"])))
    for w in plan["windows"] if detail else []:
        uid = "%s-%s-%s-%d%s" % (plan_id, w["kind"], w["rule"], w["sessions"][0], UID_DOMAIN)
        start = dt.datetime.fromisoformat(w["start"])
        end = dt.datetime.fromisoformat(w["end"])
        if not start < end:
            raise Failure("window %s is empty or reversed in the plan: %s .. %s" % (uid, w["start"], w["end"]))
        first_day = start.astimezone(zone).date()
        last_day = (end - dt.timedelta(microseconds=1)).astimezone(zone).date()
        if first_day == last_day:
            add(uid, (utc(w["start"]), utc(w["end"])))
        else:
            add(uid, (first_day.isoformat(), (last_day + dt.timedelta(days=1)).isoformat()))
    m = plan.get("maintenance")
    if m and m.get("date"):
        day = dt.date.fromisoformat(m["date"])
        add("%s-maintenance-%s%s" % (plan_id, m["kind"], UID_DOMAIN),
            (day.isoformat(), (day + dt.timedelta(days=1)).isoformat()))
    return want


def lower_first(s):
    """The summary as a description's item writes it: "no alcohol" for "No
    alcohol", "NSAIDs" as it is."""
    if len(s) < 2 or s[1].isupper():
        return s
    return s[0].lower() + s[1:]


def local_date(rfc3339, zone, minus=False):
    t = dt.datetime.fromisoformat(rfc3339)
    if minus:
        t -= dt.timedelta(microseconds=1)
    return t.astimezone(zone).date()


def check_groups(plan, plan_id, events, text):
    """Checks a grouped calendar's "before" and "after" events (see the
    module's doc) and removes them from events."""
    zone = zoneinfo.ZoneInfo(plan["timezone"])
    for s in plan["sessions"]:
        n = s["number"]
        for kind, rel in (("prep", "before"), ("aftercare", "after")):
            items = [w for w in plan["windows"] if w["kind"] == kind and w["sessions"][0] == n]
            uid = "%s-%s-%d%s" % (plan_id, rel, n, UID_DOMAIN)
            got = events.pop(uid, None)
            if not items:
                if got:
                    raise Failure("the export has event %s, but no %s window begins with session %d" % (uid, kind, n))
                continue
            if got is None:
                raise Failure("the export has no event %s for the %d %s windows of session %d" % (uid, len(items), kind, n))
            desc = " ".join(text.get((uid, "DESCRIPTION"), "").split())
            for w in items:
                if lower_first(" ".join(w["summary"].split())) not in desc:
                    raise Failure("%s does not name the %s window %s" % (uid, kind, w["rule"]))
            first = min(items, key=lambda w: dt.datetime.fromisoformat(w["start"]))["start"]
            last = max(items, key=lambda w: dt.datetime.fromisoformat(w["end"]))["end"]
            if len(got[0]) > 10:  # timed
                want = (utc(first), utc(s["start"])) if kind == "prep" else (utc(s["end"]), utc(last))
                if got != want:
                    raise Failure("%s reads %s, want %s" % (uid, show(got), show(want)))
                continue
            start, end = dt.date.fromisoformat(got[0]), dt.date.fromisoformat(got[1])
            if kind == "prep":
                lo, hi = local_date(first, zone), local_date(s["start"], zone)
                ok = end == hi and lo <= start < end
            else:
                lo, hi = local_date(s["end"], zone), local_date(last, zone, minus=True) + dt.timedelta(days=1)
                ok = start == lo and start < end <= hi
            if not ok:
                raise Failure("%s covers %s, outside the dates its windows and session allow (%s .. %s)"
                              % (uid, show(got), lo, hi))
    for uid in events:
        if uid.startswith(plan_id + "-before-") or uid.startswith(plan_id + "-after-"):
            raise Failure("the export has event %s (%s) that the plan does not" % (uid, show(events[uid])))


def check_days(events):
    """No local date holds two all-day events."""
    seen = {}
    for uid, (start, end) in sorted(events.items()):
        if len(start) != 10:
            continue
        d, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        while d < last:
            if d in seen:
                raise Failure("%s holds two all-day events: %s and %s" % (d, seen[d], uid))
            seen[d] = uid
            d += dt.timedelta(days=1)


def show(pair):
    return "%s .. %s" % pair


def first_difference(got, want, got_name, want_name):
    """The first UID (in want's order, then got's) where got and want differ."""
    for uid, value in want.items():
        if uid not in got:
            return "%s has no event %s (%s has %s)" % (got_name, uid, want_name, show(value))
        if got[uid] != value:
            return "%s: %s reads %s, %s has %s" % (uid, got_name, show(got[uid]), want_name, show(value))
    for uid, value in got.items():
        if uid not in want:
            return "%s has event %s (%s) that %s does not" % (got_name, uid, show(value), want_name)
    return None


def check_sample(name, ics, plan, meta, outputs):
    per = {}
    for parser, files in outputs.items():
        r = files.get(os.path.realpath(ics))
        if r is None:
            raise Failure("%s printed nothing for %s" % (parser, ics))
        if r["errors"]:
            raise Failure("%s: %s" % (parser, r["errors"][0]))
        if r["dups"]:
            raise Failure("%s: UID %s appears twice" % (parser, r["dups"][0]))
        per[parser] = r
    a, b = PARSERS
    diff = first_difference(per[b]["events"], per[a]["events"], b, a)
    if diff:
        raise Failure("parsers disagree: " + diff)
    ta, tb = per[a]["text"], per[b]["text"]
    for key in sorted(set(ta) | set(tb)):
        if ta.get(key) != tb.get(key):
            raise Failure("parsers disagree on %s %s: %s reads %r, %s reads %r"
                          % (key[0], key[1], a, ta.get(key), b, tb.get(key)))

    events = per[a]["events"]
    plan_id = meta["plan_id"]
    if not plan_id:  # the default identity, a hash: take it from session 1
        suffix = "-session-1" + UID_DOMAIN
        ids = [u[: -len(suffix)] for u in events if u.endswith(suffix)]
        if len(ids) != 1:
            raise Failure("cannot tell the plan id: %d events end in %s" % (len(ids), suffix))
        plan_id = ids[0]
    detail = meta["detail"] != "0"
    want = expected_events(plan, plan_id, detail)
    rest = dict(events)
    if not detail:
        check_days(events)
        check_groups(plan, plan_id, rest, ta)
    diff = first_difference(rest, want, "the export", "the plan")
    if diff:
        raise Failure(diff)

    # Long UTF-8 text must come through whole.
    if meta["patient"]:
        patient = " ".join(meta["patient"].split())
        got = ta.get(("VCALENDAR", "X-WR-CALNAME"), "")
        if patient not in got:
            raise Failure("X-WR-CALNAME %r does not hold the patient's name %r" % (got, patient))
    if meta["address"]:
        address = " ".join(meta["address"].split())
        for s in plan["sessions"]:
            uid = "%s-session-%d%s" % (plan_id, s["number"], UID_DOMAIN)
            got = ta.get((uid, "LOCATION"), "")
            if address not in got:
                raise Failure("%s: LOCATION %r does not hold the clinic address %r" % (uid, got, address))
    return len(events)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    samples, icaljs_out, pyical_out = argv
    outputs = {"ical.js": read_parser_output(icaljs_out), "icalendar": read_parser_output(pyical_out)}
    names = sorted(f[:-4] for f in os.listdir(samples) if f.endswith(".ics"))
    if not names:
        print("FAIL: no .ics samples in %s" % samples)
        return 1
    passed = failed = 0
    for name in names:
        base = os.path.join(samples, name)
        try:
            try:
                with open(base + ".json", encoding="utf-8") as f:
                    plan = json.load(f)
                meta = read_meta(base + ".meta")
            except (OSError, ValueError) as e:
                raise Failure("cannot read the plan or meta file: %s" % e)
            n = check_sample(name, base + ".ics", plan, meta, outputs)
        except Failure as e:
            failed += 1
            print("FAIL %s: %s" % (name, e))
        else:
            passed += 1
            print("PASS %s (%d events)" % (name, n))
    print("samples: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
