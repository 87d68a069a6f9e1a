/**
 * Costs grouped by day, feature, customer, model or provider over a period, each group with
 * its previous-period spend, from the source periodFrom picks for the grouping and filters.
 */
import type { Pool } from "pg";
import { femtoToUsd } from "@/lib/money";
import type { CostRow, CostsQuery, CostsResponse, Filters, GroupBy } from "../contracts";
import { addHistograms, costRowOf, sumMeasures, type GroupedMeasures } from "../cost-row";
import { GROUPS } from "../groups";
import { femto } from "../money";
import type { ResolvedPeriod } from "../period";
import { unpackHistogram } from "@/lib/ingest/latency-buckets";
import { periodFrom, periodRowsArePerGroup } from "../period-source";
import { histogramSql, measuresSql, SqlParams, type SourceMode } from "../sql";
import { groupId } from "../group-id";

interface CostBreakdownInput {
  projectId: string;
  period: ResolvedPeriod;
  groupBy: GroupBy;
  filters: Filters;
  search?: string;
  sort?: CostsQuery["sort"];
  order?: "asc" | "desc";
  limit?: number;
  source?: SourceMode;
}

export async function getCostBreakdown(pool: Pool, input: CostBreakdownInput): Promise<CostsResponse> {
  const group = GROUPS[input.groupBy];
  const { current, previous } = input.period;
  const source = (period: { from: string; to: string }) => ({
    projectId: input.projectId,
    from: period.from,
    to: period.to,
    filters: input.filters,
    groupDims: group.dims,
    source: input.source,
  });
  const perRow = periodRowsArePerGroup(source(current));
  const grouping = perRow ? "" : ` GROUP BY ${group.groupBy}`;

  const params = new SqlParams();
  const currentSql = `SELECT ${group.select}, ${measuresSql(perRow)}, ${histogramSql(input.source, perRow)} ${periodFrom(params, source(current))}${grouping}`;
  const previousParams = new SqlParams();
  const previousSql = `SELECT ${group.select}, ${perRow ? "cost_total" : "sum(cost_total)"}::text AS spend ${periodFrom(previousParams, source(previous))}${grouping}`;

  const [rows, previousRows] = await Promise.all([
    pool.query<GroupedMeasures>(currentSql, params.values).then((result) => result.rows),
    input.groupBy === "day"
      ? Promise.resolve([])
      : pool
          .query<{ group_key: string; group_provider: string | null; spend: string }>(
            previousSql,
            previousParams.values,
          )
          .then((result) => result.rows),
  ]);

  const previousSpend = new Map(previousRows.map((row) => [groupId(row.group_key, row.group_provider), row.spend]));
  const histograms = rows.map((row) => unpackHistogram(row.histogram ?? "0"));
  const costRows = rows.map((row, i) => {
    const id = groupId(row.group_key, row.group_provider);
    return costRowOf(row, histograms[i], input.groupBy === "day" ? null : (previousSpend.get(id) ?? "0"));
  });

  const previousTotal = previousRows.reduce((sum, row) => sum + femto(row.spend), 0n);
  const totals = costRowOf(
    { ...sumMeasures(rows), group_key: "total", group_provider: null },
    rows.length > 0 ? addHistograms(histograms) : undefined,
    input.groupBy === "day" ? null : femtoToUsd(previousTotal),
  );

  return {
    period: current,
    previous_period: previous,
    comparison: input.period.comparison,
    group_by: input.groupBy,
    rows: arrange(costRows, input),
    totals,
  };
}

const SORT_VALUE: Record<NonNullable<CostsQuery["sort"]>, (row: CostRow) => bigint | number | string> = {
  spend: (row) => femto(row.spend),
  requests: (row) => row.requests,
  tokens: (row) => row.tokens.total,
  key: (row) => row.key,
  change: (row) => row.change_pct ?? Number.NEGATIVE_INFINITY,
};

function arrange(rows: CostRow[], input: CostBreakdownInput): CostRow[] {
  const needle = input.search?.trim().toLowerCase();
  const found = needle ? rows.filter((row) => row.key.toLowerCase().includes(needle)) : rows;
  const sort = input.sort ?? (input.groupBy === "day" ? "key" : "spend");
  const direction = (input.order ?? (sort === "key" ? "asc" : "desc")) === "asc" ? 1 : -1;
  const value = SORT_VALUE[sort];
  // Each row's sort value once (money parses to bigint): not twice per comparison.
  const sorted = found
    .map((row) => ({ row, value: value(row) }))
    .sort((a, b) => {
      if (a.value < b.value) return -direction;
      if (a.value > b.value) return direction;
      return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
    })
    .map((item) => item.row);
  return input.limit ? sorted.slice(0, input.limit) : sorted;
}
