/** Wire contract of `GET /margins/options` and of the fixed costs (`/fixed-costs*`). */
import { z } from "zod";
import type { marginOptionsAnswer } from "@/lib/margins/db/answers";
import { wireDay, wireDecimal, wireMoney } from "@/lib/api/wire";
import { snakeKeys } from "./casing";

export const marginOptionsWire = z.object({
  period: z.object({ from: wireDay, to: wireDay }),
  outcome_types: z.array(z.string()).describe("The outcome types the project has recorded"),
  feature_models: z
    .array(
      z.object({
        feature: z.string(),
        model: z.string(),
        provider: z.string(),
        cost: wireDecimal.describe("The pair's usage cost in the period, in US dollars"),
      }),
    )
    .describe("The feature/model pairs used in the period, most costly first"),
  models: z
    .array(
      z.object({
        provider: z.string(),
        model: z.string(),
        input_per_million: wireMoney.describe("US dollars per million input tokens"),
        output_per_million: wireMoney.describe("US dollars per million output tokens"),
      }),
    )
    .describe("The price book's models a scenario can move usage to"),
});
export type MarginOptionsWire = z.infer<typeof marginOptionsWire>;

export function marginOptionsToWire(answer: Awaited<ReturnType<typeof marginOptionsAnswer>>): MarginOptionsWire {
  return snakeKeys(answer);
}

/** A fixed cost: its fields are snake_case already (lib/pricing/db/fixed-costs.ts). */
const fixedCostWire = z.object({
  id: z.string().describe("The fixed cost's id (a UUID)"),
  name: z.string(),
  monthly_usd: wireMoney.describe("US dollars per month, negative for a discount"),
  rule: z
    .enum(["proportional", "overhead"])
    .describe("proportional: split over the usage by its cost; overhead: kept as a named unallocated line"),
  from_month: z.string().describe("The first month it applies, YYYY-MM"),
  to_month: z.string().nullable().describe("The last month it applies, YYYY-MM; null: open-ended"),
});
export const fixedCostsWire = z.object({ fixed_costs: z.array(fixedCostWire) });
export const fixedCostAnswerWire = z.object({ fixed_cost: fixedCostWire });
