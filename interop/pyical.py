#!/usr/bin/python3
"""Reads .ics files with Python icalendar (Debian's python3-icalendar).

    /usr/bin/python3 interop/pyical.py [--seq] FILE.ics...

For each file it prints "# FILE <path>", then one "UID START END" line per
event (UTC "YYYY-MM-DDTHH:MM:SSZ" for timed values, "YYYY-MM-DD" for all-day
ones, DTEND exclusive; with --seq "UID START END SEQUENCE STATUS DTSTAMP",
"-" for an absent SEQUENCE or STATUS), "# TEXT <UID|VCALENDAR> <PROP> <json>" lines with
the decoded text of the properties people read, and "# ERROR <message>" for
every problem. Exit status 1 when any file had an error.

Time zones come from the file only. icalendar 4.x (Debian 12) reads a TZID
that names an IANA zone through pytz, i.e. the system's zone database, and
turns a file's VTIMEZONE into a tzinfo only for other names. A calendar
client must get the right instants from the file alone, so this script
builds a tzinfo from each VTIMEZONE with the library's own
Timezone.to_tz() and places every TZID'd wall-clock time with it, the way
icalendar itself does (tzinfo.localize) for a zone it knows only from the
file. A TZID without a VTIMEZONE, a VTIMEZONE that to_tz() cannot read, or
a floating time is an error: there is no silent fallback to a zone database.
"""
import datetime as dt
import inspect
import json
import sys

try:
    import icalendar
except ImportError as e:  # the Makefile installs python3-icalendar
    sys.stderr.write("pyical.py: cannot import icalendar (%s): apt-get install python3-icalendar\n" % e)
    sys.exit(2)

TEXT_PROPS = {
    "VCALENDAR": ("NAME", "X-WR-CALNAME"),
    "VEVENT": ("SUMMARY", "DESCRIPTION", "LOCATION"),
}
UTC = dt.timezone.utc


def zone_from_vtimezone(vtz):
    """A tzinfo built from the VTIMEZONE component alone."""
    kwargs = {}
    try:
        if "lookup_tzid" in inspect.signature(vtz.to_tz).parameters:
            kwargs["lookup_tzid"] = False  # icalendar >= 6 would prefer its zone database
    except (TypeError, ValueError):
        pass
    return vtz.to_tz(**kwargs)


def place(wall, tz):
    """The instant of a naive wall-clock time in tz, as icalendar does it."""
    if hasattr(tz, "localize"):  # pytz-style, what to_tz() gives in icalendar 4.x
        return tz.localize(wall)
    return wall.replace(tzinfo=tz)


