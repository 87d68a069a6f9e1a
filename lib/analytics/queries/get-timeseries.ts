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

  const rows =
    top.length === 0
      ? []
      : input.stackBy === "customer" &&
          (input.source ?? "levels") === "levels" &&
          filterDims(input.filters).length === 0
        ? await customerDaysFromRunningTotals(
            pool,
            input.projectId,
            current,
            top.map((row) => row.group_key),
          )
        : await topKeyDays(pool, input, table, where, top);

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

/** The top keys' days from the daily level that has the grouping and the filters. */
async function topKeyDays(
  pool: Pool,
  input: TimeseriesInput,
  table: string,
  where: (params: SqlParams) => string,
  top: readonly KeyTotal[],
): Promise<DayRow[]> {
  const params = new SqlParams();
  const conditions = where(params);
  const keys = params.add(top.map((row) => row.group_key));
  const inTop =
    input.stackBy === "model"
      ? `(provider, model) IN (SELECT p, m FROM unnest(${params.add(top.map((row) => row.group_provider ?? ""))}::text[], ${keys}::text[]) AS t(p, m))`
      : `${input.stackBy} = ANY(${keys}::text[])`;
  const providerSelect = input.stackBy === "model" ? "provider" : "NULL::text";
  const { rows } = await pool.query<DayRow>(
    `SELECT ${DAY_MEASURES}, ${input.stackBy} AS group_key, ${providerSelect} AS group_provider
     FROM ${table} WHERE ${conditions} AND ${inTop}
     GROUP BY day, ${input.stackBy === "model" ? "provider, model" : input.stackBy}`,
    params.values,
  );
  return rows;
}

const RUNNING_TOKENS = TOKEN_FIELDS.map(([, column]) => `r.${column}`).join(" + ");

/**
 * The top customers' days from their running totals (usage_cumulative_customer, keyed by
 * customer then day): a running row minus the one before it is that day's sums, read by one
 * index range per customer from its last row before the period. The daily customer level is
 * keyed by day first, so reading a few customers there scans every customer's rows of the
 * period (50 of the 90-day chart's 100 ms at 10M events, bench:dashboard). A day whose events
 * were all deleted reads as zero, as a missing daily row does.
 */
async function customerDaysFromRunningTotals(
  pool: Pool,
  projectId: string,
  period: { from: string; to: string },
  customers: readonly string[],
): Promise<DayRow[]> {
  const { rows } = await pool.query<DayRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, customer AS group_key, NULL::text AS group_provider,
            spend::text AS spend, events, tokens
       FROM (
         SELECT r.day, r.customer,
                r.cost_total - coalesce(lag(r.cost_total) OVER w, 0) AS spend,
                r.events - coalesce(lag(r.events) OVER w, 0) AS events,
                (${RUNNING_TOKENS}) - coalesce(lag(${RUNNING_TOKENS}) OVER w, 0) AS tokens
           FROM unnest($2::text[]) AS c(customer)
           CROSS JOIN LATERAL (
             SELECT coalesce(max(b.day), $3::date) AS first_row
               FROM usage_cumulative_customer AS b
              WHERE b.project_id = $1 AND b.customer = c.customer AND b.day < $3::date
           ) AS start
           JOIN usage_cumulative_customer AS r
             ON r.project_id = $1 AND r.customer = c.customer AND r.day BETWEEN start.first_row AND $4::date
         WINDOW w AS (PARTITION BY r.customer ORDER BY r.day)
       ) AS days
      WHERE day >= $3::date AND events <> 0`,
    [projectId, customers, period.from, period.to],
  );
  return rows;
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
