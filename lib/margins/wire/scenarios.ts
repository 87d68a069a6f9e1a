/** Wire contract of saved scenarios (`/scenarios*`): snake_case, the definition included. */
import { z } from "zod";
import type { StoredScenario } from "@/lib/margins/db/scenarios-repo";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { wireTimestamp } from "@/lib/api/wire";
import { snakeKeys } from "./casing";
import { planDefinitionWire } from "./plans";

/** One change of a scenario; the server validates the values (lib/margins/scenario.ts). */
const scenarioChangeWire = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("set_token_price"),
    plan_id: z.string(),
    model: z.string().optional(),
    token_class: z.enum(TOKEN_CLASSES).optional(),
    price_per_million: z.string(),
  }),
  z.object({ kind: z.literal("set_outcome_price"), plan_id: z.string(), outcome_type: z.string(), price: z.string() }),
  z.object({ kind: z.literal("set_markup"), plan_id: z.string(), markup_percent: z.string() }),
  z.object({ kind: z.literal("set_request_price"), plan_id: z.string(), price_per_request: z.string() }),
  z.object({ kind: z.literal("set_monthly_fee"), plan_id: z.string(), monthly_fee: z.string() }),
  z.object({ kind: z.literal("replace_plan"), plan: planDefinitionWire }),
  z.object({
    kind: z.literal("move_feature_model"),
    feature: z.string(),
    from_model: z.string(),
    to_model: z.string(),
    customers: z.array(z.string()).optional(),
  }),
  z.object({
    kind: z.literal("cache_hit_rate"),
    rate: z.string(),
    mode: z.enum(["shift", "target"]).optional(),
    feature: z.string().optional(),
    model: z.string().optional(),
  }),
]);

export const scenarioDefinitionWire = z.object({
  name: z.string(),
  description: z.string().optional(),
  changes: z
    .array(scenarioChangeWire)
    .describe("What the scenario changes, applied in order; `kind` decides a change's other fields"),
});

const storedScenarioWire = z.object({
  id: z.string().describe("The scenario's id (a UUID)"),
  name: z.string(),
  definition: scenarioDefinitionWire,
  created_at: wireTimestamp,
  updated_at: wireTimestamp,
});
export type ScenarioDefinitionWire = z.infer<typeof scenarioDefinitionWire>;
type StoredScenarioWire = z.infer<typeof storedScenarioWire>;

export const scenariosListWire = z.object({ scenarios: z.array(storedScenarioWire) });
export const scenarioAnswerWire = z.object({ scenario: storedScenarioWire });
export const scenarioDeletedWire = z.object({ deleted: z.string().describe("The deleted scenario's id") });

export const scenarioToWire = (scenario: StoredScenario): StoredScenarioWire => snakeKeys(scenario);
