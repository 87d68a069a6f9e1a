/**
 * Wire contract of plans, plan versions and assignments (`/plans*`): snake_case JSON, money as
 * dollar strings. A plan is sent and answered in the same snake_case shape; the domain stores
 * and parses its camelCase JSON (`PlanInput`), converted here at the edge.
 */
import { z } from "zod";
import type { PlanAssignment } from "@/lib/margins/assignments";
import type { StoredPlan, StoredPlanVersion } from "@/lib/margins/db/plans-repo";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { wireDay, wireTimestamp } from "@/lib/api/wire";
import { snakeKeys } from "./casing";

const usagePricing = z.discriminatedUnion("basis", [
  z.object({
    basis: z.literal("tokens"),
    rates: z.array(
      z.object({
        model: z.string().optional(),
        token_class: z.enum(TOKEN_CLASSES).optional(),
        price_per_million: z.string(),
      }),
    ),
  }),
  z.object({ basis: z.literal("markup"), markup_percent: z.string() }),
  z.object({ basis: z.literal("requests"), price_per_request: z.string() }),
]);
const outcomePrices = z.array(z.object({ outcome_type: z.string(), price: z.string() }));
const common = {
  id: z.string().describe('The plan\'s id: 1–100 lowercase letters, digits, "-" or "_" ("per-resolution")'),
  name: z.string(),
  description: z.string().optional(),
};

/** A plan as the API writes it (and as a client sends it): amounts are dollar strings. */
export const planDefinitionWire = z.discriminatedUnion("type", [
  z.object({ ...common, type: z.literal("usage"), pricing: usagePricing }),
  z.object({ ...common, type: z.literal("outcome"), outcome_prices: outcomePrices }),
  z.object({
    ...common,
    type: z.literal("subscription"),
    monthly_fee: z.string(),
    // A count (tokens, requests) is a number; a cost allowance is a dollar string.
    allowance: z.object({ unit: z.enum(["tokens", "requests", "cost"]), amount: z.union([z.number(), z.string()]) }),
    overage: usagePricing.optional(),
  }),
  z.object({
    ...common,
    type: z.literal("hybrid"),
    monthly_fee: z.string(),
    outcome_prices: outcomePrices,
    usage: usagePricing.optional(),
  }),
]);
export type PlanDefinitionWire = z.infer<typeof planDefinitionWire>;

const storedPlanWire = z.object({
  id: z.string().describe("The plan's id, chosen when it was created"),
  name: z.string(),
  type: z.enum(["usage", "outcome", "subscription", "hybrid"]),
  definition: planDefinitionWire.describe("The plan as sent: its type decides which pricing fields it has"),
  created_at: wireTimestamp,
  updated_at: wireTimestamp,
  archived_at: wireTimestamp.nullable().describe("When it was archived; null while it is active"),
});
type StoredPlanWire = z.infer<typeof storedPlanWire>;

const planVersionWire = z.object({
  version: z.number().describe("1 for the plan as created, then one more per edit"),
  effective_from: wireDay.nullable().describe("The day this version starts charging; null: from the start"),
  name: z.string(),
  definition: planDefinitionWire,
  created_at: wireTimestamp,
});
type PlanVersionWire = z.infer<typeof planVersionWire>;

export const assignmentWire = z.object({
  customer: z.string().nullable().describe("The customer id; null is the project default"),
  plan_id: z.string().nullable().describe("The plan charged; null: no plan from that day"),
  effective_from: wireDay.describe("The day the assignment starts"),
});
export type AssignmentWire = z.infer<typeof assignmentWire>;

/** `/plans/{id}`: a plan's id is the slug chosen when it was created, not a UUID. */
export const planIdParams = z.object({
  id: z.string().min(1).describe('The plan\'s id, chosen when it was created ("per-resolution")'),
});

export const plansListWire = z.object({ plans: z.array(storedPlanWire) });
export const planAnswerWire = z.object({ plan: storedPlanWire });
/** A plan edit: the plan, the version it added and what the edit changes in the past. */
export const planEditWire = planAnswerWire.extend({
  version: planVersionWire.describe("The version the edit added"),
  warnings: z.array(z.string()).describe("What the edit changes in the past (backdated revenue, closed months kept)"),
});
export const planVersionsWire = z.object({ versions: z.array(planVersionWire) });
export const assignmentsWire = z.object({ assignments: z.array(assignmentWire) });

export const planToWire = (plan: StoredPlan): StoredPlanWire => snakeKeys(plan);
export const planVersionToWire = (version: StoredPlanVersion): PlanVersionWire => snakeKeys(version);
export const assignmentToWire = (assignment: PlanAssignment): AssignmentWire => snakeKeys(assignment);
