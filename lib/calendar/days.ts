/**
 * Calendar days as `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01, UTC calendar
 * arithmetic, no time zones). Every day the API accepts passes `parseDay` once at the boundary:
 * a real calendar day inside the supported window. Loops over days or months run over numbers
 * between two parsed bounds, so they end by construction.
 */
import { z } from "zod";

export type Day = string;

/** The window of days the product accepts: older or later dates are input errors, not data. */
const FIRST_SUPPORTED_DAY: Day = "2000-01-01";
const LAST_SUPPORTED_DAY: Day = "2100-12-31";
/** The longest period any read accepts (two years, leap day included). */
export const MAX_PERIOD_DAYS = 731;

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a well-formed calendar day, or null (any year, no window). */
function calendarDayNumber(text: string): number | null {
  const match = DAY_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // setUTCFullYear, unlike Date.UTC, takes years 0-99 as written; it rolls Feb 30 over into
  // March, so a real day is one that reads back unchanged.
  const back = new Date(0);
  const ms = back.setUTCFullYear(year, month - 1, day);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

const FIRST_NUMBER = calendarDayNumber(FIRST_SUPPORTED_DAY)!;
const LAST_NUMBER = calendarDayNumber(LAST_SUPPORTED_DAY)!;

type DayCheck = { ok: true; day: Day; number: number } | { ok: false; reason: string };

/** Checks a day written by a client: format, calendar, and the supported window. */
export function checkDay(text: string): DayCheck {
  if (!DAY_PATTERN.test(text)) return { ok: false, reason: "a day as YYYY-MM-DD" };
  const number = calendarDayNumber(text);
  if (number === null) return { ok: false, reason: `not a calendar day (${text})` };
  if (number < FIRST_NUMBER || number > LAST_NUMBER) {
    return { ok: false, reason: `outside the supported dates ${FIRST_SUPPORTED_DAY} to ${LAST_SUPPORTED_DAY}` };
  }
  return { ok: true, day: text, number };
}

/** A day inside the supported window, as the one schema every API boundary uses. */
export const daySchema = z.string().superRefine((text, ctx) => {
  const check = checkDay(text);
  if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
});

/** Days since 1970-01-01 of a day already checked (throws on anything else: a programming error). */
export function dayToNumber(day: Day): number {
  const number = calendarDayNumber(day);
  if (number === null) throw new RangeError(`not a calendar day: ${JSON.stringify(day)}`);
  return number;
}

export function numberToDay(number: number): Day {
  return new Date(number * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: Day, delta: number): Day {
  return numberToDay(dayToNumber(day) + delta);
}

/** Days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function dayCount(from: Day, to: Day): number {
  return Math.max(0, dayToNumber(to) - dayToNumber(from) + 1);
}

/** ISO weekday index: 0 = Monday ... 6 = Sunday. */
export function weekdayIndex(day: Day): number {
  // 1970-01-01 was a Thursday (ISO index 3).
  return (((dayToNumber(day) + 3) % 7) + 7) % 7;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let n = dayToNumber(from), end = dayToNumber(to); n <= end; n++) out.push(numberToDay(n));
  return out;
}

/**
 * Checks an inclusive period sent as two days: order and the longest supported span. A day that
 * is not a calendar day is left to its own field's check (zod runs object checks regardless).
 */
export function checkPeriodSpan(from: Day, to: Day, maxDays = MAX_PERIOD_DAYS): string | null {
  const [first, last] = [calendarDayNumber(from), calendarDayNumber(to)];
  if (first === null || last === null) return null;
  const span = last - first + 1;
  if (span < 1) return `must not be before from (${from})`;
  if (span > maxDays) return `a period of at most ${maxDays} days (this one has ${span})`;
  return null;
}

/** Adds to an object schema with `from` and `to` days the check that they are in order and span at most `maxDays`. */
export function withPeriodSpan<S extends z.ZodType<{ from: Day; to: Day }>>(schema: S, maxDays = MAX_PERIOD_DAYS) {
  return schema.superRefine((range, ctx) => {
    const problem = checkPeriodSpan(range.from, range.to, maxDays);
    if (problem) ctx.addIssue({ code: "custom", path: ["to"], message: problem });
  });
}

/** `{from, to}`: two supported days in order, spanning at most `maxDays`. */
export function dayRangeSchema(maxDays = MAX_PERIOD_DAYS) {
  return withPeriodSpan(z.object({ from: daySchema, to: daySchema }), maxDays);
}
