/**
 * One litellm model entry -> our catalog entry, exactly: every price goes through
 * `numberToFemto`, so a price finer than 1e-15 $ per token is reported, never rounded.
 */
import { numberToFemto, type Femto } from "../../money";
import { canonicalProvider } from "../providers";
import type { ServiceTier } from "../types";
import type { TokenClass } from "@/lib/token-classes";
import type { UnitKind } from "../units";
import { IGNORED_TOKEN_FIELDS, parsePriceField } from "./litellm-fields";

/** Prices while building: tier -> band threshold -> class -> femtodollars per token. */
export type DraftTiers = Map<ServiceTier, Map<number, Map<TokenClass, Femto>>>;

export interface DraftEntry {
  readonly provider: string;
  readonly model: string;
  readonly sourceKey: string;
  readonly sourceProvider: string;
  readonly mode: string;
  readonly tiers: DraftTiers;
  /** Femtodollars per second, character or image (`UNIT_PRICE_KEY`). */
  readonly units: Map<string, Femto>;
  readonly notes: string[];
}

type Conversion =
  | { readonly kind: "entry"; readonly entry: DraftEntry }
  | { readonly kind: "skipped"; readonly reason: "not_a_model" | "no_token_price" | "unrepresentable"; readonly detail?: string };

interface TieredPricing {
  readonly range: readonly [number, number];
  readonly [field: string]: unknown;
}

/**
 * The unit a model's mode is billed in and litellm's field for its price, in order of
 * preference. Other modes' unit fields mean something else (a chat model's
 * `input_cost_per_image` is the price of an image in the prompt) and are not read.
 */
const UNIT_FIELDS: Readonly<Record<string, ReadonlyArray<readonly [string, UnitKind]>>> = {
  audio_transcription: [["input_cost_per_second", "second"]],
  audio_speech: [["input_cost_per_character", "character"]],
  // An image model with both lists the input image's price as input (Gemini) and the picture's as output.
  image_generation: [
    ["output_cost_per_image", "image"],
    ["input_cost_per_image", "image"],
  ],
};

function unitPrices(record: Record<string, unknown>): Map<string, Femto> {
  const units = new Map<string, Femto>();
  for (const [field, kind] of UNIT_FIELDS[String(record.mode)] ?? []) {
    const value = record[field];
    if (units.has(kind) || value === undefined) continue;
    if (typeof value !== "number") throw new RangeError(`${field} is not a number`);
    units.set(kind, numberToFemto(value));
  }
  return units;
}

function setPrice(tiers: DraftTiers, tier: ServiceTier, above: number, tokenClass: TokenClass, price: Femto): void {
  let bands = tiers.get(tier);
  if (!bands) tiers.set(tier, (bands = new Map()));
  let prices = bands.get(above);
  if (!prices) bands.set(above, (prices = new Map()));
  prices.set(tokenClass, price);
}

/** litellm prefixes most keys with a provider spelling (`gemini/`, `vertex_ai/`); ours is a field. */
function modelName(key: string, provider: string): string {
  const slash = key.indexOf("/");
  if (slash < 0) return key;
  const prefix = key.slice(0, slash);
  return canonicalProvider(prefix) === provider ? key.slice(slash + 1) : key;
}

function isTieredPricing(value: unknown): value is TieredPricing[] {
  return Array.isArray(value) && value.every((tier) => typeof tier === "object" && tier !== null && Array.isArray((tier as TieredPricing).range));
}

export function convertLitellmEntry(key: string, raw: unknown): Conversion {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { kind: "skipped", reason: "not_a_model" };
  const record = raw as Record<string, unknown>;
  const sourceProvider = record.litellm_provider;
  if (typeof sourceProvider !== "string" || key === "sample_spec") return { kind: "skipped", reason: "not_a_model" };

  const provider = canonicalProvider(sourceProvider);
  const tiers: DraftTiers = new Map();
  const notes: string[] = [];
  let units: Map<string, Femto>;
  try {
    units = unitPrices(record);
    for (const [field, value] of Object.entries(record)) {
      const parsed = parsePriceField(field);
      if (!parsed) continue;
      if (typeof value !== "number") throw new RangeError(`${field} is not a number`);
      setPrice(tiers, parsed.tier, parsed.above, parsed.tokenClass, numberToFemto(value));
    }
    // Range-tiered prices (e.g. Qwen): the band whose range holds the prompt prices the request.
    if (isTieredPricing(record.tiered_pricing)) {
      for (const band of record.tiered_pricing) {
        for (const [field, value] of Object.entries(band)) {
          const parsed = parsePriceField(field);
          if (!parsed || typeof value !== "number") continue;
          setPrice(tiers, parsed.tier, band.range[0], parsed.tokenClass, numberToFemto(value));
        }
      }
    }
  } catch (error) {
    return { kind: "skipped", reason: "unrepresentable", detail: `${key}: ${(error as Error).message}` };
  }
  if (tiers.size === 0 && units.size === 0) return { kind: "skipped", reason: "no_token_price" };

  const ignored = Object.keys(record).filter((field) => IGNORED_TOKEN_FIELDS.test(field));
  if (ignored.length > 0) notes.push(`not priced: ${ignored.sort().join(", ")}`);
  return {
    kind: "entry",
    entry: {
      provider,
      model: modelName(key, provider),
      sourceKey: key,
      sourceProvider,
      mode: typeof record.mode === "string" ? record.mode : "unknown",
      tiers,
      units,
      notes,
    },
  };
}
