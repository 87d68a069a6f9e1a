/**
 * Costs grouped by day, feature, customer, model or provider over a period, each group with
 * its previous-period spend, from the source periodFrom picks for the grouping and filters.
 */
import type { Pool } from "pg";
import type { Femto } from "@/lib/money";
import type { CostRow, CostsQuery, CostsResponse, Filters, GroupBy } from "../contracts";
import { costRowOf, MeasureTotals, type GroupedMeasures } from "../cost-row";
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

  // One pass: each amount parsed once, for its row, the totals, the change and the sort.
  const previousSpend = new Map<string, Femto>();
  let previousTotal = 0n;
  for (const row of previousRows) {
    const spend = femto(row.spend);
    previousSpend.set(groupId(row.group_key, row.group_provider), spend);
    previousTotal += spend;
  }
  const totals = new MeasureTotals();
  const costRows = rows.map((row): SortableRow => {
    const cost = femto(row.cost_total);
    const histogram = unpackHistogram(row.histogram ?? "0");
    totals.add(row, histogram, cost);
    const previous =
      input.groupBy === "day" ? null : (previousSpend.get(groupId(row.group_key, row.group_provider)) ?? 0n);
    return { row: costRowOf(row, cost, histogram, previous), cost };
  });
  const totalRow = costRowOf(
    { ...totals.measures(), group_key: "total", group_provider: null },
    totals.cost(),
    totals.histogram(),
    input.groupBy === "day" ? null : previousTotal,
  );

  return {
    period: current,
    previous_period: previous,
    comparison: input.period.comparison,
    group_by: input.groupBy,
    rows: arrange(costRows, input),
    totals: totalRow,
  };
}

/** A cost row with its spend as parsed from the database. */
interface SortableRow {
  row: CostRow;
  cost: Femto;
}

const SORT_VALUE: Record<NonNullable<CostsQuery["sort"]>, (item: SortableRow) => bigint | number | string> = {
  spend: (item) => item.cost,
  requests: (item) => item.row.requests,
  tokens: (item) => item.row.tokens.total,
  key: (item) => item.row.key,
  change: (item) => item.row.change_pct ?? Number.NEGATIVE_INFINITY,
};

function arrange(rows: SortableRow[], input: CostBreakdownInput): CostRow[] {
  const needle = input.search?.trim().toLowerCase();
  const found = needle ? rows.filter((item) => item.row.key.toLowerCase().includes(needle)) : rows;
  const sort = input.sort ?? (input.groupBy === "day" ? "key" : "spend");
  const direction = (input.order ?? (sort === "key" ? "asc" : "desc")) === "asc" ? 1 : -1;
  const value = SORT_VALUE[sort];
  // Each row's sort value once, not twice per comparison.
  const sorted = found
    .map((item) => ({ row: item.row, value: value(item) }))
    .sort((a, b) => {
      if (a.value < b.value) return -direction;
      if (a.value > b.value) return direction;
      return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
    })
    .map((item) => item.row);
  return input.limit ? sorted.slice(0, input.limit) : sorted;
}
