/** Saved simulator scenarios, stored as the scenario JSON that lib/margins parses. */
import { isUuid } from "@/lib/db/ids";
import type { Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseScenario, type Scenario, type ScenarioInput } from "../scenario";
import { isPlanChange } from "../scenario-apply";
import { invalidFields, notFound } from "@/lib/errors";

export interface StoredScenario {
  id: string;
  name: string;
  definition: ScenarioInput;
  createdAt: string;
  updatedAt: string;
}

export async function listScenarios(db: Database, projectId: string): Promise<StoredScenario[]> {
  const rows = await db.prisma.scenario.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toStored);
}

export async function getScenario(db: Database, projectId: string, id: string): Promise<StoredScenario> {
  const row = isUuid(id) ? await db.prisma.scenario.findUnique({ where: { projectId_id: { projectId, id } } }) : null;
  if (!row) throw notFound(`No scenario with id ${JSON.stringify(id)}`);
  return toStored(row);
}

export async function createScenario(
  db: Database,
  projectId: string,
  userId: string | null,
  input: unknown,
): Promise<StoredScenario> {
  const scenario = await validate(db, projectId, input);
  const row = await db.prisma.scenario.create({
    data: { projectId, name: scenario.name, definition: input as Prisma.InputJsonValue, createdBy: userId },
  });
  return toStored(row);
}

export async function updateScenario(
  db: Database,
  projectId: string,
  id: string,
  input: unknown,
): Promise<StoredScenario> {
  await getScenario(db, projectId, id);
  const scenario = await validate(db, projectId, input);
  const row = await db.prisma.scenario.update({
    where: { projectId_id: { projectId, id } },
    data: { name: scenario.name, definition: input as Prisma.InputJsonValue, updatedAt: new Date() },
  });
  return toStored(row);
}

export async function deleteScenario(db: Database, projectId: string, id: string): Promise<void> {
  await getScenario(db, projectId, id);
  await db.prisma.scenario.delete({ where: { projectId_id: { projectId, id } } });
}

/** Parses a scenario and checks that every plan it edits exists, naming the field at fault. */
async function validate(db: Database, projectId: string, input: unknown): Promise<Scenario> {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw invalidFields(parsed.errors);
  const plans = new Set(
    (await db.prisma.pricingPlan.findMany({ where: { projectId }, select: { id: true } })).map((plan) => plan.id),
  );
  const errors = parsed.value.changes.flatMap((change, index) => {
    if (!isPlanChange(change)) return [];
    const [id, field] = change.kind === "replace_plan" ? [change.plan.id, "plan.id"] : [change.planId, "planId"];
    return plans.has(id)
      ? []
      : [{ path: `changes[${index}].${field}`, message: `no plan with id ${JSON.stringify(id)}` }];
  });
  if (errors.length) throw invalidFields(errors);
  return parsed.value;
}

function toStored(row: {
  id: string;
  name: string;
  definition: unknown;
  createdAt: Date;
  updatedAt: Date;
}): StoredScenario {
  return {
    id: row.id,
    name: row.name,
    definition: row.definition as ScenarioInput,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
