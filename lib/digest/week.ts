/**
 * ISO weeks in a member's time zone. A digest week starts on Monday 00:00 local time; its key
 * ("2026-W47") is the dedupe key per member and week, so it must not depend on the server's zone.
 */
import { addDays, dayFromNumber, dayNumber, type Day } from "@/lib/anomalies/days";

export type WeekKey = string;

const KEY_PATTERN = /^(\d{4})-W(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError naming the zone when it is not an IANA time zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      throw new RangeError(`unknown time zone: ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar day an instant falls on in a time zone. */
export function localDay(instant: Date, timeZone: string): Day {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * The first instant of a local calendar day: midnight, or the end of the gap where a DST change
 * skips midnight (e.g. America/Santiago). Found by bisection on "local day >= day", so it needs no
 * offset arithmetic. Offsets lie within -12h..+14h, so the instant lies within a day of UTC midnight.
 */
export function startOfLocalDay(day: Day, timeZone: string): Date {
  const utcMidnight = dayNumber(day) * 86_400_000;
  let low = utcMidnight - 15 * 3_600_000; // local day is still before `day`
  let high = utcMidnight + 13 * 3_600_000; // local day is already `day`
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (localDay(new Date(mid), timeZone) >= day) high = mid;
    else low = mid;
  }
  return new Date(high);
}

/** ISO week-numbering year and week of a calendar day. */
export function isoWeekOf(day: Day): { year: number; week: number } {
  const n = dayNumber(day);
  const weekday = (((n + 3) % 7) + 7) % 7; // 0 = Monday
  const thursday = dayFromNumber(n - weekday + 3); // the week belongs to the year of its Thursday
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${year}-01-01`)) / 7) + 1;
  return { year, week };
}

export function formatWeekKey(year: number, week: number): WeekKey {
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The week key of an instant for a member in `timeZone`. */
export function weekKeyAt(instant: Date, timeZone: string): WeekKey {
  const { year, week } = isoWeekOf(localDay(instant, timeZone));
  return formatWeekKey(year, week);
}

export function parseWeekKey(key: string): { year: number; week: number } {
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new RangeError(`not an ISO week key (YYYY-Www): ${JSON.stringify(key)}`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > isoWeeksInYear(year)) throw new RangeError(`${key}: ${year} has no week ${week}`);
  return { year, week };
}

/** 52 or 53: a year has 53 ISO weeks when Dec 28 (always in its last week) is in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).week;
}

/** Monday of the week (a calendar day, the same in every zone). */
export function weekMonday(key: WeekKey): Day {
  const { year, week } = parseWeekKey(key);
  const jan4 = `${year}-01-04`; // always in week 1
  const mondayOfWeek1 = addDays(jan4, -((((dayNumber(jan4) + 3) % 7) + 7) % 7));
  return addDays(mondayOfWeek1, 7 * (week - 1));
}

export interface WeekRange {
  key: WeekKey;
  firstDay: Day;
  lastDay: Day;
  /** Monday 00:00 local time. */
  start: Date;
  /** The next Monday 00:00 local time (exclusive). 167, 168 or 169 hours after start. */
  end: Date;
}

export function weekRange(key: WeekKey, timeZone: string): WeekRange {
  const firstDay = weekMonday(key);
  const nextMonday = addDays(firstDay, 7);
  return { key, firstDay, lastDay: addDays(firstDay, 6), start: startOfLocalDay(firstDay, timeZone), end: startOfLocalDay(nextMonday, timeZone) };
}

export function shiftWeek(key: WeekKey, weeks: number): WeekKey {
  const { year, week } = isoWeekOf(addDays(weekMonday(key), 7 * weeks));
  return formatWeekKey(year, week);
}

/** The digest of `now` covers the last complete week in the member's zone. */
export function lastCompleteWeek(now: Date, timeZone: string): WeekKey {
  return shiftWeek(weekKeyAt(now, timeZone), -1);
}
