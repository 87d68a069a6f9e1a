/** Pricing plans of a project, stored as the plan JSON (`PlanInput`) that lib/margins parses. */
import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, checkDay } from "@/lib/calendar/days";
import { nextBillingPeriodStart, type PlanVersion } from "../plan-versions";
import { parsePlan, type Plan, type PlanInput } from "../plans";
import { listClosedMonths } from "./closed-revenue";
import { conflict, invalidField, invalidFields, notFound } from "@/lib/errors";

const PLAN_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

export interface StoredPlan {
  id: string;
  name: string;
  type: Plan["type"];
  definition: PlanInput;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export async function listPlans(
  db: Database,
  projectId: string,
  options: { includeArchived?: boolean } = {},
): Promise<StoredPlan[]> {
  const rows = await db.prisma.pricingPlan.findMany({
    where: { projectId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toStored);
}

export async function getPlan(db: Database, projectId: string, id: string): Promise<StoredPlan> {
  const row = await db.prisma.pricingPlan.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!row) throw notFound(`No plan with id ${JSON.stringify(id)}`);
  return toStored(row);
}

/** Every plan of the project, archived ones included (history may still reference them), parsed. */
export async function loadPlans(db: Pick<Database, "pool">, projectId: string): Promise<Plan[]> {
  // Plain SQL, not the ORM: the digest and other pool-only readers load plans too.
  const { rows } = await db.pool.query<{ id: string; definition: unknown }>(
    "SELECT id, definition FROM pricing_plans WHERE project_id = $1 ORDER BY id",
    [projectId],
  );
  return rows.map((row) => {
    const parsed = parsePlan(row.definition);
    // Stored plans were validated on write; a row that no longer parses is a bug, not input.
    if (!parsed.ok) throw new Error(`stored plan ${row.id} no longer parses: ${JSON.stringify(parsed.errors)}`);
    return parsed.value;
  });
}

export async function createPlan(
  db: Database,
  projectId: string,
  userId: string | null,
  input: unknown,
): Promise<StoredPlan> {
  const { plan, definition } = validate(input);
  const existing = await db.prisma.pricingPlan.findUnique({ where: { projectId_id: { projectId, id: plan.id } } });
  if (existing) throw conflict(`A plan with id ${JSON.stringify(plan.id)} already exists`);
  const row = await db.prisma.$transaction(async (tx) => {
    const created = await tx.pricingPlan.create({
      data: {
        projectId,
        id: plan.id,
        name: plan.name,
        type: plan.type,
        definition: definition as Prisma.InputJsonValue,
        createdBy: userId,
      },
    });
    await tx.planVersion.create({
      data: {
        projectId,
        planId: plan.id,
        version: 1,
        effectiveFrom: null,
        name: plan.name,
        definition: definition as Prisma.InputJsonValue,
        createdBy: userId,
      },
    });
    return created;
  });
  return toStored(row);
}

interface PlanEdit {
  /** First day the new version charges; default: the first day of the next billing period (month). */
  effectiveFrom?: string;
  /** Required to start before the next billing period: months already charged change. */
  allowBackdate?: boolean;
  /** Today in the organisation's timezone. */
  today: string;
  userId: string | null;
}

export interface StoredPlanVersion {
  version: number;
  effectiveFrom: string | null;
  name: string;
  definition: PlanInput;
  createdAt: string;
}

/**
 * An edit never rewrites a plan: it adds a version from `effectiveFrom` on. Starting before the
 * next billing period needs `allowBackdate`, and the answer warns which months change (closed
 * months keep their frozen revenue whatever the plan says).
 */
export async function updatePlan(
  db: Database,
  projectId: string,
  id: string,
  input: unknown,
  edit: PlanEdit,
): Promise<StoredPlan & { version: StoredPlanVersion; warnings: string[] }> {
  const { plan, definition } = validate(input);
  if (plan.id !== id) throw invalidField("id", `must stay ${JSON.stringify(id)}; create a new plan to use another id`);
  await getPlan(db, projectId, id);
  const nextPeriod = nextBillingPeriodStart(edit.today);
  const effectiveFrom =
    edit.effectiveFrom === undefined ? nextPeriod : checkedDay("effective_from", edit.effectiveFrom);
  const warnings: string[] = [];
  if (effectiveFrom < nextPeriod) {
    if (!edit.allowBackdate) {
      throw invalidField(
        "effective_from",
        `${effectiveFrom} is before the next billing period (${nextPeriod}): revenue already charged would change; send allow_backdate=true to confirm`,
      );
    }
    const closed = await listClosedMonths(db, projectId);
    const frozen = closed
      .filter((month) => `${month.month}-01` >= `${effectiveFrom.slice(0, 7)}-01`)
      .map((month) => month.month);
    warnings.push(
      `Revenue from ${effectiveFrom} to ${addDays(nextPeriod, -1)} is recomputed under the new version${frozen.length ? `, except in closed months (${frozen.join(", ")}), whose revenue stays as closed` : ""}.`,
    );
  }
  const { row, version } = await db.prisma.$transaction(async (tx) => {
    const latest = await tx.planVersion.findFirst({ where: { projectId, planId: id }, orderBy: { version: "desc" } });
    const version = await tx.planVersion.create({
      data: {
        projectId,
        planId: id,
        version: (latest?.version ?? 0) + 1,
        effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
        name: plan.name,
        definition: definition as Prisma.InputJsonValue,
        createdBy: edit.userId,
      },
    });
    const row = await tx.pricingPlan.update({
      where: { projectId_id: { projectId, id } },
      data: {
        name: plan.name,
        type: plan.type,
        definition: definition as Prisma.InputJsonValue,
        updatedAt: new Date(),
      },
    });
    return { row, version };
  });
  return { ...toStored(row), version: versionJson(version), warnings };
}

export async function listPlanVersions(db: Database, projectId: string, id: string): Promise<StoredPlanVersion[]> {
  await getPlan(db, projectId, id);
  const rows = await db.prisma.planVersion.findMany({ where: { projectId, planId: id }, orderBy: { version: "asc" } });
  return rows.map(versionJson);
}

/** Every version of every plan, parsed, for the engine. */
export async function loadPlanVersions(db: Pick<Database, "pool">, projectId: string): Promise<PlanVersion[]> {
  const { rows } = await db.pool.query<{
    plan_id: string;
    version: number;
    effective_from: string | null;
    definition: unknown;
  }>(
    `SELECT plan_id, version, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, definition FROM plan_versions WHERE project_id = $1 ORDER BY plan_id, version`,
    [projectId],
  );
  return rows.map((row) => {
    const parsed = parsePlan(row.definition);
    if (!parsed.ok)
      throw new Error(
        `stored plan ${row.plan_id} version ${row.version} no longer parses: ${JSON.stringify(parsed.errors)}`,
      );
    return { planId: row.plan_id, version: row.version, effectiveFrom: row.effective_from, plan: parsed.value };
  });
}

function versionJson(row: {
  version: number;
  effectiveFrom: Date | null;
  name: string;
  definition: unknown;
  createdAt: Date;
}): StoredPlanVersion {
  return {
    version: row.version,
    effectiveFrom: row.effectiveFrom?.toISOString().slice(0, 10) ?? null,
    name: row.name,
    definition: row.definition as PlanInput,
    createdAt: row.createdAt.toISOString(),
  };
}

function checkedDay(field: string, text: string): string {
  const check = checkDay(text);
  if (!check.ok) throw invalidField(field, check.reason);
  return check.day;
}

/** Archived plans leave the pickers but keep pricing the history that was assigned to them. */
export async function archivePlan(db: Database, projectId: string, id: string): Promise<StoredPlan> {
  await getPlan(db, projectId, id);
  const row = await db.prisma.pricingPlan.update({
    where: { projectId_id: { projectId, id } },
    data: { archivedAt: new Date() },
  });
  return toStored(row);
}

function validate(input: unknown): { plan: Plan; definition: PlanInput } {
  const parsed = parsePlan(input);
  if (!parsed.ok) throw invalidFields(parsed.errors);
  if (parsed.value.id === "assignments") throw invalidField("id", '"assignments" is reserved; choose another id');
  if (!PLAN_ID.test(parsed.value.id)) {
    throw invalidField(
      "id",
      "must be 1–100 lowercase letters, digits, '-' or '_', starting with a letter or digit, like \"per-resolution\"",
    );
  }
  return { plan: parsed.value, definition: input as PlanInput };
}

function toStored(row: {
  id: string;
  name: string;
  type: string;
  definition: unknown;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}): StoredPlan {
  return {
    id: row.id,
    name: row.name,
    type: row.type as Plan["type"],
    definition: row.definition as PlanInput,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}
