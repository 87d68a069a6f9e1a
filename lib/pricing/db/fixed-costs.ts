/**
 * What a finance lead adds to usage cost for the fully loaded view (lib/pricing/fully-loaded.ts):
 * fixed monthly costs (a platform fee; a committed-use discount as a negative amount) and each GPU
 * pool's idle rule. Both are read by loadFullyLoadedCost.
 */
import type { Pool } from "pg";
import { z } from "zod";
import { usdToFemto, femtoToUsd } from "@/lib/money";
import { ALLOCATION_RULES, type AllocationRule } from "../fully-loaded";
import { isUuid } from "@/lib/db/ids";
import { DomainError } from "@/lib/errors";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH, { error: "a month written YYYY-MM, like 2026-03" });
const rule = z.enum(ALLOCATION_RULES as [AllocationRule, ...AllocationRule[]], {
  error: `one of ${ALLOCATION_RULES.join(", ")}`,
});

export const fixedCostCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1, { error: "must not be empty" }).max(200, { error: "at most 200 characters" }),
    monthly_usd: z.string().regex(/^-?\d{1,12}(\.\d{1,15})?$/, {
      error: "a plain decimal amount of dollars per month, negative for a discount, like 1500.00",
    }),
    rule: rule.default("proportional"),
    from_month: month,
    to_month: month.nullable().optional(),
  })
  .refine((cost) => !cost.to_month || cost.to_month >= cost.from_month, {
    path: ["to_month"],
    message: "must not be before from_month",
  });
type FixedCostCreate = z.infer<typeof fixedCostCreateSchema>;

export const poolRuleSchema = z.strictObject({
  pool: z.string().trim().min(1, { error: "must not be empty" }).max(200, { error: "at most 200 characters" }),
  idle_rule: rule,
});
type PoolRule = z.infer<typeof poolRuleSchema>;

interface FixedCostView {
  id: string;
  name: string;
  monthly_usd: string;
  rule: AllocationRule;
  from_month: string;
  to_month: string | null;
}

const SELECT = `SELECT id::text, name, monthly_amount::text AS monthly_usd, rule, to_char(effective_from, 'YYYY-MM') AS from_month,
                       to_char(effective_to, 'YYYY-MM') AS to_month FROM fixed_costs`;
const view = (row: FixedCostView): FixedCostView => ({ ...row, monthly_usd: femtoToUsd(usdToFemto(row.monthly_usd)) });

export async function listFixedCosts(pool: Pool, projectId: string): Promise<FixedCostView[]> {
  const { rows } = await pool.query<FixedCostView>(
    `${SELECT} WHERE project_id = $1 ORDER BY effective_from, name, id`,
    [projectId],
  );
  return rows.map(view);
}

export async function createFixedCost(
  pool: Pool,
  projectId: string,
  cost: FixedCostCreate,
  userId: string | null,
): Promise<FixedCostView> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO fixed_costs (project_id, name, monthly_amount, rule, effective_from, effective_to, created_by)
     VALUES ($1, $2, $3::numeric, $4, ($5 || '-01')::date, ($6 || '-01')::date, $7) RETURNING id::text`,
    [projectId, cost.name, cost.monthly_usd, cost.rule, cost.from_month, cost.to_month ?? null, userId],
  );
  const { rows: created } = await pool.query<FixedCostView>(`${SELECT} WHERE project_id = $1 AND id = $2`, [
    projectId,
    rows[0]!.id,
  ]);
  return view(created[0]!);
}

export async function deleteFixedCost(pool: Pool, projectId: string, id: string): Promise<void> {
  const { rowCount } = isUuid(id)
    ? await pool.query("DELETE FROM fixed_costs WHERE project_id = $1 AND id = $2", [projectId, id])
    : { rowCount: 0 };
  if (!rowCount) throw new DomainError("not_found", "No such fixed cost in this project");
}

export async function listPoolRules(pool: Pool, projectId: string): Promise<PoolRule[]> {
  const { rows } = await pool.query<PoolRule>(
    "SELECT pool, idle_rule FROM gpu_pool_rules WHERE project_id = $1 ORDER BY pool",
    [projectId],
  );
  return rows;
}

export async function setPoolRule(pool: Pool, projectId: string, rule: PoolRule): Promise<PoolRule> {
  await pool.query(
    `INSERT INTO gpu_pool_rules (project_id, pool, idle_rule) VALUES ($1, $2, $3)
     ON CONFLICT (project_id, pool) DO UPDATE SET idle_rule = EXCLUDED.idle_rule, updated_at = now()`,
    [projectId, rule.pool, rule.idle_rule],
  );
  return rule;
}
