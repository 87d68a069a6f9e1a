import { describe, expect, it } from "vitest";
import { todayIn } from "@/lib/calendar/zone";
import { addDays } from "@/lib/calendar/days";
import { checkBudgets } from "@/lib/budgets/db/check";
import { getBudgetStatus } from "@/lib/budgets/db/status";
import { createBudget, deleteBudget, getBudget, listBudgets, updateBudget } from "@/lib/budgets/db/store";
import { listAudit } from "@/lib/audit/trail";
import { useTestDatabase } from "../support/database";
import { createTenant, dayAt, ingest, usage } from "../analytics/support";

const db = useTestDatabase();
const NOW = new Date();
const today = todayIn("UTC", NOW);
const day = (offset: number) => addDays(today, offset);

/** gpt-4o at $2.50 per million input tokens: 1M input = $2.50. */
async function tenantWithSpend() {
  const tenant = await createTenant(db);
  const events = [];
  for (let offset = -8; offset <= -1; offset++)
    events.push(
      usage({ occurred_at: dayAt(day(offset), 10), customer: "acme", feature: "bot", tokens: { input: 1_000_000 } }),
    );
  events.push(
    usage({ occurred_at: NOW.toISOString(), customer: "acme", feature: "bot", tokens: { input: 2_000_000 } }),
  );
  events.push(
    usage({ occurred_at: dayAt(day(-1), 11), customer: "globex", feature: "bot", tokens: { input: 1_000_000 } }),
  );
  await ingest(db, tenant.projectId, events);
  const actor = { orgId: tenant.orgId, projectId: tenant.projectId, actorId: null };
  return { tenant, actor };
}

const custom = { period: "custom", from: day(-5), to: day(4) };

