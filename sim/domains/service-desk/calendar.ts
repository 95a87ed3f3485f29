// The service desk lives on a fixed calendar so that its data, and every answer about it, is the
// same on every run: "today" is a constant, and quarters are counted from it.

export const today = '2026-11-16';
export const systems = ['auth', 'api-gateway', 'billing'] as const;
export type SystemName = (typeof systems)[number];
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

export interface Quarter {
  /** "2026-Q4". */
  id: string;
  /** Months of the quarter up to today, "2026-10". */
  months: string[];
  /** First day, "2026-10-01". */
  start: string;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function quarterOf(date: string, { toDate }: { toDate: boolean }): Quarter {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const quarterIndex = Math.floor((month - 1) / 3);
  const first = quarterIndex * 3 + 1;
  const last = toDate ? month : first + 2;
  const months: string[] = [];
  for (let value = first; value <= last; value++) months.push(`${year}-${String(value).padStart(2, '0')}`);
  return { id: `${year}-Q${quarterIndex + 1}`, months, start: `${months[0]}-01` };
}

/** The current quarter (months up to today) and the whole previous one. */
export function quarters(): { current: Quarter; previous: Quarter } {
  const current = quarterOf(today, { toDate: true });
  const [year, quarterNumber] = [Number(today.slice(0, 4)), Number(current.id.slice(-1))];
  const previousDate = quarterNumber === 1 ? `${year - 1}-10-01` : `${year}-${String((quarterNumber - 2) * 3 + 1).padStart(2, '0')}-01`;
  return { current, previous: quarterOf(previousDate, { toDate: false }) };
}

/** "2026-10" → "October 2026". */
export function monthLabel(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Days between two ISO dates (date part only). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

/** The ISO date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date.slice(0, 10)) + days * 86_400_000).toISOString().slice(0, 10);
}
