/**
 * The overview: spend for the period against its comparison window (lib/analytics/period), today so far,
 * requests, tokens, unpriced events and the models that need a price, GPU spend, and the top
 * five features, customers and models. Seven small queries, run concurrently: the top customers
 * from the running totals (lib/analytics/period-source.ts), the rest from the daily rollups
 * and the GPU pool days.
 */
import type { Pool } from "pg";
import type { Filters, SummaryResponse, TopItem } from "../contracts";
import { GROUPS } from "../groups";
import { loadFullyLoadedCost } from "@/lib/pricing/server";
import { costBeyondUsage } from "@/lib/pricing/fully-loaded";
import { changePct, femto, money, share } from "../money";
import { usdJson } from "@/lib/money";
import type { ResolvedPeriod } from "../period";
import { periodFrom } from "../period-source";
import { decimalText, MEASURES_SQL, SqlParams, sumInt8, tokensOf, type MeasureRow, type SourceMode } from "../sql";

const TOP_N = 5;

const GPU_IDLE_UNKNOWN = "No GPU pool has held capacity in this period (configure pools and rates to see idle time)";

interface SpendRow {
  group_key: string;
  group_provider: string | null;
  spend: string;
  events: number;
  unpriced_events: number;
}

interface SummaryInput {
  projectId: string;
  period: ResolvedPeriod;
  filters: Filters;
  source?: SourceMode;
}

export async function getSummary(pool: Pool, input: SummaryInput): Promise<SummaryResponse> {
  const { current, previous } = input.period;

  const totals = (from: string, to: string) => {
    const params = new SqlParams();
    const sql = `SELECT ${MEASURES_SQL} ${periodFrom(params, { projectId: input.projectId, from, to, filters: input.filters, groupDims: [], source: input.source })}`;
    return pool.query<MeasureRow>(sql, params.values).then((result) => result.rows[0]!);
  };
  const grouped = (by: "feature" | "customer" | "model") => {
    const group = GROUPS[by];
    const params = new SqlParams();
    const sql = `SELECT ${group.select}, sum(cost_total)::text AS spend, ${sumInt8("events")} AS events, ${sumInt8("unpriced_events")} AS unpriced_events
      ${periodFrom(params, { projectId: input.projectId, from: current.from, to: current.to, filters: input.filters, groupDims: group.dims, source: input.source })}
      GROUP BY ${group.groupBy}`;
    return pool.query<SpendRow>(sql, params.values).then((result) => result.rows);
  };

  const pools = pool
    .query<{ whole: string | null; idle: string | null }>(
      "SELECT sum(whole_cost)::text AS whole, sum(idle_cost)::text AS idle FROM gpu_pool_days WHERE project_id = $1::uuid AND day BETWEEN $2::date AND $3::date",
      [input.projectId, current.from, current.to],
    )
    .then((result) => result.rows[0]!);
  const filtered = Object.values(input.filters).some((values) => Array.isArray(values) && values.length > 0);
  const beyondUsage = filtered
    ? Promise.resolve(null)
    : loadFullyLoadedCost(pool, input.projectId, current, ["feature"], []).then(costBeyondUsage);
  const today = input.period.today;
  const [now, before, todaySoFar, features, customers, models, gpuPools, extra] = await Promise.all([
    totals(current.from, current.to),
    totals(previous.from, previous.to),
    totals(today, today),
    grouped("feature"),
    grouped("customer"),
    grouped("model"),
    pools,
    beyondUsage,
  ]);

  const spend = money(now.cost_total);
  const previousSpend = money(before.cost_total);
  const top = (rows: SpendRow[]): TopItem[] =>
    [...rows]
      .sort((a, b) => compareDecimal(b.spend, a.spend) || b.events - a.events || a.group_key.localeCompare(b.group_key))
      .slice(0, TOP_N)
      .map((row) => ({
        key: row.group_key,
        provider: row.group_provider,
        spend: money(row.spend),
        requests: row.events,
        share: share(row.spend ?? "0", spend),
      }));

  const unpricedModels = models
    .filter((row) => row.unpriced_events > 0)
    .sort((a, b) => b.unpriced_events - a.unpriced_events || a.group_key.localeCompare(b.group_key))
    .map((row) => ({ provider: row.group_provider ?? "", model: row.group_key, events: row.unpriced_events }));

  return {
    period: current,
    previous_period: previous,
    comparison: input.period.comparison,
    today: { day: today, spend: money(todaySoFar.cost_total), requests: Number(todaySoFar.events ?? 0), partial: true },
    spend,
    token_spend: money(now.cost_token),
    gpu_spend: money(now.cost_gpu),
    fully_loaded_spend: extra === null ? null : usdJson(femto(now.cost_total) + extra),
    previous_spend: previousSpend,
    change_pct: changePct(spend, previousSpend),
    requests: Number(now.events ?? 0),
    previous_requests: Number(before.events ?? 0),
    error_events: Number(now.error_events ?? 0),
    tokens: tokensOf(now),
    unpriced: { events: Number(now.unpriced_events ?? 0), models: unpricedModels },
    gpu: {
      spend: money(now.cost_gpu),
      gpu_seconds: decimalText(now.gpu_seconds),
      pool_cost: gpuPools.whole === null ? null : money(gpuPools.whole),
      idle_cost: gpuPools.idle === null ? null : money(gpuPools.idle),
      idle_share: gpuPools.whole === null ? null : share(gpuPools.idle ?? "0", gpuPools.whole),
      idle_reason: gpuPools.whole === null ? GPU_IDLE_UNKNOWN : null,
    },
    top: { features: top(features), customers: top(customers), models: top(models) },
  };
}

function compareDecimal(a: string | null, b: string | null): number {
  const x = femto(a);
  const y = femto(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
