/**
 * Dates as Dutch people write them: dd-mm-jjjj. A native date input follows the browser's
 * language, so an English browser asks a Dutch case worker for mm/dd/yyyy; a text field with
 * this format and a hint reads the same everywhere. The API keeps ISO dates (yyyy-mm-dd).
 */
export const DUTCH_DATE_HINT = 'Als dd-mm-jjjj, bijvoorbeeld 15-01-2026.';

/** "15-1-2026", "15-01-2026" or "15/01/2026" → "2026-01-15"; an ISO date passes; anything else undefined. */
export function toIsoDate(input: string): string | undefined {
  const value = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : dutch ? [Number(dutch[3]), Number(dutch[2]), Number(dutch[1])] : [];
  if (!year || !month || !day) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-01-15" → "15-01-2026", for showing a stored date back in the field. */
export function toDutchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}
