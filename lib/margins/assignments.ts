/**
 * Which plan a customer is on, day by day. A project has a default plan from a date; a customer
 * can be moved to another plan from a date, and moved back to the default with `planId: null`.
 * A customer override in effect always beats the default, even a default set later.
 */
import { z } from "zod";
import { addDays, type Day } from "@/lib/calendar/days";
import { isDay, type Period } from "@/lib/calendar/months";
import { fieldErrors, type FieldError, type ParseResult } from "./plans";

export const planAssignmentSchema = z.strictObject({
  /** null: the project default, for every customer without an override in effect. */
  customer: z
    .string({ error: "customer must be a string or null" })
    .trim()
    .min(1, { error: "customer must not be empty" })
    .nullable(),
  /** null on a customer: back to the project default; null on the default: no plan. */
  planId: z
    .string({ error: "planId must be a string or null" })
    .min(1, { error: "planId must not be empty" })
    .nullable(),
  effectiveFrom: z
    .string({ error: "effectiveFrom must be a string" })
    .refine(isDay, { error: "effectiveFrom must be a date written YYYY-MM-DD" }),
});
export type PlanAssignment = z.output<typeof planAssignmentSchema>;

/** A run of days with one plan (or none: `planId` null). */
export interface PlanSpan {
  planId: string | null;
  from: Day;
  to: Day;
}

export function parseAssignments(inputs: readonly unknown[]): ParseResult<PlanAssignment[]> {
  const errors: FieldError[] = [];
  const assignments: PlanAssignment[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const parsed = planAssignmentSchema.safeParse(input);
    if (!parsed.success) {
      for (const error of fieldErrors(parsed.error))
        errors.push({ path: `[${index}]${error.path ? `.${error.path}` : ""}`, message: error.message });
      return;
    }
    const key = `${parsed.data.customer ?? ""}\u0000${parsed.data.effectiveFrom}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        path: `[${index}].effectiveFrom`,
        message: `[${first}] already assigns a plan to the same ${parsed.data.customer === null ? "project default" : "customer"} from ${parsed.data.effectiveFrom}`,
      });
    }
    seen.set(key, index);
    assignments.push(parsed.data);
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: assignments };
}

/** The plan of `customer` on `day`, or null when none applies. */
export function planOn(assignments: readonly PlanAssignment[], customer: string, day: Day): string | null {
  const override = latestBefore(assignments, customer, day);
  if (override?.planId) return override.planId;
  return latestBefore(assignments, null, day)?.planId ?? null;
}

/** The customer's plans over a period as contiguous spans, adjacent days with the same plan merged. */
export function planSpans(assignments: readonly PlanAssignment[], customer: string, period: Period): PlanSpan[] {
  const starts = new Set<Day>([period.from]);
  for (const assignment of assignments) {
    const relevant = assignment.customer === null || assignment.customer === customer;
    if (relevant && assignment.effectiveFrom > period.from && assignment.effectiveFrom <= period.to)
      starts.add(assignment.effectiveFrom);
  }
  const ordered = [...starts].sort();
  const spans: PlanSpan[] = [];
  ordered.forEach((from, index) => {
    const next = ordered[index + 1];
    const to = next === undefined ? period.to : addDays(next, -1);
    const planId = planOn(assignments, customer, from);
    const last = spans[spans.length - 1];
    if (last && last.planId === planId) last.to = to;
    else spans.push({ planId, from, to });
  });
  return spans;
}

/** Customers that have an override of their own in effect at some point of the period. */
export function customersWithOverrides(assignments: readonly PlanAssignment[], period: Period): string[] {
  const customers = new Set<string>();
  for (const assignment of assignments) {
    if (assignment.customer === null || assignment.planId === null || assignment.effectiveFrom > period.to) continue;
    if (planSpans(assignments, assignment.customer, period).some((span) => span.planId === assignment.planId))
      customers.add(assignment.customer);
  }
  return [...customers].sort();
}

function latestBefore(
  assignments: readonly PlanAssignment[],
  customer: string | null,
  day: Day,
): PlanAssignment | undefined {
  let latest: PlanAssignment | undefined;
  for (const assignment of assignments) {
    if (assignment.customer !== customer || assignment.effectiveFrom > day) continue;
    if (!latest || assignment.effectiveFrom > latest.effectiveFrom) latest = assignment;
  }
  return latest;
}
