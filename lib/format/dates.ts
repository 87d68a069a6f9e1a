/**
 * Dates in the organisation's timezone. Days from the API are plain "YYYY-MM-DD" calendar days
 * (already in the organisation's zone); instants are ISO strings, shown in the zone with its name.
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parts(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.slice(0, 10).split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

/** "Nov 3" (or "Nov 3, 2026" with the year). */
export function formatDay(day: string, withYear = false): string {
  const { y, m, d } = parts(day);
  return `${MONTHS[m - 1]} ${d}${withYear ? `, ${y}` : ""}`;
}

/** "Nov 2026". */
export function formatMonth(day: string): string {
  const { y, m } = parts(day);
  return `${MONTHS[m - 1]} ${y}`;
}

/** An instant in a zone: "Nov 20, 14:03:07". */
export function formatDateTime(instant: string | Date, timezone: string): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return "—";
  return inZone(date, timezone, { month: "short", day: "numeric", ...TIME, second: "2-digit" });
}

/** The day of an instant in a zone, for settings tables: "Nov 27, 2026" (none: "—"). */
export function formatDate(instant: Date | null, timezone: string): string {
  return instant ? inZone(instant, timezone, DATE) : "—";
}

/** An instant in a zone to the minute, for settings tables: "Nov 27, 2026, 14:05" (none: "—"). */
export function formatDateTimeWithYear(instant: Date | null, timezone: string): string {
  return instant ? inZone(instant, timezone, { ...DATE, ...TIME }) : "—";
}

const DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

function inZone(date: Date, timezone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: timezone, ...options }).format(date);
}

/** The zone as people read it: "Europe/Berlin (UTC+1)". */
export function formatTimezone(timezone: string, at: Date = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: timezone, timeZoneName: "shortOffset" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value;
    const offset = name === "GMT" ? "UTC" : (name ?? "").replace("GMT", "UTC");
    return timezone === "UTC" ? "UTC" : `${timezone} (${offset})`;
  } catch {
    return timezone;
  }
}

/** "how long ago" for an instant: "just now", "12 s ago", "4 min ago", "3 h ago", else null. */
export function formatAgo(instant: string | Date, now: Date = new Date()): string | null {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (Number.isNaN(seconds) || seconds < 0) return null;
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return null;
}
