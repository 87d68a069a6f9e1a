/** Pricing plans of a project, stored as the plan JSON (`PlanInput`) that lib/margins parses. */
import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parsePlan, type Plan, type PlanInput } from "../plans";
import { inputError, MarginsConflict, MarginsInputError, MarginsNotFound } from "./errors";

export const PLAN_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

export interface StoredPlan {
  id: string;
  name: string;
  type: Plan["type"];
  definition: PlanInput;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export async function listPlans(db: Database, projectId: string, options: { includeArchived?: boolean } = {}): Promise<StoredPlan[]> {
  const rows = await db.prisma.pricingPlan.findMany({
    where: { projectId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toStored);
}

export async function getPlan(db: Database, projectId: string, id: string): Promise<StoredPlan> {
  const row = await db.prisma.pricingPlan.findUnique({ where: { projectId_id: { projectId, id } } });
  if (!row) throw new MarginsNotFound(`No plan with id ${JSON.stringify(id)}`);
  return toStored(row);
}

/** Every plan of the project, archived ones included (history may still reference them), parsed. */
export async function loadPlans(db: Pick<Database, "pool">, projectId: string): Promise<Plan[]> {
  // Plain SQL, not the ORM: the digest and other pool-only readers load plans too.
  const { rows } = await db.pool.query<{ id: string; definition: unknown }>("SELECT id, definition FROM pricing_plans WHERE project_id = $1 ORDER BY id", [projectId]);
  return rows.map((row) => {
    const parsed = parsePlan(row.definition);
    // Stored plans were validated on write; a row that no longer parses is a bug, not input.
    if (!parsed.ok) throw new Error(`stored plan ${row.id} no longer parses: ${JSON.stringify(parsed.errors)}`);
    return parsed.value;
  });
}

export async function createPlan(db: Database, projectId: string, userId: string | null, input: unknown): Promise<StoredPlan> {
  const { plan, definition } = validate(input);
  const existing = await db.prisma.pricingPlan.findUnique({ where: { projectId_id: { projectId, id: plan.id } } });
  if (existing) throw new MarginsConflict(`A plan with id ${JSON.stringify(plan.id)} already exists`);
  const row = await db.prisma.pricingPlan.create({
    data: { projectId, id: plan.id, name: plan.name, type: plan.type, definition: definition as Prisma.InputJsonValue, createdBy: userId },
  });
  return toStored(row);
}

export async function updatePlan(db: Database, projectId: string, id: string, input: unknown): Promise<StoredPlan> {
  const { plan, definition } = validate(input);
  if (plan.id !== id) throw inputError("id", `must stay ${JSON.stringify(id)}; create a new plan to use another id`);
  await getPlan(db, projectId, id);
  const row = await db.prisma.pricingPlan.update({
    where: { projectId_id: { projectId, id } },
    data: { name: plan.name, type: plan.type, definition: definition as Prisma.InputJsonValue, updatedAt: new Date() },
  });
  return toStored(row);
}

/** Archived plans leave the pickers but keep pricing the history that was assigned to them. */
export async function archivePlan(db: Database, projectId: string, id: string): Promise<StoredPlan> {
  await getPlan(db, projectId, id);
  const row = await db.prisma.pricingPlan.update({ where: { projectId_id: { projectId, id } }, data: { archivedAt: new Date() } });
  return toStored(row);
}

function validate(input: unknown): { plan: Plan; definition: PlanInput } {
  const parsed = parsePlan(input);
  if (!parsed.ok) throw new MarginsInputError(parsed.errors);
  if (parsed.value.id === "assignments") throw inputError("id", '"assignments" is reserved; choose another id');
  if (!PLAN_ID.test(parsed.value.id)) {
    throw inputError("id", "must be 1–100 lowercase letters, digits, '-' or '_', starting with a letter or digit, like \"per-resolution\"");
  }
  return { plan: parsed.value, definition: input as PlanInput };
}

function toStored(row: { id: string; name: string; type: string; definition: unknown; createdAt: Date; updatedAt: Date; archivedAt: Date | null }): StoredPlan {
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