def instant(ev, name, zones, errors, uid):
    """START or END of ev as printed, or None after recording an error."""
    prop = ev.get(name)
    if prop is None:
        if name == "DTEND":
            errors.append("%s: no DTEND (mesoplan always writes one)" % uid)
        else:
            errors.append("%s: no %s" % (uid, name))
        return None
    value = prop.dt
    if not isinstance(value, dt.datetime):
        if isinstance(value, dt.date):
            return value.isoformat()
        errors.append("%s: %s is not a date or date-time: %r" % (uid, name, value))
        return None
    tzid = prop.params.get("TZID")
    if tzid is not None:
        tz = zones.get(str(tzid))
        if tz is None:
            errors.append("%s: %s has TZID=%s but the file has no such VTIMEZONE" % (uid, name, tzid))
            return None
        value = place(value.replace(tzinfo=None), tz)
    elif value.tzinfo is None or value.utcoffset() is None:
        errors.append("%s: %s is a floating time (neither UTC nor a TZID)" % (uid, name))
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def seq_fields(ev, zones, errors, uid):
    """" SEQUENCE STATUS DTSTAMP" for --seq, or None after recording an error."""
    seq = "-"
    if "SEQUENCE" in ev:
        try:
            n = ev.decoded("SEQUENCE")
        except Exception as e:  # noqa: BLE001 - an unreadable SEQUENCE is an error
            errors.append("%s: SEQUENCE unreadable: %s" % (uid, e))
            return None
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            errors.append("%s: SEQUENCE %r is not a non-negative integer" % (uid, n))
            return None
        seq = str(int(n))
    status = str(ev.get("STATUS", "")) or "-"
    prop = ev.get("DTSTAMP")
    if prop is None:
        errors.append("%s: no DTSTAMP" % uid)
        return None
    stamp = prop.dt
    if not isinstance(stamp, dt.datetime) or "TZID" in prop.params or stamp.utcoffset() != dt.timedelta(0):
        errors.append("%s: DTSTAMP %r is not a UTC date-time" % (uid, stamp))
        return None
    return " %s %s %s" % (seq, status, stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def text_line(owner, prop, value):
    return "# TEXT %s %s %s" % (owner, prop, json.dumps(str(value), ensure_ascii=False))


def read_file(path, seq_mode=False):
    lines = ["# FILE %s" % path]
    errors = []
    try:
        with open(path, "rb") as f:
            data = f.read()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            errors.append("the file is not valid UTF-8: %s" % e)
        cal = icalendar.Calendar.from_ical(data)
        if cal.name != "VCALENDAR":
            raise ValueError("top-level component is %s, not VCALENDAR" % cal.name)
        for comp in cal.walk():
            for prop, err in getattr(comp, "errors", []) or []:
                errors.append("%s %s: %s" % (comp.name, prop or "(line)", err))
            for key, value in comp.property_items(recursive=False) if hasattr(comp, "property_items") else []:
                if "\ufffd" in str(value):
                    errors.append("%s %s holds U+FFFD (a fold split a UTF-8 character?)" % (comp.name, key))
        zones = {}
        for vtz in cal.walk("VTIMEZONE"):
            tzid = str(vtz.get("TZID", ""))
            if not vtz.subcomponents:
                errors.append("VTIMEZONE %s has no STANDARD or DAYLIGHT observance" % tzid)
                continue
            try:
                zones[tzid] = zone_from_vtimezone(vtz)
            except Exception as e:  # noqa: BLE001 - any failure means the file cannot be read right
                errors.append("VTIMEZONE %s: to_tz() failed: %s: %s" % (tzid, type(e).__name__, e))
        for prop in TEXT_PROPS["VCALENDAR"]:
            if prop in cal:
                lines.append(text_line("VCALENDAR", prop, cal[prop]))
        seen = set()
        events = cal.walk("VEVENT")
        if not events:
            errors.append("no VEVENT")
        for ev in events:
            uid = str(ev.get("UID", ""))
            if not uid:
                errors.append("a VEVENT has no UID")
                continue
            if uid in seen:
                errors.append("%s: UID used by more than one VEVENT" % uid)
            seen.add(uid)
            if "RRULE" in ev or "RDATE" in ev:
                errors.append("%s: unexpected RRULE/RDATE" % uid)
            start = instant(ev, "DTSTART", zones, errors, uid)
            end = instant(ev, "DTEND", zones, errors, uid)
            if start is not None and end is not None:
                extra = seq_fields(ev, zones, errors, uid) if seq_mode else ""
                if extra is not None:
                    lines.append("%s %s %s%s" % (uid, start, end, extra))
            for prop in TEXT_PROPS["VEVENT"]:
                if prop in ev:
                    lines.append(text_line(uid, prop, ev[prop]))
    except Exception as e:  # noqa: BLE001 - the parser rejected the file
        errors.append("rejected: %s: %s" % (type(e).__name__, e))
    for e in errors:
        lines.append("# ERROR %s" % " ".join(str(e).split()))
    return lines, bool(errors)


def main(argv):
    seq_mode = bool(argv) and argv[0] == "--seq"
    if seq_mode:
        argv = argv[1:]
    if not argv:
        sys.stderr.write("usage: /usr/bin/python3 pyical.py [--seq] FILE.ics...\n")
        return 2
    failed = False
    out = []
    for path in argv:
        lines, bad = read_file(path, seq_mode)
        out.extend(lines)
        failed = failed or bad
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
