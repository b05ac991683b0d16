// Talkover SIMULATOR (demo mode and tests only): calendar arithmetic on UTC day numbers.
// Days are plain integers (days since 1970-01-01 UTC) so ranges can be walked and summed without
// ever touching a local timezone; the real API does not say which timezone bounds a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Day number of a strict `YYYY-MM-DD` date, or null when malformed or impossible (2024-02-30). */
export function parseDay(value: string): number | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const roundTrips = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? Math.round(date.getTime() / DAY_MS) : null;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** "Today" is the UTC calendar date of `now`. */
export function todayOf(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS);
}
