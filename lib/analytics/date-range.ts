/**
 * The dashboard's date range, read from the URL: `?range=<preset>` or
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included). The days and the comparison window are
 * lib/analytics/period's (the same definition as the read API); this adds the instants they start
 * and end at in the organisation's timezone (`to` exclusive) and the words a page shows.
 * Anything unreadable falls back to the default (last 30 complete days) rather than failing the page.
 */
import { addDays, checkDay, dayToNumber, MAX_PERIOD_DAYS, type Day } from "@/lib/calendar/days";
import { RANGE_PRESETS, type Comparison, type Period, type RangePreset } from "./contracts";
import {
  COMPARISON_LABELS,
  DEFAULT_RANGE,
  DEFAULT_WEEK_START,
  formatWindow,
  PRESET_LABELS,
  resolvePeriod,
  type OrgCalendar,
} from "./period";

export { PRESET_LABELS, RANGE_PRESETS, type RangePreset };
const MAX_CUSTOM_DAYS = MAX_PERIOD_DAYS;

export interface DateRange {
  /** Inclusive start: midnight of the first day in the timezone. */
  from: Date;
  /** Exclusive end: midnight of the day after the last day in the timezone. */
  to: Date;
  days: number;
  label: string;
  preset: RangePreset | "custom";
  /** First and last day included, as YYYY-MM-DD in the timezone. */
  firstDay: Day;
  lastDay: Day;
  timezone: string;
  /** Today, when the range holds it (a running day, shown as partial). */
  partialDay: Day | null;
  /** Today in the timezone. */
  today: Day;
  comparison: Comparison;
  /** The comparison window, as days and as instants (`to` exclusive). */
  previous: { from: Date; to: Date; firstDay: Day; lastDay: Day };
  /** "vs Nov 1 – 6, 2026 (the same days of the previous month)". */
  comparisonLabel: string;
}

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseDateRange(
  searchParams: SearchParamsLike,
  calendar: OrgCalendar | string,
  now: Date = new Date(),
): DateRange {
  const custom = readCustom(param(searchParams, "from"), param(searchParams, "to"));
  const range = asPreset(param(searchParams, "range")) ?? DEFAULT_RANGE;
  const resolved = resolvePeriod(
    custom ?? { range },
    typeof calendar === "string" ? { timezone: calendar, weekStart: DEFAULT_WEEK_START } : calendar,
    now,
  );
  const { current, previous } = resolved;
  const tz = current.timezone;
  return {
    from: zonedDayStart(current.from, tz),
    to: zonedDayStart(addDays(current.to, 1), tz),
    days: current.days,
    label: resolved.preset === "custom" ? formatWindow(current.from, current.to) : PRESET_LABELS[resolved.preset],
    preset: resolved.preset,
    firstDay: current.from,
    lastDay: current.to,
    timezone: tz,
    partialDay: current.partial_day,
    today: resolved.today,
    comparison: resolved.comparison,
    previous: {
      from: zonedDayStart(previous.from, tz),
      to: zonedDayStart(addDays(previous.to, 1), tz),
      firstDay: previous.from,
      lastDay: previous.to,
    },
    comparisonLabel: comparisonLabel(previous, resolved.comparison),
  };
}

/** "vs Nov 1 – 6, 2026 (the same days of the previous month)": every comparison states its window. */
export function comparisonLabel(previous: Pick<Period, "from" | "to">, comparison: Comparison): string {
  return `vs ${formatWindow(previous.from, previous.to)} (${COMPARISON_LABELS[comparison]})`;
}

/**
 * The range parameters exactly as a page sends them to the read API: a valid, ordered `from`/`to`,
 * else a known `range`, else none (the API's default). Anything else is dropped, as parseDateRange
 * drops it, so the picker and the data always agree.
 */
export function readRangeParams(
  searchParams: SearchParamsLike,
): { from: Day; to: Day } | { range: RangePreset } | Record<string, never> {
  const custom = readCustom(param(searchParams, "from"), param(searchParams, "to"));
  if (custom) return custom;
  const range = asPreset(param(searchParams, "range"));
  return range ? { range } : {};
}

/** The query string for a range, for links that must keep the current one. */
export function rangeQuery(range: Pick<DateRange, "preset" | "firstDay" | "lastDay">): Record<string, string> {
  return range.preset === "custom" ? { from: range.firstDay, to: range.lastDay } : { range: range.preset };
}

function readCustom(fromText: string | undefined, toText: string | undefined): { from: Day; to: Day } | null {
  if (!fromText || !toText) return null;
  const [from, to] = [checkDay(fromText), checkDay(toText)];
  if (!from.ok || !to.ok) return null;
  const span = to.number - from.number + 1;
  if (span < 1 || span > MAX_CUSTOM_DAYS) return null;
  return { from: from.day, to: to.day };
}

function param(params: SearchParamsLike, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

function asPreset(value: string | undefined): RangePreset | undefined {
  return (RANGE_PRESETS as readonly string[]).includes(value ?? "") ? (value as RangePreset) : undefined;
}

function zoneParts(instant: Date, tz: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
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

function dayNumberInZone(instant: number, tz: string): number {
  const { y, m, d } = zoneParts(new Date(instant), tz);
  return Date.UTC(y, m - 1, d) / 86_400_000;
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
export function zonedDayStart(day: Day, tz: string): Date {
  const target = dayToNumber(day);
  const wall = target * 86_400_000;
  const candidates = [-86_400_000, 0, 86_400_000].map((shift) => wall - offsetAt(wall + shift, tz));
  const valid = candidates.filter((instant) => dayNumberInZone(instant, tz) === target);
  return new Date(Math.min(...(valid.length ? valid : candidates)));
}
