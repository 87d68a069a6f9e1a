/**
 * The stored shape of a price entry: the committed catalog and the project overrides kept in
 * the database share it. Prices are exact decimal strings of US dollars per million tokens,
 * the unit providers publish, so an entry can be checked against a pricing page by eye; calls
 * billed by the second, character or image have `usd_per_unit`, dollars per unit.
 */
import { z } from "zod";
import { usdToFemto, type Femto } from "../money";
import { canonicalProvider } from "./providers";
import { UNIT_PRICE_KEY } from "./units";
import { SERVICE_TIERS, type PriceBand, type PriceEntry, type ServiceTier, type UnitPrices } from "./types";
import { TOKEN_CLASSES } from "@/lib/token-classes";

const TOKENS_PER_MILLION = 1_000_000n;
const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** Femtodollars per token from dollars per million tokens, or an error if not exact. */
export function perMillionToFemto(usdPerMillion: string): Femto {
  const perMillion = usdToFemto(usdPerMillion);
  if (perMillion % TOKENS_PER_MILLION !== 0n) {
    throw new RangeError(`${usdPerMillion} $/Mtok is finer than 1e-15 $ per token`);
  }
  return perMillion / TOKENS_PER_MILLION;
}

const priceString = z
  .string()
  .regex(DECIMAL, "a plain decimal string of dollars per million tokens")
  .refine((usd) => isExactPerToken(usd), "finer than 1e-15 $ per token");

function isExactPerToken(usdPerMillion: string): boolean {
  try {
    perMillionToFemto(usdPerMillion);
    return true;
  } catch {
    return false;
  }
}

const bandSchema = z.strictObject({
  above: z.number().int().nonnegative(),
  usd_per_mtok: z.partialRecord(z.enum(TOKEN_CLASSES), priceString),
});

const tiersSchema = z
  .partialRecord(z.enum(SERVICE_TIERS), z.array(bandSchema).min(1))
  .refine((tiers) => Object.values(tiers).every((bands) => bands[0]?.above === 0), {
    message: "each tier's first band must start at above: 0",
  });

/** Dollars per second, character or image: exact to the femtodollar. */
const unitPriceString = z
  .string()
  .regex(DECIMAL, "a plain decimal string of dollars per unit")
  .refine((usd) => !/\.\d{16,}$/.test(usd), "finer than 1e-15 $ per unit");

const unitPricesSchema = z.record(
  z.string().regex(UNIT_PRICE_KEY, "second, character, image or image:<size>:<quality>"),
  unitPriceString,
);

const commonFields = {
  id: z.string().min(1),
  provider: z.string().min(1),
  model: z.string().min(1),
  effective_from: z.string().regex(DATE, "YYYY-MM-DD or an ISO UTC timestamp"),
  tiers: tiersSchema,
  usd_per_unit: unitPricesSchema.optional(),
};

export const catalogEntrySchema = z.strictObject({
  ...commonFields,
  source_key: z.string(),
  source_provider: z.string(),
  mode: z.string(),
  notes: z.array(z.string()).optional(),
});
export type CatalogEntryJson = z.infer<typeof catalogEntrySchema>;

/** A project override as the settings page or the management API submits it. */
const overrideEntrySchema = z.strictObject({
  ...commonFields,
  scope: z.literal("project"),
  effective_to: z.string().regex(DATE).optional(),
  markup_pct: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, "a decimal percent such as 15 or -10.5")
    .refine(
      (pct) => !pct.startsWith("-") || usdToFemto(pct.slice(1)) <= usdToFemto("100"),
      "a discount of at most 100%",
    )
    .optional(),
});

function compileBands(bands: CatalogEntryJson["tiers"][ServiceTier]): PriceBand[] {
  return (bands ?? [])
    .map((band) => {
      const prices: UnitPrices = {};
      for (const [tokenClass, usd] of Object.entries(band.usd_per_mtok)) {
        prices[tokenClass as keyof UnitPrices] = perMillionToFemto(usd);
      }
      return { above: band.above, prices };
    })
    .sort((a, b) => a.above - b.above);
}

function compileUnitPrices(prices: CatalogEntryJson["usd_per_unit"]): Pick<PriceEntry, "unitPrices"> {
  if (prices === undefined) return {};
  return { unitPrices: Object.fromEntries(Object.entries(prices).map(([key, usd]) => [key, usdToFemto(usd)])) };
}

function compileTiers(tiers: CatalogEntryJson["tiers"]): PriceEntry["tiers"] {
  const compiled: Partial<Record<ServiceTier, PriceBand[]>> = {};
  for (const tier of SERVICE_TIERS) {
    if (tiers[tier]) compiled[tier] = compileBands(tiers[tier]);
  }
  return compiled;
}

export function compileCatalogEntry(json: CatalogEntryJson): PriceEntry {
  return {
    id: json.id,
    scope: "catalog",
    provider: canonicalProvider(json.provider),
    model: json.model,
    effectiveFrom: Date.parse(json.effective_from),
    tiers: compileTiers(json.tiers),
    ...compileUnitPrices(json.usd_per_unit),
  };
}

/** Validates and compiles an override; throws a zod error naming the bad field. */
export function compileOverride(input: unknown): PriceEntry {
  const json = overrideEntrySchema.parse(input);
  return {
    id: json.id,
    scope: "project",
    provider: canonicalProvider(json.provider),
    model: json.model,
    effectiveFrom: Date.parse(json.effective_from),
    ...(json.effective_to === undefined ? {} : { effectiveTo: Date.parse(json.effective_to) }),
    tiers: compileTiers(json.tiers),
    ...compileUnitPrices(json.usd_per_unit),
    ...(json.markup_pct === undefined ? {} : { markupPct: json.markup_pct }),
  };
}
