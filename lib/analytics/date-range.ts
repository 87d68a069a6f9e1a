/**
 * The dashboard's date range, read from the URL: `?range=<preset>` or
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included). The days and the comparison window are
 * lib/analytics/period's (the same definition as the read API); this adds the instants they start
 * and end at in the organisation's timezone (`to` exclusive) and the words a page shows.
 * Anything unreadable falls back to the default (last 30 complete days) rather than failing the page,
 * and says why (`ignored`), so the page can tell its reader the period asked for is not the one shown.
 */
import { addDays, checkDay, MAX_PERIOD_DAYS, type Day } from "@/lib/calendar/days";
import { startOfLocalDay } from "@/lib/calendar/zone";
import { RANGE_PRESETS, type Comparison, type Period, type RangePreset } from "./contracts";
import { COMPARISON_LABELS, DEFAULT_RANGE, formatWindow, PRESET_LABELS, resolvePeriod } from "./period";
import { DEFAULT_WEEK_START, type OrgCalendar } from "@/lib/calendar/org-calendar";

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
  /** Why the URL's `from`/`to` were not used (this is the default period instead), or null. */
  ignored: string | null;
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
    custom?.ok ? custom.period : { range },
    typeof calendar === "string" ? { timezone: calendar, weekStart: DEFAULT_WEEK_START } : calendar,
    now,
  );
  const { current, previous } = resolved;
  const tz = current.timezone;
  return {
    from: startOfLocalDay(current.from, tz),
    to: startOfLocalDay(addDays(current.to, 1), tz),
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
      from: startOfLocalDay(previous.from, tz),
      to: startOfLocalDay(addDays(previous.to, 1), tz),
      firstDay: previous.from,
      lastDay: previous.to,
    },
    comparisonLabel: comparisonLabel(previous, resolved.comparison),
    ignored: custom && !custom.ok ? custom.reason : null,
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
  if (custom?.ok) return custom.period;
  const range = asPreset(param(searchParams, "range"));
  return range ? { range } : {};
}

/** The query string for a range, for links that must keep the current one. */
export function rangeQuery(range: Pick<DateRange, "preset" | "firstDay" | "lastDay">): Record<string, string> {
  return range.preset === "custom" ? { from: range.firstDay, to: range.lastDay } : { range: range.preset };
}

/** The URL's custom period; null when it names none (neither or only one of from and to). */
function readCustom(
  fromText: string | undefined,
  toText: string | undefined,
): { ok: true; period: { from: Day; to: Day } } | { ok: false; reason: string } | null {
  if (!fromText || !toText) return null;
  const [from, to] = [checkDay(fromText), checkDay(toText)];
  if (!from.ok) return { ok: false, reason: `from: ${from.reason}` };
  if (!to.ok) return { ok: false, reason: `to: ${to.reason}` };
  const span = to.number - from.number + 1;
  if (span < 1) return { ok: false, reason: `from ${from.day} is after to ${to.day}` };
  if (span > MAX_CUSTOM_DAYS)
    return { ok: false, reason: `${span} days, more than the ${MAX_CUSTOM_DAYS} a period may span` };
  return { ok: true, period: { from: from.day, to: to.day } };
}

function param(params: SearchParamsLike, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

function asPreset(value: string | undefined): RangePreset | undefined {
  return (RANGE_PRESETS as readonly string[]).includes(value ?? "") ? (value as RangePreset) : undefined;
}
