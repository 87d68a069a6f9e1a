/**
 * Closed months, read side: a closed month's revenue per customer was frozen when it was closed
 * (lib/margins/db/close-month.ts). The loader hands it to the engine as imported revenue, so no
 * later plan edit, assignment or late event changes it; a customer with no frozen row in a closed
 * month (one that first appeared later) gets $0 for it.
 */
import type { Database } from "@/lib/db/client";
import { usdToFemto } from "@/lib/money";
import { monthsOf, type Period } from "@/lib/calendar/months";
import type { ImportedRevenue } from "../types";

export interface ClosedMonth {
  month: string;
  source: "manual" | "imported";
  closedAt: string;
}

export async function listClosedMonths(db: Pick<Database, "pool">, projectId: string): Promise<ClosedMonth[]> {
  const { rows } = await db.pool.query<{ month: string; source: ClosedMonth["source"]; closed_at: Date }>(
    "SELECT to_char(month, 'YYYY-MM') AS month, source, closed_at FROM closed_months WHERE project_id = $1 ORDER BY month",
    [projectId],
  );
  return rows.map((row) => ({ month: row.month, source: row.source, closedAt: new Date(row.closed_at).toISOString() }));
}

/** Frozen revenue of the closed months a period touches, and $0 for every other known customer there. */
export async function loadClosedRevenue(
  db: Pick<Database, "pool">,
  projectId: string,
  period: Period,
  customers: readonly string[],
): Promise<ImportedRevenue[]> {
  const months = monthsOf(period);
  const { rows } = await db.pool.query<{ month: string; customer: string | null; revenue: string | null }>(
    `SELECT to_char(m.month, 'YYYY-MM') AS month, r.customer, r.revenue::text AS revenue
       FROM closed_months m LEFT JOIN closed_revenue r ON r.project_id = m.project_id AND r.month = m.month
      WHERE m.project_id = $1 AND m.month BETWEEN ($2 || '-01')::date AND ($3 || '-01')::date
      ORDER BY m.month, r.customer`,
    [projectId, months[0], months[months.length - 1]],
  );
  const result: ImportedRevenue[] = [];
  for (const month of new Set(rows.map((row) => row.month))) {
    const frozen = new Map(
      rows
        .filter((row) => row.month === month && row.customer !== null)
        .map((row) => [row.customer!, usdToFemto(row.revenue!)]),
    );
    for (const [customer, revenue] of frozen) result.push({ customer, month, revenue });
    for (const customer of customers) if (!frozen.has(customer)) result.push({ customer, month, revenue: 0n });
  }
  return result;
}
