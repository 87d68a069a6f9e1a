/**
 * ISO weeks in a member's time zone. A digest week starts on Monday 00:00 local time; its key
 * ("2026-W47") is the dedupe key per member and week, so it must not depend on the server's zone.
 */
import { addDays, dayToNumber, numberToDay, weekdayIndex, type Day } from "./days";
import { localDay, startOfLocalDay } from "./zone";

export type WeekKey = string;

const KEY_PATTERN = /^(\d{4})-W(\d{2})$/;

/** ISO week-numbering year and week of a calendar day. */
export function isoWeekOf(day: Day): { year: number; week: number } {
  const thursday = numberToDay(dayToNumber(day) - weekdayIndex(day) + 3); // the week belongs to the year of its Thursday
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayToNumber(thursday) - dayToNumber(`${year}-01-01`)) / 7) + 1;
  return { year, week };
}

function formatWeekKey(year: number, week: number): WeekKey {
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
  const mondayOfWeek1 = addDays(jan4, -weekdayIndex(jan4));
  return addDays(mondayOfWeek1, 7 * (week - 1));
}

interface WeekRange {
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
  return {
    key,
    firstDay,
    lastDay: addDays(firstDay, 6),
    start: startOfLocalDay(firstDay, timeZone),
    end: startOfLocalDay(nextMonday, timeZone),
  };
}

export function shiftWeek(key: WeekKey, weeks: number): WeekKey {
  const { year, week } = isoWeekOf(addDays(weekMonday(key), 7 * weeks));
  return formatWeekKey(year, week);
}

/** The digest of `now` covers the last complete week in the member's zone. */
export function lastCompleteWeek(now: Date, timeZone: string): WeekKey {
  return shiftWeek(weekKeyAt(now, timeZone), -1);
}
