/** A unit-billed quantity as the read APIs show it (`UnitJson` in units.ts), for response schemas. */
import { z } from "zod";
import { UNIT_KINDS } from "./units";

export const unitJsonSchema = z.object({
  unit: z.enum(UNIT_KINDS),
  quantity: z.number(),
  size: z.string().optional(),
  quality: z.string().optional(),
});
