/** Wire contract of `GET /margins/options` and of the fixed costs (`/fixed-costs*`). */
import { z } from "zod";
import type { marginOptionsAnswer } from "@/lib/margins/db/answers";
import { snakeKeys } from "./casing";

export const marginOptionsWire = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  outcome_types: z.array(z.string()),
  feature_models: z.array(z.object({ feature: z.string(), model: z.string(), provider: z.string(), cost: z.string() })),
  models: z.array(
    z.object({
      provider: z.string(),
      model: z.string(),
      input_per_million: z.string(),
      output_per_million: z.string(),
    }),
  ),
});
export type MarginOptionsWire = z.infer<typeof marginOptionsWire>;

export function marginOptionsToWire(answer: Awaited<ReturnType<typeof marginOptionsAnswer>>): MarginOptionsWire {
  return snakeKeys(answer);
}

/** A fixed cost: its fields are snake_case already (lib/pricing/db/fixed-costs.ts). */
export const fixedCostWire = z.object({
  id: z.string(),
  name: z.string(),
  monthly_usd: z.string(),
  rule: z.enum(["proportional", "overhead"]),
  from_month: z.string(),
  to_month: z.string().nullable(),
});
export const fixedCostsWire = z.object({ fixed_costs: z.array(fixedCostWire) });
export const fixedCostAnswerWire = z.object({ fixed_cost: fixedCostWire });
