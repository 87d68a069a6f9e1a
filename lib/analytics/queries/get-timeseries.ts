/**
 * Spend, requests and tokens per day for the top N keys of a dimension (by spend over the
 * period) plus one "other" series for the rest. Every day of the period is present, days
 * without data as explicit zeros, and `active_days` says which days had events, so the chart
 * preparer can choose between gaps and zeros.
 */
import type { Pool } from "pg";
import { OTHER_KEY, type Filters, type Series, type StackBy, type TimeseriesResponse } from "../contracts";
import { GROUPS } from "../groups";
import { femto } from "../money";
import { usdJson } from "@/lib/money";
import { daysBetween } from "@/lib/calendar/days";
import type { ResolvedPeriod } from "../period";
import { periodFrom } from "../period-source";
import { filterDims, pickSource, rollupWhere, SqlParams, sumInt8, TOKEN_FIELDS, type SourceMode } from "../sql";
import { groupId } from "../group-id";

interface TimeseriesInput {
  projectId: string;
  period: ResolvedPeriod;
  stackBy: StackBy;
  top: number;
  filters: Filters;
  source?: SourceMode;
}

interface KeyTotal {
  group_key: string;
  group_provider: string | null;
  spend: string;
  events: number;
}

interface DayRow {
  day: string;
  group_key: string | null;
  group_provider: string | null;
  spend: string;
  events: number;
  tokens: number;
}

const TOKENS_SUM = sumInt8(TOKEN_FIELDS.map(([, column]) => column).join(" + "));
const DAY_MEASURES = `to_char(day, 'YYYY-MM-DD') AS day, sum(cost_total)::text AS spend, ${sumInt8("events")} AS events, ${TOKENS_SUM} AS tokens`;

/**
 * Three reads, none of which walks a customer-level table per day for every key: the keys
 * ranked over the period, the day totals (from the smallest level that has the filters, so
 * usually one without customers), and the days of the top keys only. The "other" series is
 * the day total minus the top keys, exact in femtodollars.
 */
export async function getTimeseries(pool: Pool, input: TimeseriesInput): Promise<TimeseriesResponse> {
  const { current } = input.period;
  const group = GROUPS[input.stackBy];
  const table = pickSource([...group.dims, ...filterDims(input.filters)], input.source);
  const where = (params: SqlParams) =>
    rollupWhere(params, input.projectId, current.from, current.to, input.filters, input.source);

  const totalsParams = new SqlParams();
  const dayParams = new SqlParams();
  const [totals, dayTotals] = await Promise.all([
    pool.query<KeyTotal>(
      `SELECT ${group.select}, sum(cost_total)::text AS spend, ${sumInt8("events")} AS events
       ${periodFrom(totalsParams, { projectId: input.projectId, from: current.from, to: current.to, filters: input.filters, groupDims: group.dims, source: input.source })}
       GROUP BY ${group.groupBy}`,
      totalsParams.values,
    ),
    pool.query<DayRow>(
      `SELECT ${DAY_MEASURES}, NULL::text AS group_key, NULL::text AS group_provider
       FROM ${pickSource(filterDims(input.filters), input.source)} WHERE ${where(dayParams)}
       GROUP BY day`,
      dayParams.values,
    ),
  ]);
  const ranked = totals.rows.sort(
    (a, b) => compare(femto(b.spend), femto(a.spend)) || b.events - a.events || a.group_key.localeCompare(b.group_key),
  );
  const top = ranked.slice(0, input.top);

  const params = new SqlParams();
  const conditions = where(params);
  const keys = params.add(top.map((row) => row.group_key));
  const inTop =
    input.stackBy === "model"
      ? `(provider, model) IN (SELECT p, m FROM unnest(${params.add(top.map((row) => row.group_provider ?? ""))}::text[], ${keys}::text[]) AS t(p, m))`
      : `${input.stackBy} = ANY(${keys}::text[])`;
  const providerSelect = input.stackBy === "model" ? "provider" : "NULL::text";
  const { rows } =
    top.length === 0
      ? { rows: [] as DayRow[] }
      : await pool.query<DayRow>(
          `SELECT ${DAY_MEASURES}, ${input.stackBy} AS group_key, ${providerSelect} AS group_provider
           FROM ${table} WHERE ${conditions} AND ${inTop}
           GROUP BY day, ${input.stackBy === "model" ? "provider, model" : input.stackBy}`,
          params.values,
        );

  const days = daysBetween(current.from, current.to);
  const dayIndex = new Map(days.map((day, i) => [day, i]));
  const blank = (key: string, provider: string | null, isOther: boolean) => ({
    key,
    provider,
    isOther,
    spend: days.map(() => 0n),
    requests: days.map(() => 0),
    tokens: days.map(() => 0),
  });
  const series = new Map(
    top.map((row) => [groupId(row.group_key, row.group_provider), blank(row.group_key, row.group_provider, false)]),
  );
  const other = blank(OTHER_KEY, null, true);
  const active = new Set<string>();
  const totalSpend = days.map(() => 0n);
  const totalRequests = days.map(() => 0);

  for (const row of dayTotals.rows) {
    const i = dayIndex.get(row.day);
    if (i === undefined) continue;
    const spend = femto(row.spend);
    other.spend[i] = spend;
    other.requests[i] = row.events;
    other.tokens[i] = row.tokens;
    totalSpend[i] = spend;
    totalRequests[i] = row.events;
    if (row.events > 0) active.add(row.day);
  }
  for (const row of rows) {
    const i = dayIndex.get(row.day);
    if (i === undefined) continue;
    const target = series.get(groupId(row.group_key!, row.group_provider))!;
    const spend = femto(row.spend);
    target.spend[i] = spend;
    target.requests[i] = row.events;
    target.tokens[i] = row.tokens;
    other.spend[i] = other.spend[i]! - spend;
    other.requests[i] = other.requests[i]! - row.events;
    other.tokens[i] = other.tokens[i]! - row.tokens;
  }

  const out = [...series.values()];
  const hasOther = ranked.length > top.length;
  if (hasOther) out.push(other);
  return {
    period: current,
    stack_by: input.stackBy,
    days,
    active_days: days.filter((day) => active.has(day)),
    series: out.map((item): Series => ({
      key: item.key,
      provider: item.provider,
      is_other: item.isOther,
      total_spend: usdJson(item.spend.reduce((sum, value) => sum + value, 0n)),
      spend: item.spend.map(usdJson),
      requests: item.requests,
      tokens: item.tokens,
    })),
    total_spend: totalSpend.map(usdJson),
    total_requests: totalRequests,
  };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
