/**
 * Every number and sentence of the digest, formatted once, so the HTML and the plain-text parts
 * cannot disagree. Money stays exact until formatUsd.
 */
import { divideRounded, formatUsd, type Femto } from "@/lib/money";
import { describeAnomaly, formatDay, seriesLabel } from "@/lib/anomalies/describe";
import { seriesId } from "@/lib/anomalies/metrics";
import { detailSegment, type DetailDimension, type DetailSegment } from "@/lib/analytics/page-paths";
import { absoluteUrl } from "./links";
import type { DigestData, MoverInput } from "./types";

const TOP_MOVERS = 5;

export interface Change {
  /** "+12.3%", "-4.0%", "new" (nothing last week) or "no change". */
  percent: string;
  delta: string;
  direction: "up" | "down" | "flat";
}

export interface MoverView {
  name: string;
  thisWeek: string;
  lastWeek: string;
  delta: string;
  direction: "up" | "down" | "flat";
  /** |delta| relative to the largest |delta| in the list, 0-100, for the bar. */
  barPercent: number;
  url: string;
}

export interface DigestView {
  title: string;
  weekLabel: string;
  greeting: string;
  spend: { thisWeek: string; lastWeek: string; change: Change };
  margin: { thisWeek: string; lastWeek: string; change: Change; rate?: string; costs?: string } | null;
  daily: { label: string; amount: string; barPercent: number }[];
  featureMovers: MoverView[];
  customerMovers: MoverView[];
  anomalies: { sentence: string; severity: string; series: string; url: string }[];
  unpriced: { label: string; events: string }[];
  pricesUrl: string;
  forecast: { amount: string; explanation: string; month: string } | null;
  dashboardUrl: string;
  anomaliesUrl: string;
  unsubscribeUrl: string;
}

/**
 * The app's routes, in one place: project pages live at /o/[org]/p/[project]/<section> and take
 * `?range=` or `?from=&to=` plus the filters `feature=`, `customer=`, `model=`.
 */
type ProjectSection =
  | "overview"
  | "features"
  | "customers"
  | "models"
  | "events"
  | "pricing"
  | "anomalies"
  | "budgets"
  | "settings/prices"
  | DetailSegment;

