import { expect, test } from 'vitest';
import { buildIcs, escapeText, foldLine, icsUid } from '../../platform/mail/ics.js';

const invite = {
  meetingId: '7d7a3c1e-1b1f-4c55-9d3e-0b4b3d2a9f10',
  start: new Date('2026-11-27T09:00:00.000Z'),
  durationMinutes: 90,
  summary: 'Bestuurlijk escalatie overleg casus DZ-2026-000042',
  description: 'Casus DZ-2026-000042: https://doorzet.example.org/casus/abc',
  location: 'Stadhuis, zaal 2; eerste verdieping',
  organizer: { name: 'Zorg- en Veiligheidshuis Test', email: 'coordinatie@zvh.example.org' },
  attendees: [
    { name: 'GGZ Oost', email: 'bestuur@ggz-oost.example.org' },
    { name: 'Woonstichting', email: 'directie@wonen.example.org' },
  ],
  stamp: new Date('2026-11-20T09:00:00.000Z'),
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

test('a VCALENDAR with METHOD:REQUEST and one VEVENT in UTC, CRLF-terminated', () => {
  const ics = buildIcs(invite);
  expect(ics.endsWith('\r\n')).toBe(true);
  expect(ics).not.toMatch(/[^\r]\n/);
  const lines = unfold(ics);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines).toContain('VERSION:2.0');
  expect(lines).toContain('METHOD:REQUEST');
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  expect(lines).toContain('DTSTART:20261127T090000Z');
  expect(lines).toContain('DTEND:20261127T103000Z');
  expect(lines).toContain('DTSTAMP:20261120T090000Z');
  expect(lines).toContain('LOCATION:Stadhuis\\, zaal 2\\; eerste verdieping');
  expect(lines).toContain('ORGANIZER;CN="Zorg- en Veiligheidshuis Test":mailto:coordinatie@zvh.example.org');
  expect(lines.filter((l) => l.startsWith('ATTENDEE;')).map((l) => l.split('mailto:')[1])).toEqual([
    'bestuur@ggz-oost.example.org',
    'directie@wonen.example.org',
  ]);
  expect(lines.at(-2)).toBe('END:VCALENDAR');
});

test('the UID is stable per meeting and differs between meetings', () => {
  const uidOf = (ics: string) => unfold(ics).find((l) => l.startsWith('UID:'));
  expect(uidOf(buildIcs(invite))).toBe(`UID:${icsUid(invite.meetingId)}`);
  expect(uidOf(buildIcs({ ...invite, stamp: new Date() }))).toBe(uidOf(buildIcs(invite)));
  expect(uidOf(buildIcs({ ...invite, meetingId: 'ander-overleg' }))).not.toBe(uidOf(buildIcs(invite)));
});

test('long lines are folded at 75 octets without splitting a character', () => {
  const long = `DESCRIPTION:${'é'.repeat(100)}`;
  const folded = foldLine(long);
  for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
  expect(folded.replace(/\r\n /g, '')).toBe(long);
  expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
});
