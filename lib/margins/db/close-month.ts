/**
 * Closing a month freezes every customer's revenue for it, as computed now (imported billing
 * included): from then on the month's revenue never changes. A finance lead closes a month once
 * it has ended; importing billing for a month closes it too.
 */
import type { Database } from "@/lib/db/client";
import { femtoToUsd } from "@/lib/money";
import { isMonth, lastDayOf } from "@/lib/calendar/months";
import { computeMargins } from "../engine";
import { listClosedMonths } from "./closed-revenue";
import { conflict, invalidField } from "@/lib/errors";
import { loadPeriod } from "./load-period";

export async function closeMonth(
  db: Pick<Database, "pool">,
  projectId: string,
  month: string,
  options: { source: "manual" | "imported"; userId: string | null; today: string },
): Promise<{ month: string; customers: number; revenue: string }> {
  if (!isMonth(month)) throw invalidField("month", `${JSON.stringify(month)} is not a month written YYYY-MM`);
  if (options.source === "manual" && lastDayOf(month) >= options.today)
    throw invalidField("month", `${month} has not ended yet; a month can be closed from its last day + 1`);
  const { input } = await loadPeriod(
    db,
    projectId,
    { from: `${month}-01`, to: lastDayOf(month) },
    { costBasis: "usage" },
  );
  const customers = computeMargins(input).customers;
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    const inserted = await client.query(
      "INSERT INTO closed_months (project_id, month, source, closed_by) VALUES ($1, ($2 || '-01')::date, $3, $4) ON CONFLICT DO NOTHING",
      [projectId, month, options.source, options.userId],
    );
    if (inserted.rowCount === 0) {
      await client.query("ROLLBACK");
      throw conflict(`${month} is already closed`);
    }
    await client.query(
      `INSERT INTO closed_revenue (project_id, month, customer, revenue)
       SELECT $1, ($2 || '-01')::date, r.customer, r.revenue FROM unnest($3::text[], $4::numeric[]) AS r(customer, revenue)`,
      [projectId, month, customers.map((c) => c.customer), customers.map((c) => femtoToUsd(c.revenue))],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return { month, customers: customers.length, revenue: femtoToUsd(customers.reduce((sum, c) => sum + c.revenue, 0n)) };
}

/** Importing billing for a month closes it (months already closed are left as they are). */
export async function closeImportedMonths(
  db: Pick<Database, "pool">,
  projectId: string,
  months: readonly string[],
  userId: string | null,
): Promise<string[]> {
  const closed = new Set((await listClosedMonths(db, projectId)).map((row) => row.month));
  const toClose = months.filter((month) => !closed.has(month));
  for (const month of toClose) await closeMonth(db, projectId, month, { source: "imported", userId, today: "" });
  return toClose;
}
