/** Budgets: create, read, change and delete, each change audited in the same transaction. */
import { isUuid } from "@/lib/db/ids";
import type { ClientBase, Pool } from "pg";
import { femtoToUsd, trimToCents } from "@/lib/money";
import { writeAudit } from "@/lib/audit/trail";
import { invalidFields, issuesOf, notFound } from "@/lib/errors";
import { inTransaction } from "@/lib/db/transaction";
import { budgetInputSchema, type BudgetInput } from "../schema";
import { SCOPE_DIMS, type BudgetScope } from "../types";
import type { Budget } from "../contracts";

interface Actor {
  orgId: string;
  projectId: string;
  actorId: string | null;
}

const COLUMNS = `id, project_id, name, period, custom_from::text, custom_to::text, amount::text, feature, customer, model, provider,
  actual_thresholds, forecast_thresholds, cost_basis, muted, created_by, created_at, updated_at`;

interface BudgetRow {
  id: string;
  project_id: string;
  name: string;
  period: Budget["period"];
  custom_from: string | null;
  custom_to: string | null;
  amount: string;
  feature: string | null;
  customer: string | null;
  model: string | null;
  provider: string | null;
  actual_thresholds: number[];
  forecast_thresholds: number[];
  cost_basis: Budget["cost_basis"];
  muted: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

function toBudget(row: BudgetRow): Budget {
  const scope: BudgetScope = {};
  for (const dim of SCOPE_DIMS) if (row[dim] !== null) scope[dim] = row[dim]!;
  return {
    id: row.id,
    project_id: row.project_id,
    name: row.name,
    period: row.period,
    from: row.custom_from,
    to: row.custom_to,
    amount: trimToCents(row.amount),
    scope,
    actual_thresholds: row.actual_thresholds,
    forecast_thresholds: row.forecast_thresholds,
    cost_basis: row.cost_basis,
    muted: row.muted,
    created_by: row.created_by,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** The budget as the API writes it, so an update can merge a few fields onto it. */
function budgetToInput(budget: Budget): Record<string, unknown> {
  return {
    name: budget.name,
    period: budget.period,
    from: budget.from,
    to: budget.to,
    amount: budget.amount,
    scope: budget.scope,
    actual_thresholds: budget.actual_thresholds,
    forecast_thresholds: budget.forecast_thresholds,
    cost_basis: budget.cost_basis,
    muted: budget.muted,
  };
}

function parseBudgetInput(value: unknown): BudgetInput {
  const parsed = budgetInputSchema.safeParse(value);
  if (!parsed.success) throw invalidFields(issuesOf(parsed.error.issues));
  return parsed.data;
}

function values(input: BudgetInput): unknown[] {
  return [
    input.name,
    input.period,
    input.from ?? null,
    input.to ?? null,
    femtoToUsd(input.amount),
    input.scope.feature ?? null,
    input.scope.customer ?? null,
    input.scope.model ?? null,
    input.scope.provider ?? null,
    input.actual_thresholds,
    input.forecast_thresholds,
    input.cost_basis,
    input.muted,
  ];
}

export async function listBudgets(pool: Pool, projectId: string): Promise<Budget[]> {
  const { rows } = await pool.query<BudgetRow>(
    `SELECT ${COLUMNS} FROM budgets WHERE project_id = $1 ORDER BY created_at, id`,
    [projectId],
  );
  return rows.map(toBudget);
}

/** The project's budgets and its organisation's timezone in one round trip (the check's first read). */
export async function listBudgetsWithTimezone(
  pool: Pool,
  projectId: string,
): Promise<{ budgets: Budget[]; timezone: string }> {
  const { rows } = await pool.query<BudgetRow & { timezone: string }>(
    `SELECT ${COLUMNS}, (SELECT o.timezone FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1) AS timezone
       FROM budgets WHERE project_id = $1 ORDER BY created_at, id`,
    [projectId],
  );
  return { budgets: rows.map(toBudget), timezone: rows[0]?.timezone ?? "UTC" };
}

export async function getBudget(pool: Pool | ClientBase, projectId: string, id: string): Promise<Budget> {
  if (!isUuid(id)) throw notFound("No such budget");
  const { rows } = await pool.query<BudgetRow>(`SELECT ${COLUMNS} FROM budgets WHERE project_id = $1 AND id = $2`, [
    projectId,
    id,
  ]);
  if (!rows[0]) throw notFound("No such budget");
  return toBudget(rows[0]);
}

export async function createBudget(pool: Pool, actor: Actor, body: unknown): Promise<Budget> {
  const input = parseBudgetInput(body);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<BudgetRow>(
      `INSERT INTO budgets (project_id, created_by, name, period, custom_from, custom_to, amount, feature, customer, model, provider,
                            actual_thresholds, forecast_thresholds, cost_basis, muted)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${COLUMNS}`,
      [actor.projectId, actor.actorId, ...values(input)],
    );
    const budget = toBudget(rows[0]!);
    await writeAudit(client, {
      ...actor,
      entity: "budget",
      entityId: budget.id,
      action: "create",
      before: null,
      after: budget,
    });
    return budget;
  });
}

/** Merges the given fields onto the budget and checks the result whole (a custom period keeps its days). */
export async function updateBudget(
  pool: Pool,
  actor: Actor,
  id: string,
  patch: Record<string, unknown>,
): Promise<Budget> {
  const before = await getBudget(pool, actor.projectId, id);
  const input = parseBudgetInput({ ...budgetToInput(before), ...patch });
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<BudgetRow>(
      `UPDATE budgets SET name = $3, period = $4, custom_from = $5, custom_to = $6, amount = $7, feature = $8, customer = $9, model = $10,
              provider = $11, actual_thresholds = $12, forecast_thresholds = $13, cost_basis = $14, muted = $15, updated_at = now()
        WHERE project_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [actor.projectId, id, ...values(input)],
    );
    if (!rows[0]) throw notFound("No such budget");
    const after = toBudget(rows[0]);
    await writeAudit(client, { ...actor, entity: "budget", entityId: id, action: "update", before, after });
    return after;
  });
}

export async function deleteBudget(pool: Pool, actor: Actor, id: string): Promise<Budget> {
  const before = await getBudget(pool, actor.projectId, id);
  return inTransaction(pool, async (client) => {
    await client.query("DELETE FROM budgets WHERE project_id = $1 AND id = $2", [actor.projectId, id]);
    await writeAudit(client, { ...actor, entity: "budget", entityId: id, action: "delete", before, after: null });
    return before;
  });
}
