/**
 * The digest's margin: the week's and the week before's, on fully loaded cost (the margins
 * page's default), with usage cost and fully loaded cost side by side. Only for projects that
 * price their customers (a plan or imported revenue); others get no margin line.
 */
import type { Pool } from "pg";
import { loadPeriod } from "@/lib/margins/server";
import { computeMargins } from "@/lib/margins/engine";
import type { Day } from "@/lib/calendar/days";
import type { DigestData } from "../types";

export async function weeklyMargin(
  pool: Pool,
  projectId: string,
  thisWeek: { from: Day; to: Day },
  lastWeek: { from: Day; to: Day },
): Promise<DigestData["margin"]> {
  const { rows } = await pool.query<{ priced: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pricing_plans WHERE project_id = $1) OR EXISTS (SELECT 1 FROM revenue_imports WHERE project_id = $1) AS priced",
    [projectId],
  );
  if (!rows[0]?.priced) return undefined;
  const [current, previous] = await Promise.all(
    [thisWeek, lastWeek].map(
      async (period) => computeMargins((await loadPeriod({ pool }, projectId, period)).input).totals,
    ),
  );
  return {
    thisWeek: current!.margin,
    lastWeek: previous!.margin,
    revenueThisWeek: current!.revenue,
    revenueLastWeek: previous!.revenue,
    costThisWeek: { usage: current!.cost, loaded: current!.loadedCost },
  };
}
