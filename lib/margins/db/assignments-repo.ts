/**
 * Plan assignments: the project's default plan and per-customer plans, each from a date. The
 * whole list is replaced at once (PUT), in one transaction, after every plan id was checked:
 * the engine treats an unknown plan id as a wiring bug, so none may ever be stored.
 */
import type { Database } from "@/lib/db/client";
import { parseAssignments, type PlanAssignment } from "../assignments";
import { invalidFields } from "@/lib/errors";

export async function listAssignments(db: Pick<Database, "pool">, projectId: string): Promise<PlanAssignment[]> {
  const { rows } = await db.pool.query<PlanAssignment>(
    `SELECT customer, plan_id AS "planId", to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom" FROM plan_assignments WHERE project_id = $1`,
    [projectId],
  );
  return rows.sort(
    (a, b) =>
      (a.customer === null ? 0 : 1) - (b.customer === null ? 0 : 1) ||
      (a.customer ?? "").localeCompare(b.customer ?? "") ||
      a.effectiveFrom.localeCompare(b.effectiveFrom),
  );
}

export async function replaceAssignments(
  db: Database,
  projectId: string,
  userId: string | null,
  inputs: unknown,
): Promise<PlanAssignment[]> {
  if (!Array.isArray(inputs)) throw invalidFields([{ path: "assignments", message: "must be a list" }]);
  if (inputs.length > 10_000) throw invalidFields([{ path: "assignments", message: "at most 10000 assignments" }]);
  const parsed = parseAssignments(inputs);
  if (!parsed.ok) throw invalidFields(parsed.errors.map((error) => ({ ...error, path: `assignments${error.path}` })));
  const plans = await db.prisma.pricingPlan.findMany({ where: { projectId }, select: { id: true, archivedAt: true } });
  const known = new Map(plans.map((plan) => [plan.id, plan.archivedAt]));
  const errors = parsed.value.flatMap((assignment, index) =>
    assignment.planId !== null && !known.has(assignment.planId)
      ? [{ path: `assignments[${index}].planId`, message: `no plan with id ${JSON.stringify(assignment.planId)}` }]
      : [],
  );
  if (errors.length) throw invalidFields(errors);
  await db.prisma.$transaction(async (tx) => {
    await tx.planAssignment.deleteMany({ where: { projectId } });
    if (parsed.value.length === 0) return;
    await tx.planAssignment.createMany({
      data: parsed.value.map((assignment) => ({
        projectId,
        customer: assignment.customer,
        planId: assignment.planId,
        effectiveFrom: new Date(`${assignment.effectiveFrom}T00:00:00Z`),
        createdBy: userId,
      })),
    });
  });
  return listAssignments(db, projectId);
}
