/**
 * The dashboard's date range, read from the URL: `?range=7d|30d|90d|mtd|last-month` or
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included). Days are calendar days in the
 * organisation's timezone; `to` is exclusive (the instant the day after the last one starts),
 * and `previous` is the period of the same number of days just before, for comparisons.
 * Anything unreadable falls back to the default (last 30 days) rather than failing the page.
 */
export const RANGE_PRESETS = ["7d", "30d", "90d", "mtd", "last-month"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE: RangePreset = "30d";
export const MAX_CUSTOM_DAYS = 731;

export const PRESET_LABELS: Record<RangePreset, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  mtd: "Month to date",
  "last-month": "Last month",
};

export interface DateRange {
  /** Inclusive start: midnight of the first day in the timezone. */
  from: Date;
  /** Exclusive end: midnight of the day after the last day in the timezone. */
  to: Date;
  days: number;
  label: string;
  preset: RangePreset | "custom";
  /** First and last day included, as YYYY-MM-DD in the timezone. */
  firstDay: string;
  lastDay: string;
  timezone: string;
  previous: { from: Date; to: Date };
}

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

type Day = { y: number; m: number; d: number };

export function parseDateRange(searchParams: SearchParamsLike, timezone: string, now: Date = new Date()): DateRange {
  const tz = validTimezone(timezone);
  const today = dayInZone(now, tz);
  const custom = readCustom(param(searchParams, "from"), param(searchParams, "to"));
  if (custom) return build(custom.first, custom.last, "custom", tz);
  const preset = asPreset(param(searchParams, "range")) ?? DEFAULT_RANGE;
  const [first, last] = presetDays(preset, today);
  return build(first, last, preset, tz);
}

/** The query string for a range, for links that must keep the current one. */
export function rangeQuery(range: Pick<DateRange, "preset" | "firstDay" | "lastDay">): Record<string, string> {
  return range.preset === "custom" ? { from: range.firstDay, to: range.lastDay } : { range: range.preset };
}

function presetDays(preset: RangePreset, today: Day): [Day, Day] {
  switch (preset) {
    case "7d":
      return [addDays(today, -6), today];
    case "30d":
      return [addDays(today, -29), today];
    case "90d":
      return [addDays(today, -89), today];
    case "mtd":
      return [{ ...today, d: 1 }, today];
    case "last-month": {
      const lastOfPrevious = addDays({ ...today, d: 1 }, -1);
      return [{ ...lastOfPrevious, d: 1 }, lastOfPrevious];
    }
  }
}

function build(first: Day, last: Day, preset: RangePreset | "custom", tz: string): DateRange {
  const days = dayNumber(last) - dayNumber(first) + 1;
  const from = zonedMidnight(first, tz);
  const to = zonedMidnight(addDays(last, 1), tz);
  const label = preset === "custom" ? `${formatDay(first)} – ${formatDay(last)}` : PRESET_LABELS[preset];
  return {
    from,
    to,
    days,
    label,
    preset,
    firstDay: isoDay(first),
    lastDay: isoDay(last),
    timezone: tz,
    previous: { from: zonedMidnight(addDays(first, -days), tz), to: from },
  };
}

function readCustom(fromText: string | undefined, toText: string | undefined): { first: Day; last: Day } | null {
  if (!fromText || !toText) return null;
  const first = parseDay(fromText);
  const last = parseDay(toText);
  if (!first || !last) return null;
  const span = dayNumber(last) - dayNumber(first) + 1;
  if (span < 1 || span > MAX_CUSTOM_DAYS) return null;
  return { first, last };
}

function param(params: SearchParamsLike, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

function asPreset(value: string | undefined): RangePreset | undefined {
  return (RANGE_PRESETS as readonly string[]).includes(value ?? "") ? (value as RangePreset) : undefined;
}

export function parseDay(text: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const day = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  const check = new Date(Date.UTC(day.y, day.m - 1, day.d));
  const valid = check.getUTCFullYear() === day.y && check.getUTCMonth() === day.m - 1 && check.getUTCDate() === day.d;
  return valid && day.y >= 2000 && day.y <= 2100 ? day : null;
}

function validTimezone(timezone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return timezone;
  } catch {
    return "UTC";
  }
}

function dayNumber(day: Day): number {
  return Date.UTC(day.y, day.m - 1, day.d) / 86_400_000;
}

function addDays(day: Day, delta: number): Day {
  const date = new Date(Date.UTC(day.y, day.m - 1, day.d + delta));
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function isoDay(day: Day): string {
  return `${String(day.y).padStart(4, "0")}-${String(day.m).padStart(2, "0")}-${String(day.d).padStart(2, "0")}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function formatDay(day: Day): string {
  return `${MONTHS[day.m - 1]} ${day.d}, ${day.y}`;
}

function zoneParts(instant: Date, tz: string): Day & { h: number; min: number; s: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour"), min: get("minute"), s: get("second") };
}

export function dayInZone(instant: Date, tz: string): Day {
  const { y, m, d } = zoneParts(instant, tz);
  return { y, m, d };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(instant: number, tz: string): number {
  const p = zoneParts(new Date(instant), tz);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day starts in a zone: the earliest of the candidate instants (midnight
 * under the offsets in force around that day) that falls on the day. This handles zones whose
 * DST change happens at midnight, where 00:00 does not exist and the day starts at 01:00.
 */
export function zonedMidnight(day: Day, tz: string): Date {
  const wall = Date.UTC(day.y, day.m - 1, day.d);
  const target = dayNumber(day);
  const candidates = [-86_400_000, 0, 86_400_000].map((shift) => wall - offsetAt(wall + shift, tz));
  const valid = candidates.filter((instant) => dayNumber(dayInZone(new Date(instant), tz)) === target);
  return new Date(Math.min(...(valid.length ? valid : candidates)));
}
