/**
 * How finely the engine needs a period's usage: per segment (a run of days in one month between
 * effective dates: the read model, lib/margins/db/usage-segments.ts) except for customers on a
 * plan with an allowance, which is used up day by day and so needs daily rows. When every
 * customer would need them (the default plan or a compared plan has an allowance), the answer is
 * "days" for all.
 */
import { planSpans, type PlanAssignment } from "./assignments";
import type { Day } from "@/lib/calendar/days";
import type { Period } from "@/lib/calendar/months";
import { planSegments } from "./engine";
import type { Plan, UsagePricing } from "./plans";
import { versionSegments, type PlanVersion } from "./plan-versions";
import type { PlanSegment } from "./revenue";

export interface SegmentGrain {
  /** Days on which a plan takes effect for every customer outside `groups`. */
  cuts: Day[];
  /** Customers with assignments of their own, grouped by the days their plans change on. */
  groups: { customers: string[]; cuts: Day[] }[];
  /** Customers on a plan with an allowance in the period: one row per day. */
  dailyCustomers: string[];
  /**
   * Whether any plan or version charges tokens or counts an allowance in tokens: else rows need
   * no token counts, and no model either (only a token rate depends on one): they are summed
   * per feature.
   */
  tokens: boolean;
}

type UsageGrain = "days" | SegmentGrain;

interface GrainInput {
  period: Period;
  plans: readonly Plan[];
  planVersions: readonly PlanVersion[];
  assignments: readonly PlanAssignment[];
  comparePlanIds?: readonly string[];
}

const usedDayByDay = (segments: readonly PlanSegment[]) =>
  segments.some((segment) => segment.plan?.type === "subscription");

export function usageGrain(input: GrainInput): UsageGrain {
  const plans = new Map(input.plans.map((plan) => [plan.id, plan]));
  const known = (id: string | null) => id === null || plans.has(id);
  // Unknown plans: the engine refuses them with its own error, from any input.
  if (!input.assignments.every((a) => known(a.planId)) || !(input.comparePlanIds ?? []).every(known)) return "days";
  const segmentsOf = (customer: string) =>
    planSegments(planSpans(input.assignments, customer, input.period), plans, input.planVersions);
  // No assignment names the empty customer (they are refused), so its plans are the default's.
  if (usedDayByDay(segmentsOf(""))) return "days";
  for (const id of input.comparePlanIds ?? []) {
    if (usedDayByDay(versionSegments(id, input.period, plans.get(id)!, input.planVersions))) return "days";
  }
  const overridden = [...new Set(input.assignments.flatMap((a) => (a.customer === null ? [] : [a.customer])))].sort();
  const versionDays = input.planVersions.flatMap((v) => (v.effectiveFrom === null ? [] : [v.effectiveFrom]));
  const cutsOf = (customer: string | null) =>
    [
      ...new Set([
        ...versionDays,
        ...input.assignments.filter((a) => a.customer === null || a.customer === customer).map((a) => a.effectiveFrom),
      ]),
    ].sort();
  const cuts = cutsOf(null);
  const groups = new Map<string, { customers: string[]; cuts: Day[] }>();
  const dailyCustomers: string[] = [];
  for (const customer of overridden) {
    if (usedDayByDay(segmentsOf(customer))) {
      dailyCustomers.push(customer);
      continue;
    }
    const own = cutsOf(customer);
    const key = own.join(",");
    if (key === cuts.join(",")) continue;
    const group = groups.get(key) ?? { customers: [], cuts: own };
    group.customers.push(customer);
    groups.set(key, group);
  }
  const tokens = [...input.plans, ...input.planVersions.map((version) => version.plan)].some(countsTokens);
  return { cuts, groups: [...groups.values()], dailyCustomers, tokens };
}

/** Whether a plan's charge can depend on token counts (else on requests and cost alone). */
function countsTokens(plan: Plan): boolean {
  const byTokens = (pricing: UsagePricing | undefined) => pricing?.basis === "tokens";
  switch (plan.type) {
    case "usage":
      return byTokens(plan.pricing);
    case "outcome":
      return false;
    case "subscription":
      return plan.allowance.unit === "tokens" || byTokens(plan.overage);
    case "hybrid":
      return byTokens(plan.usage);
  }
}
