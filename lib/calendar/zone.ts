/**
 * Calendar days in IANA time zones: the day an instant falls on, and the instant a day starts.
 * Offsets lie within -12h..+14h (lib/calendar/instant.ts), which startOfLocalDay relies on.
 */
import { dayToNumber, type Day } from "./days";

const formatters = new Map<string, Intl.DateTimeFormat>();
const hourFormatters = new Map<string, Intl.DateTimeFormat>();

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

/** The hour (0-23) an instant falls on in a time zone: when a member's digest slot has come. */
export function localHour(instant: Date, timeZone: string): number {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    formatter(timeZone); // names the zone in the error when it is unknown
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" });
    hourFormatters.set(timeZone, f);
  }
  return Number(f.format(instant));
}

/**
 * The first instant of a local calendar day: midnight, or the end of the gap where a DST change
 * skips midnight (e.g. America/Santiago). Found by bisection on "local day >= day", so it needs no
 * offset arithmetic. Offsets lie within -12h..+14h, so the instant lies within a day of UTC midnight.
 */
export function startOfLocalDay(day: Day, timeZone: string): Date {
  const utcMidnight = dayToNumber(day) * 86_400_000;
  let low = utcMidnight - 15 * 3_600_000; // local day is still before `day`
  let high = utcMidnight + 13 * 3_600_000; // local day is already `day`
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (localDay(new Date(mid), timeZone) >= day) high = mid;
    else low = mid;
  }
  return new Date(high);
}

/** A time zone Intl knows, or UTC: for zones read back from storage, where a 500 helps nobody. */
export function validTimezone(timeZone: string): string {
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** The calendar day an instant falls on in a time zone (an unknown zone reads as UTC). */
export function dayIn(timeZone: string, instant: Date): Day {
  return localDay(instant, validTimezone(timeZone));
}

export function todayIn(timeZone: string, now: Date = new Date()): Day {
  return dayIn(timeZone, now);
}
