// Reads .ics files with Mozilla's ical.js, the parser inside Thunderbird.
//
//   node interop/icaljs.mjs [--seq] FILE.ics...
//
// For each file it prints "# FILE <path>", then one "UID START END" line per
// event (UTC "YYYY-MM-DDTHH:MM:SSZ" for timed values, "YYYY-MM-DD" for
// all-day ones, DTEND exclusive; with --seq "UID START END SEQUENCE STATUS
// DTSTAMP", "-" for an absent SEQUENCE or STATUS), "# TEXT <UID|VCALENDAR> <PROP> <json>"
// lines with the decoded text of the properties people read, and
// "# ERROR <message>" for every problem. Exit status 1 when any file had
// an error.
//
// ical.js on its own (outside Thunderbird, which adds a zone database)
// knows a TZID only through a VTIMEZONE: each file's VTIMEZONEs are
// registered with ICAL.TimezoneService before its events are read, the
// registry is reset between files, and a TZID without a VTIMEZONE, or a
// floating time, is an error rather than a silent guess.
import fs from 'node:fs';
import ICAL from 'ical.js';

const TEXT_PROPS = {
  vcalendar: ['name', 'x-wr-calname'],
  vevent: ['summary', 'description', 'location'],
};

function fmt(t) {
  if (t.isDate) return t.toString().slice(0, 10);
  return t.toJSDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function textLine(owner, prop, value) {
  return `# TEXT ${owner} ${prop.toUpperCase()} ${JSON.stringify(String(value))}`;
}

// checkTime reports a start or end ical.js could not place in time; p is
// the DTSTART or DTEND property it came from (null for an end computed from
// a DURATION).
function checkTime(t, p, prop, uid, zones, errors) {
  if (!t) {
    errors.push(`${uid}: no ${prop.toUpperCase()}`);
    return false;
  }
  if (t.isDate) return true;
  const tzid = p ? p.getParameter('tzid') : undefined;
  if (tzid !== undefined && !zones.has(tzid)) {
    errors.push(`${uid}: ${prop.toUpperCase()} has TZID=${tzid} but the file has no such VTIMEZONE (ical.js would read a floating time)`);
    return false;
  }
  const zone = t.zone && t.zone.tzid;
  if (!zone || zone === 'floating') {
    errors.push(`${uid}: ${prop.toUpperCase()} is a floating time (neither UTC nor a TZID with a VTIMEZONE)`);
    return false;
  }
  return true;
}

// seqFields is " SEQUENCE STATUS DTSTAMP" for --seq, or null after an error.
function seqFields(vevent, uid, errors) {
  const seq = vevent.getFirstPropertyValue('sequence');
  if (seq !== null && seq !== undefined && !(Number.isInteger(seq) && seq >= 0)) {
    errors.push(`${uid}: SEQUENCE ${seq} is not a non-negative integer`);
    return null;
  }
  const status = vevent.getFirstPropertyValue('status');
  const stamp = vevent.getFirstPropertyValue('dtstamp');
  if (!stamp) {
    errors.push(`${uid}: no DTSTAMP`);
    return null;
  }
  if (stamp.isDate || !stamp.zone || stamp.zone.tzid !== 'UTC') {
    errors.push(`${uid}: DTSTAMP ${stamp} is not a UTC date-time`);
    return null;
  }
  const word = v => (v === null || v === undefined || v === '' ? '-' : String(v));
  return ` ${word(seq)} ${word(status)} ${fmt(stamp)}`;
}

function readFile(path, seqMode) {
  const lines = [`# FILE ${path}`];
  const errors = [];
  ICAL.TimezoneService.reset();
  try {
    const text = fs.readFileSync(path, 'utf8');
    if (text.includes('\uFFFD')) errors.push('the file is not valid UTF-8 (decoded text holds U+FFFD; a fold split a character?)');
    const root = new ICAL.Component(ICAL.parse(text));
    if (root.name !== 'vcalendar') throw new Error(`top-level component is ${root.name}, not VCALENDAR`);
    const zones = new Set();
    for (const vtz of root.getAllSubcomponents('vtimezone')) {
      const tz = new ICAL.Timezone(vtz);
      if (!tz.tzid) throw new Error('VTIMEZONE without TZID');
      if (vtz.getAllSubcomponents().filter(c => c.name === 'standard' || c.name === 'daylight').length === 0) {
        errors.push(`VTIMEZONE ${tz.tzid} has no STANDARD or DAYLIGHT observance`);
      }
      ICAL.TimezoneService.register(tz);
      zones.add(tz.tzid);
    }
    for (const name of TEXT_PROPS.vcalendar) {
      const p = root.getFirstProperty(name);
      if (!p) continue;
      // ical.js 2.x has no design for RFC 7986 NAME nor X-WR-CALNAME and
      // hands back their raw value, escapes and all; decode it as the TEXT
      // it is, with ical.js's own decoder, as a client showing it would.
      let v = p.getFirstValue();
      if (p.type === 'unknown') v = ICAL.design.icalendar.value.text.fromICAL(v);
      lines.push(textLine('VCALENDAR', name, v));
    }
    const seen = new Set();
    for (const vevent of root.getAllSubcomponents('vevent')) {
      const uid = vevent.getFirstPropertyValue('uid');
      if (!uid) {
        errors.push('a VEVENT has no UID');
        continue;
      }
      if (seen.has(uid)) errors.push(`${uid}: UID used by more than one VEVENT`);
      seen.add(uid);
      const ev = new ICAL.Event(vevent);
      const start = ev.startDate;
      const end = ev.endDate;
      const ok = checkTime(start, vevent.getFirstProperty('dtstart'), 'dtstart', uid, zones, errors) &
        checkTime(end, vevent.getFirstProperty('dtend'), 'dtend', uid, zones, errors);
      if (ev.isRecurring()) errors.push(`${uid}: unexpected RRULE/RDATE`);
      if (ok && seqMode) {
        const extra = seqFields(vevent, uid, errors);
        if (extra !== null) lines.push(`${uid} ${fmt(start)} ${fmt(end)}${extra}`);
      } else if (ok) {
        lines.push(`${uid} ${fmt(start)} ${fmt(end)}`);
      }
      for (const prop of TEXT_PROPS.vevent) {
        const v = vevent.getFirstPropertyValue(prop);
        if (v !== null && v !== undefined) lines.push(textLine(uid, prop, v));
      }
    }
    if (seen.size === 0) errors.push('no VEVENT');
  } catch (e) {
    errors.push(`rejected: ${e.name || 'Error'}: ${e.message}`);
  }
  for (const e of errors) lines.push(`# ERROR ${e.replace(/[\r\n]+/g, ' ')}`);
  return { lines, failed: errors.length > 0 };
}

let files = process.argv.slice(2);
const seqMode = files[0] === '--seq';
if (seqMode) files = files.slice(1);
if (files.length === 0) {
  process.stderr.write('usage: node icaljs.mjs [--seq] FILE.ics...\n');
  process.exit(2);
}
let failed = false;
const out = [];
for (const f of files) {
  const r = readFile(f, seqMode);
  out.push(...r.lines);
  failed = failed || r.failed;
}
process.stdout.write(out.join('\n') + '\n');
process.exit(failed ? 1 : 0);
