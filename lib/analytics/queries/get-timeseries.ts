/**
 * Spend, requests and tokens per day for the top N keys of a dimension (by spend over the
 * period) plus one "other" series for the rest. Every day of the period is present, days
 * without data as explicit zeros, and `active_days` says which days had events, so the chart
 * preparer can choose between gaps and zeros.
 */
import type { Pool } from "pg";
import { OTHER_KEY, type Filters, type Series, type StackBy, type TimeseriesResponse } from "../contracts";
import { GROUPS } from "../groups";
import { femto, moneyFromFemto } from "../money";
import { daysBetween, type ResolvedPeriod } from "../period";
import { filterDims, pickSource, rollupWhere, SqlParams, TOKEN_FIELDS, type SourceMode } from "../sql";
import { groupId } from "../group-id";

export interface TimeseriesInput {
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

const TOKENS_SUM = `sum(${TOKEN_FIELDS.map(([, column]) => column).join(" + ")})::int8`;

export async function getTimeseries(pool: Pool, input: TimeseriesInput): Promise<TimeseriesResponse> {
  const { current } = input.period;
  const group = GROUPS[input.stackBy];
  const table = pickSource([...group.dims, ...filterDims(input.filters)], input.source);

  const totalsParams = new SqlParams();
  const totals = await pool.query<KeyTotal>(
    `SELECT ${group.select}, sum(cost_total)::text AS spend, sum(events)::int8 AS events
     FROM ${table} WHERE ${rollupWhere(totalsParams, input.projectId, current.from, current.to, input.filters, input.source)}
     GROUP BY ${group.groupBy}`,
    totalsParams.values,
  );
  const ranked = totals.rows.sort(
    (a, b) => compare(femto(b.spend), femto(a.spend)) || b.events - a.events || a.group_key.localeCompare(b.group_key),
  );
  const top = ranked.slice(0, input.top);

  const params = new SqlParams();
  const where = rollupWhere(params, input.projectId, current.from, current.to, input.filters, input.source);
  const keys = params.add(top.map((row) => row.group_key));
  const inTop =
    input.stackBy === "model"
      ? `(provider, model) IN (SELECT p, m FROM unnest(${params.add(top.map((row) => row.group_provider ?? ""))}::text[], ${keys}::text[]) AS t(p, m))`
      : `${input.stackBy} = ANY(${keys}::text[])`;
  const providerSelect = input.stackBy === "model" ? `CASE WHEN ${inTop} THEN provider END` : "NULL::text";
  const { rows } = await pool.query<DayRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day,
            CASE WHEN ${inTop} THEN ${input.stackBy} END AS group_key, ${providerSelect} AS group_provider,
            sum(cost_total)::text AS spend, sum(events)::int8 AS events, ${TOKENS_SUM} AS tokens
     FROM ${table} WHERE ${where}
     GROUP BY 1, 2, 3`,
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
  const series = new Map(top.map((row) => [groupId(row.group_key, row.group_provider), blank(row.group_key, row.group_provider, false)]));
  const other = blank(OTHER_KEY, null, true);
  const active = new Set<string>();
  const totalSpend = days.map(() => 0n);
  const totalRequests = days.map(() => 0);

  for (const row of rows) {
    const i = dayIndex.get(row.day);
    if (i === undefined) continue;
    const target = row.group_key === null ? other : series.get(groupId(row.group_key, row.group_provider))!;
    const spend = femto(row.spend);
    target.spend[i] = target.spend[i]! + spend;
    target.requests[i] = target.requests[i]! + row.events;
    target.tokens[i] = target.tokens[i]! + row.tokens;
    totalSpend[i] = totalSpend[i]! + spend;
    totalRequests[i] = totalRequests[i]! + row.events;
    if (row.events > 0) active.add(row.day);
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
      total_spend: moneyFromFemto(item.spend.reduce((sum, value) => sum + value, 0n)),
      spend: item.spend.map(moneyFromFemto),
      requests: item.requests,
      tokens: item.tokens,
    })),
    total_spend: totalSpend.map(moneyFromFemto),
    total_requests: totalRequests,
  };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

