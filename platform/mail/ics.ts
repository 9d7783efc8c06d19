/**
 * A minimal iCalendar (RFC 5545) invitation: one VEVENT with METHOD:REQUEST, so mail
 * clients show "accept / decline". The UID is derived from the meeting id, which keeps
 * it stable when an invitation is sent again and lets calendars update instead of duplicate.
 */

export type IcsInvitation = {
  meetingId: string;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  attendees: Array<{ name: string; email: string }>;
  /** When the invitation was produced (DTSTAMP). */
  stamp: Date;
};

export const icsUid = (meetingId: string) => `escalatie-overleg-${meetingId}@doorzet`;

/** UTC form YYYYMMDDTHHMMSSZ: unambiguous in every calendar, no VTIMEZONE block needed. */
export function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const escapeParam = (value: string) => `"${value.replace(/"/g, "'")}"`;

/** Lines longer than 75 octets are folded with CRLF + space (RFC 5545 §3.1), without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function buildIcs(invite: IcsInvitation): string {
  const end = new Date(invite.start.getTime() + invite.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Doorzet//Escalatie overleg//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${icsUid(invite.meetingId)}`,
    'SEQUENCE:0',
    `DTSTAMP:${icsUtc(invite.stamp)}`,
    `DTSTART:${icsUtc(invite.start)}`,
    `DTEND:${icsUtc(end)}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    `DESCRIPTION:${escapeText(invite.description)}`,
    `LOCATION:${escapeText(invite.location)}`,
    `ORGANIZER;CN=${escapeParam(invite.organizer.name)}:mailto:${invite.organizer.email}`,
    ...invite.attendees.map(
      (a) => `ATTENDEE;CN=${escapeParam(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.email}`,
    ),
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