describe(`budget status and check on rollups (${db.backend ?? "pglite"})`, () => {
  it("spend to date, forecast, crossed thresholds and breach date of a customer × feature budget", async () => {
    const { actor } = await tenantWithSpend();
    const budget = await createBudget(db.pool, actor, {
      name: "Acme bot",
      ...custom,
      amount: "20",
      scope: { customer: "acme", feature: "bot" },
    });
    const status = await getBudgetStatus(db.pool, budget, "UTC", NOW);
    // 5 complete days in the period at $2.50 + $5 today; globex is outside the slice.
    expect(status.spent).toBe("17.50");
    expect(status.remaining).toBe("2.50");
    expect(status.breached).toBe(false);
    expect(status.crossed).toEqual({ actual: [50, 80], forecast: [100] });
    expect(status.forecast).toMatchObject({
      daily_mean: "2.50",
      amount: "27.50",
      low: "27.50",
      high: "27.50",
      basis_from: day(-7),
      basis_to: day(-1),
    });
    expect(status.projected_breach_date).toBe(day(1));
    expect(status.daily.map((row) => row.spend)).toEqual(["2.50", "2.50", "2.50", "2.50", "2.50", "5.00"]);
  });

  it("the check answers the same spend from the running totals, for the budgets that apply only", async () => {
    const { actor, tenant } = await tenantWithSpend();
    const slice = await createBudget(db.pool, actor, {
      name: "Acme bot",
      ...custom,
      amount: "17.5",
      scope: { customer: "acme", feature: "bot" },
    });
    const whole = await createBudget(db.pool, actor, { name: "Project", ...custom, amount: "1000" });
    const byModel = await createBudget(db.pool, actor, {
      name: "Mini",
      ...custom,
      amount: "1",
      scope: { model: "gpt-4o-mini" },
    });
    const acme = await checkBudgets(
      db.pool,
      tenant.projectId,
      { customer: "acme", feature: "bot", model: "gpt-4o" },
      NOW,
    );
    expect(acme.budgets.map((b) => [b.id, b.spent, b.breached])).toEqual([
      [slice.id, "17.50", true],
      [whole.id, "20.00", false],
    ]);
    expect(acme.allowed).toBe(false);
    expect(acme.budgets[0]!.remaining).toBe("0.00");
    const globex = await checkBudgets(db.pool, tenant.projectId, { customer: "globex", feature: "bot" }, NOW);
    expect(globex).toEqual({ allowed: true, budgets: [expect.objectContaining({ id: whole.id, spent: "20.00" })] });
    expect((await getBudgetStatus(db.pool, whole, "UTC", NOW)).spent).toBe("20.00");
    expect(byModel.scope).toEqual({ model: "gpt-4o-mini" });
  });

  it("fully loaded adds the GPU idle cost: allocated for a slice, every pool-day's for the project", async () => {
    const { actor, tenant } = await tenantWithSpend();
    await db.pool.query(
      `INSERT INTO gpu_idle_allocations (project_id, day, pool, feature, customer, provider, model, gpu_seconds, idle_cost)
       VALUES ($1, $2, 'eu-1', 'bot', 'acme', 'openai', 'gpt-4o', 10, 1.25), ($1, $2, 'eu-1', 'bot', 'globex', 'openai', 'gpt-4o', 10, 0.75)`,
      [tenant.projectId, day(-2)],
    );
    await db.pool.query(
      `INSERT INTO gpu_pool_days (project_id, day, pool, gpu_type, held_gpu_seconds, busy_gpu_seconds, whole_cost, busy_cost, idle_cost, unallocated_idle)
       VALUES ($1, $2, 'eu-1', 'H100', 100, 20, 10, 2, 2, 0), ($1, $3, 'eu-1', 'H100', 100, 0, 10, 0, 10, 10)`,
      [tenant.projectId, day(-2), day(-3)],
    );
    const slice = await createBudget(db.pool, actor, {
      name: "Acme loaded",
      ...custom,
      amount: "100",
      cost_basis: "fully_loaded",
      scope: { customer: "acme", feature: "bot" },
    });
    const whole = await createBudget(db.pool, actor, {
      name: "All loaded",
      ...custom,
      amount: "100",
      cost_basis: "fully_loaded",
    });
    expect((await getBudgetStatus(db.pool, slice, "UTC", NOW)).spent).toBe("18.75");
    expect((await getBudgetStatus(db.pool, whole, "UTC", NOW)).spent).toBe("32.00");
    const checked = await checkBudgets(db.pool, tenant.projectId, { customer: "acme", feature: "bot" }, NOW);
    expect(checked.budgets.map((b) => b.spent)).toEqual(["18.75", "32.00"]);
  });

  it("audits every change with who and when, and keeps tenants apart", async () => {
    const { actor } = await tenantWithSpend();
    const other = await tenantWithSpend();
    const user = await db.prisma.user.create({ data: { email: `finance-${Date.now()}@example.test` } });
    const budget = await createBudget(
      db.pool,
      { ...actor, actorId: user.id },
      { name: "B", period: "month", amount: "10" },
    );
    const changed = await updateBudget(db.pool, { ...actor, actorId: user.id }, budget.id, {
      amount: "12.5",
      muted: true,
    });
    expect(changed).toMatchObject({ amount: "12.50", muted: true, period: "month", name: "B" });
    await expect(updateBudget(db.pool, actor, budget.id, { period: "custom" })).rejects.toThrow(
      /^from: required for a custom period; to: required/,
    );
    await expect(getBudget(db.pool, other.actor.projectId, budget.id)).rejects.toThrow("No such budget");
    await expect(updateBudget(db.pool, other.actor, budget.id, { amount: "1" })).rejects.toThrow("No such budget");
    await expect(deleteBudget(db.pool, other.actor, budget.id)).rejects.toThrow("No such budget");
    expect(await listBudgets(db.pool, other.actor.projectId)).toEqual([]);
    await deleteBudget(db.pool, actor, budget.id);
    const audit = await listAudit(db.pool, actor.orgId, budget.id);
    expect(audit.map((entry) => [entry.action, entry.actor?.email ?? null])).toEqual([
      ["delete", null],
      ["update", user.email],
      ["create", user.email],
    ]);
    expect(audit[1]!.before).toMatchObject({ amount: "10.00" });
    expect(audit[1]!.after).toMatchObject({ amount: "12.50" });
    expect(await listAudit(db.pool, other.actor.orgId, budget.id)).toEqual([]);
  });
});