export function projectPagePath(orgSlug: string, projectSlug: string, section: ProjectSection): string {
  return `/o/${encodeURIComponent(orgSlug)}/p/${encodeURIComponent(projectSlug)}/${section}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function percentChange(current: Femto, previous: Femto): Change {
  const delta = current - previous;
  const direction = delta > 0n ? "up" : delta < 0n ? "down" : "flat";
  const signed = delta < 0n ? `-${formatUsd(-delta)}` : `+${formatUsd(delta)}`;
  if (previous === 0n) return { percent: current === 0n ? "no change" : "new", delta: signed, direction };
  const tenths = divideRounded(delta * 1000n, previous < 0n ? -previous : previous);
  if (tenths === 0n) return { percent: "no change", delta: signed, direction };
  return { percent: `${tenths < 0n ? "" : "+"}${formatTenths(tenths)}%`, delta: signed, direction };
}

/** 123n -> "12.3", -5n -> "-0.5". */
function formatTenths(tenths: bigint): string {
  const abs = tenths < 0n ? -tenths : tenths;
  return `${tenths < 0n ? "-" : ""}${abs / 10n}.${abs % 10n}`;
}

function weekLabel(first: string, last: string): string {
  const [fy, fm, fd] = first.split("-").map(Number) as [number, number, number];
  const [ly, lm, ld] = last.split("-").map(Number) as [number, number, number];
  if (fy !== ly) return `${fd} ${MONTHS[fm - 1]} ${fy} – ${ld} ${MONTHS[lm - 1]} ${ly}`;
  if (fm !== lm) return `${fd} ${MONTHS[fm - 1]} – ${ld} ${MONTHS[lm - 1]} ${ly}`;
  return `${fd}–${ld} ${MONTHS[lm - 1]} ${ly}`;
}

function topMovers(list: readonly MoverInput[], url: (name: string) => string): MoverView[] {
  const abs = (v: Femto) => (v < 0n ? -v : v);
  const ranked = list
    .map((m) => ({ ...m, delta: m.thisWeek - m.lastWeek }))
    .filter((m) => m.delta !== 0n)
    .sort((a, b) =>
      abs(a.delta) === abs(b.delta) ? a.name.localeCompare(b.name) : abs(a.delta) > abs(b.delta) ? -1 : 1,
    )
    .slice(0, TOP_MOVERS);
  const largest = ranked.reduce((max, m) => (abs(m.delta) > max ? abs(m.delta) : max), 0n);
  return ranked.map((m) => ({
    name: m.name,
    thisWeek: formatUsd(m.thisWeek),
    lastWeek: formatUsd(m.lastWeek),
    delta: m.delta < 0n ? `-${formatUsd(-m.delta)}` : `+${formatUsd(m.delta)}`,
    direction: m.delta > 0n ? "up" : "down",
    barPercent: largest === 0n ? 0 : Math.max(1, Number(divideRounded(abs(m.delta) * 100n, largest))),
    url: url(m.name),
  }));
}

export function buildView(data: DigestData): DigestView {
  const { baseUrl, week } = data;
  const range = { from: week.firstDay, to: week.lastDay };
  const link = (path: string, params: Record<string, string | undefined> = {}) => absoluteUrl(baseUrl, path, params);
  const page = (section: ProjectSection, params: Record<string, string | undefined> = {}) =>
    link(projectPagePath(data.orgSlug, data.projectSlug, section), params);
  const detail = (dimension: DetailDimension, key: string) => page(detailSegment(dimension, key), range);
  const maxDaily = (data.dailySpend ?? []).reduce((max, d) => (d.cost > max ? d.cost : max), 0n);
  const margin = data.margin
    ? {
        thisWeek: formatUsd(data.margin.thisWeek),
        lastWeek: formatUsd(data.margin.lastWeek),
        change: percentChange(data.margin.thisWeek, data.margin.lastWeek),
        ...(data.margin.revenueThisWeek && data.margin.revenueThisWeek > 0n
          ? {
              rate: `${formatTenths(divideRounded(data.margin.thisWeek * 1000n, data.margin.revenueThisWeek))}% of revenue`,
            }
          : {}),
        ...(data.margin.costThisWeek
          ? {
              costs: `on fully loaded cost ${formatUsd(data.margin.costThisWeek.loaded)} (usage cost ${formatUsd(data.margin.costThisWeek.usage)} + idle GPU time and fixed costs)`,
            }
          : {}),
      }
    : null;
  return {
    title: `${data.orgName} · ${data.projectName}`,
    weekLabel: weekLabel(week.firstDay, week.lastDay),
    greeting: data.recipientName
      ? `Hi ${data.recipientName}, here is your week in AI spend.`
      : "Here is your week in AI spend.",
    spend: {
      thisWeek: formatUsd(data.spend.thisWeek),
      lastWeek: formatUsd(data.spend.lastWeek),
      change: percentChange(data.spend.thisWeek, data.spend.lastWeek),
    },
    margin,
    daily: (data.dailySpend ?? []).map((d) => ({
      label: formatDay(d.day).split(" ")[0]!,
      amount: formatUsd(d.cost),
      barPercent: maxDaily === 0n ? 0 : Number(divideRounded(d.cost * 100n, maxDaily)),
    })),
    // A mover opens its own page over the digest's week: that feature or customer, those days.
    featureMovers: topMovers(data.movers.feature, (name) => detail("feature", name)),
    customerMovers: topMovers(data.movers.customer, (name) => detail("customer", name)),
    anomalies: data.anomalies.map(({ anomaly, rootCauses, id }) => ({
      sentence: describeAnomaly(anomaly, rootCauses),
      severity: anomaly.severity,
      series: seriesLabel(anomaly.key),
      url: id
        ? page("anomalies", { anomaly: id })
        : page("anomalies", { series: seriesId(anomaly.key), day: anomaly.day }),
    })),
    unpriced: data.unpricedModels.map((m) => ({
      label: `${m.provider} / ${m.model}`,
      events: `${m.events.toLocaleString("en-US")} ${m.events === 1 ? "event" : "events"}`,
    })),
    pricesUrl: page("settings/prices"),
    forecast: data.forecast
      ? {
          amount: formatUsd(data.forecast.forecast),
          explanation: data.forecast.explanation,
          month: MONTHS[Number(data.forecast.month.slice(5, 7)) - 1]!,
        }
      : null,
    dashboardUrl: page("overview", range),
    anomaliesUrl: page("anomalies"),
    unsubscribeUrl: data.unsubscribeUrl,
  };
}

export function subjectOf(data: DigestData, view: DigestView): string {
  const count = data.anomalies.length;
  const anomalies = count === 0 ? "no anomalies" : `${count} ${count === 1 ? "anomaly" : "anomalies"}`;
  const change =
    view.spend.change.percent === "no change" || view.spend.change.percent === "new"
      ? ""
      : ` (${view.spend.change.percent})`;
  return `${data.projectName}: ${view.spend.thisWeek} AI spend${change}, ${anomalies} · ${view.weekLabel}`;
}
