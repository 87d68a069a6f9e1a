/**
 * Request shapes of the pricing management API and the settings page, zod-validated so a bad
 * field is named in the error. Prices are decimal strings of dollars per million tokens (or
 * per GPU-hour): exact, as published, and checked to be no finer than 1e-15 $ per token.
 */
import { z } from "zod";
import { daySchema, withPeriodSpan } from "@/lib/calendar/days";
import { instantSchema } from "@/lib/calendar/instant";
import { perMillionToFemto } from "./entry-schema";
import { SERVICE_TIERS } from "./types";
import { TOKEN_CLASSES } from "@/lib/token-classes";

const DECIMAL = /^\d+(\.\d+)?$/;

function exactPerToken(usd: string): boolean {
  try {
    perMillionToFemto(usd);
    return true;
  } catch {
    return false;
  }
}

/** A price as a string or a JSON number, kept as the exact decimal string it was written as. */
const decimalText = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

const usdPerMtokValue = decimalText
  .refine((usd) => DECIMAL.test(usd), 'a non-negative decimal of dollars per million tokens, e.g. "2.5"')
  .refine((usd) => !DECIMAL.test(usd) || exactPerToken(usd), "finer than 1e-15 $ per token (at most 9 decimal places)");

const usdPerMtokSchema = z.partialRecord(z.enum(TOKEN_CLASSES), usdPerMtokValue);

const bandSchema = z.strictObject({
  above: z.number().int().nonnegative(),
  usd_per_mtok: usdPerMtokSchema.refine((prices) => Object.keys(prices).length > 0, "at least one class price"),
});

/** Long-context bands of the standard tier (above > 0) and whole batch/flex/priority tiers. */
const tierBandsSchema = z
  .partialRecord(z.enum(SERVICE_TIERS), z.array(bandSchema).max(10))
  .superRefine((tiers, ctx) => {
    for (const band of tiers.standard ?? []) {
      if (band.above === 0)
        ctx.addIssue({
          code: "custom",
          path: ["standard"],
          message: "the standard base band is usd_per_mtok; further bands need above > 0",
        });
    }
    for (const tier of ["batch", "flex", "priority"] as const) {
      const bands = tiers[tier];
      if (bands && bands[0]?.above !== 0)
        ctx.addIssue({ code: "custom", path: [tier], message: "a tier's first band must start at above: 0" });
    }
  });

const markupSchema = decimalText
  .refine((pct) => /^-?\d+(\.\d{1,6})?$/.test(pct), "a percent such as 15 or -10.5 (at most 6 decimals)")
  .refine(
    (pct) => !/^-?\d+(\.\d{1,6})?$/.test(pct) || (Number(pct) >= -100 && Number(pct) < 1_000_000),
    "between -100 (free) and 999999",
  );

const name = (max: number) => z.string().trim().min(1, "required").max(max, `at most ${max} characters`);

const overrideFields = {
  provider: name(100),
  model: name(300),
  effective_from: instantSchema,
  effective_to: instantSchema.nullable().optional(),
  usd_per_mtok: usdPerMtokSchema,
  tier_bands: tierBandsSchema.optional(),
  markup_pct: markupSchema.nullable().optional(),
  note: z.string().max(500, "at most 500 characters").nullable().optional(),
};

const hasPrice = (prices: Record<string, unknown> | undefined) =>
  prices === undefined || Object.keys(prices).length > 0;
const datesInOrder = (value: { effective_from?: Date; effective_to?: Date | null }) =>
  !value.effective_from || !value.effective_to || value.effective_to > value.effective_from;

export const overrideCreateSchema = z
  .strictObject(overrideFields)
  .refine((value) => hasPrice(value.usd_per_mtok), {
    path: ["usd_per_mtok"],
    message: "at least one class price, e.g. input and output",
  })
  .refine(datesInOrder, { path: ["effective_to"], message: "must be after effective_from" });
export type OverrideCreate = z.infer<typeof overrideCreateSchema>;

export const overridePatchSchema = z
  .strictObject(overrideFields)
  .partial()
  .refine((value) => hasPrice(value.usd_per_mtok), { path: ["usd_per_mtok"], message: "at least one class price" })
  .refine(datesInOrder, { path: ["effective_to"], message: "must be after effective_from" });
export type OverridePatch = z.infer<typeof overridePatchSchema>;

export const aliasCreateSchema = z.strictObject({
  alias: name(300),
  provider: name(100).nullable().optional(),
  target_provider: name(100).nullable().optional(),
  target_model: name(300),
});
export type AliasCreate = z.infer<typeof aliasCreateSchema>;
export const aliasPatchSchema = aliasCreateSchema.partial();
export type AliasPatch = z.infer<typeof aliasPatchSchema>;

const usdPerHour = decimalText.refine(
  (usd) => /^\d+(\.\d{1,9})?$/.test(usd),
  'a non-negative decimal of dollars per GPU-hour, e.g. "3.50" (at most 9 decimals)',
);

export const gpuRateCreateSchema = z.strictObject({
  gpu_type: name(100),
  effective_from: instantSchema,
  usd_per_gpu_hour: usdPerHour,
  note: z.string().max(500).nullable().optional(),
});
export type GpuRateCreate = z.infer<typeof gpuRateCreateSchema>;
export const gpuRatePatchSchema = gpuRateCreateSchema.partial();
export type GpuRatePatch = z.infer<typeof gpuRatePatchSchema>;

const gpuPoolFields = {
  name: name(100),
  gpu_type: name(100),
  gpu_count: z.number().int("a whole number").min(0).max(100_000),
  effective_from: instantSchema,
  effective_to: instantSchema.nullable().optional(),
};
export const gpuPoolCreateSchema = z
  .strictObject(gpuPoolFields)
  .refine(datesInOrder, { path: ["effective_to"], message: "must be after effective_from" });
export type GpuPoolCreate = z.infer<typeof gpuPoolCreateSchema>;
export const gpuPoolPatchSchema = z
  .strictObject(gpuPoolFields)
  .partial()
  .refine(datesInOrder, { path: ["effective_to"], message: "must be after effective_from" });
export type GpuPoolPatch = z.infer<typeof gpuPoolPatchSchema>;

export const repriceRequestSchema = withPeriodSpan(
  z.strictObject({
    from: daySchema,
    to: daySchema,
    model: z.string().trim().min(1).max(300).optional(),
  }),
  400,
);
