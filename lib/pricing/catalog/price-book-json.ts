/** The committed price book file: catalog entries, langfuse aliases and how they were made. */
import { z } from "zod";
import { catalogEntrySchema } from "../entry-schema";

export const aliasJsonSchema = z.strictObject({
  pattern: z.string(),
  flags: z.string(),
  model: z.string(),
  source: z.literal("langfuse"),
});
export type AliasJson = z.infer<typeof aliasJsonSchema>;

export const priceBookJsonSchema = z.strictObject({
  version: z.string(),
  source_date: z.string(),
  sources: z.record(z.string(), z.string()),
  effective_from_rule: z.string(),
  entry_count: z.number().int(),
  entries: z.array(catalogEntrySchema),
  aliases: z.array(aliasJsonSchema),
});
export type PriceBookJson = z.infer<typeof priceBookJsonSchema>;
