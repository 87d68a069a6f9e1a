/** Calendar-day helpers for 'YYYY-MM-DD' strings (UTC calendar arithmetic, no time zones). */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Day = string;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' string; throws on anything that is not a real date. */
export function dayNumber(day: Day): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const number = ms / DAY_MS;
  if (dayFromNumber(number) !== day) throw new RangeError(`not a calendar day: ${day}`);
  return number;
}

export function dayFromNumber(number: number): Day {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: Day, count: number): Day {
  return dayFromNumber(dayNumber(day) + count);
}

/** ISO weekday index: 0 = Monday ... 6 = Sunday. */
export function weekdayIndex(day: Day): number {
  // 1970-01-01 was a Thursday (ISO index 3).
  return (((dayNumber(day) + 3) % 7) + 7) % 7;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: Day, to: Day): Day[] {
  const start = dayNumber(from);
  const end = dayNumber(to);
  const days: Day[] = [];
  for (let n = start; n <= end; n++) days.push(dayFromNumber(n));
  return days;
}

/** Number of days in the month of `day`. */
export function daysInMonth(day: Day): number {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
