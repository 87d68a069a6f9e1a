/**
 * The CSV of a features / customers / models table as it stands on screen: every row (not only
 * the first ones shown), in the screen's order, with the API's cost columns (the same as
 * `GET /costs?format=csv`) and, on the customers list, revenue and margin beside them.
 */
import type { CostRow, CostsResponse } from "@/lib/analytics/contracts";
import { costsCsv, type CsvTable } from "@/lib/analytics/csv-tables";
import type { CustomerMargin } from "@/lib/margins/wire/customer-margins";
import { femtoToUsd } from "@/lib/money";
import { billingTotals } from "./cost-columns";

export function dimensionTableCsv(
  data: CostsResponse,
  rows: readonly CostRow[],
  billing?: ReadonlyMap<string, CustomerMargin>,
): CsvTable {
  const table = costsCsv({ ...data, rows: [...rows] });
  if (!billing) return table;
  const totals = billingTotals(rows, billing);
  return {
    header: [...table.header, "revenue_usd", "margin_usd", "margin_pct"],
    rows: table.rows.map((line, index) => {
      // costsCsv's last line is the total row.
      if (index === rows.length)
        return [...line, femtoToUsd(totals.revenue), femtoToUsd(totals.margin), totals.marginPct];
      const figures = billing.get(rows[index]!.key);
      return [...line, figures?.revenue, figures?.margin, figures?.margin_pct];
    }),
  };
}
