/**
 * An event's cost, class by class, and where it came from, read from the `pricing` JSON the
 * usage-events API returns. Ingestion stores it compactly (unit price per class, no costs);
 * this rebuilds each class's cost exactly as the cost engine does (tokens x unit, markup
 * rounded half-even once per class). Unknown shapes fall back to their raw fields.
 */
import { divideRounded, femtoToUsd, usdToFemto } from "@/lib/money";

interface ClassCost {
  tokenClass: string;
  tokens: number;
  /** Dollars per token, exact. */
  unit: string;
  cost: string;
  tier: string | null;
  billedAs: string | null;
  rules: string[];
}

/** A GPU event priced by time: seconds x the project's rate for its GPU type (lib/pricing/db/gpu-price). */
export interface GpuCost {
  type: string;
  pool: string | null;
  seconds: string;
  usdPerGpuHour: string;
  rateFrom: string | null;
  cost: string;
}

/** A call billed by the second, character or image: its quantity, unit price and cost. */
interface UnitCost {
  unit: string;
  quantity: number;
  size: string | null;
  quality: string | null;
  /** Dollars per unit, exact. */
  price: string;
  cost: string;
}

/** The event's unit quantity as the usage-events API returns it. */
interface EventUnits {
  unit: string;
  quantity: number;
  size?: string;
  quality?: string;
}

/** "61 seconds", "1,200 characters", "2 images · 1024x1792 hd": what a unit event consumed. */
export function unitQuantityLabel(units: {
  unit: string;
  quantity: number;
  size?: string | null;
  quality?: string | null;
}): string {
  const name = units.quantity === 1 ? units.unit : `${units.unit}s`;
  const variant = [units.size, units.quality].filter(Boolean).join(" ");
  return `${units.quantity.toLocaleString("en-US")} ${name}${variant ? ` · ${variant}` : ""}`;
}

interface Provenance {
  kind: "computed" | "reported" | "unpriced" | "unknown";
  gpu: GpuCost | null;
  entryId: string | null;
  tier: string | null;
  bandAbove: number | null;
  match: string[];
  dateRule: string | null;
  markupPct: string | null;
  classes: ClassCost[];
  unit: UnitCost | null;
  reason: string | null;
  detail: string | null;
  suggestions: string[];
  reportedUsd: string | null;
  /** The fields not understood above, for display as they are. */
  extra: Record<string, unknown>;
}

const PERCENT = usdToFemto("100");

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const asString = (value: unknown): string | null => (typeof value === "string" ? value : null);
const asNumber = (value: unknown): number | null => (typeof value === "number" ? value : null);
const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

const KNOWN = new Set([
  "v",
  "entry_id",
  "scope",
  "provider",
  "model",
  "match",
  "date_rule",
  "tier",
  "band_above",
  "unit_femto",
  "billed_as",
  "rules",
  "class_tier",
  "markup_pct",
  "classes",
  "reason",
  "detail",
  "suggestions",
  "reported_usd",
  "prompt_tokens",
  "unit",
]);

const withMarkup = (base: bigint, markup: string | null): bigint =>
  markup === null ? base : divideRounded(base * (PERCENT + usdToFemto(markup)), PERCENT);

function compactClasses(pricing: Json, tokens: Record<string, number>): ClassCost[] {
  const units = asRecord(pricing.unit_femto);
  const billedAs = asRecord(pricing.billed_as);
  const rules = asRecord(pricing.rules);
  const classTier = asRecord(pricing.class_tier);
  const markup = asString(pricing.markup_pct);
  return Object.entries(units).map(([tokenClass, unit]) => {
    const count = tokens[tokenClass] ?? 0;
    const unitFemto = BigInt(String(unit));
    const cost = withMarkup(BigInt(count) * unitFemto, markup);
    return {
      tokenClass,
      tokens: count,
      unit: femtoToUsd(unitFemto),
      cost: femtoToUsd(cost),
      tier: asString(classTier[tokenClass]) ?? asString(pricing.tier),
      billedAs: asString(billedAs[tokenClass]),
      rules: asStrings(rules[tokenClass]),
    };
  });
}

function expandedClasses(pricing: Json): ClassCost[] {
  return Object.entries(asRecord(pricing.classes)).map(([tokenClass, value]) => {
    const item = asRecord(value);
    return {
      tokenClass,
      tokens: asNumber(item.tokens) ?? 0,
      unit: asString(item.unit_usd) ?? "0",
      cost: asString(item.cost_usd) ?? "0",
      tier: asString(item.tier),
      billedAs: asString(item.billed_as),
      rules: asStrings(item.rules),
    };
  });
}

/** The unit's cost: compact (`unit.unit_femto`, from the usage-events API) or expanded (`unit_usd`, from the event API). */
function unitCost(pricing: Json, units: EventUnits | null | undefined): UnitCost | null {
  const stored = asRecord(pricing.unit);
  if (!units) return null;
  const view = { unit: units.unit, quantity: units.quantity, size: units.size ?? null, quality: units.quality ?? null };
  const unitFemto = asString(stored.unit_femto);
  if (unitFemto !== null && /^\d+$/.test(unitFemto)) {
    const price = BigInt(unitFemto);
    return {
      ...view,
      price: femtoToUsd(price),
      cost: femtoToUsd(withMarkup(BigInt(units.quantity) * price, asString(pricing.markup_pct))),
    };
  }
  const price = asString(stored.unit_usd);
  const cost = asString(stored.cost_usd);
  return price === null || cost === null ? null : { ...view, price, cost };
}

function gpuCost(pricing: Json): GpuCost | null {
  const gpu = asRecord(pricing.gpu);
  const rate = asString(gpu.usd_per_gpu_hour);
  const micros = asString(gpu.micros);
  if (pricing.rule !== "gpu_time_x_rate" || rate === null || micros === null || !/^\d+$/.test(micros)) return null;
  return {
    type: asString(gpu.type) ?? "unknown",
    pool: asString(gpu.pool),
    seconds: femtoToUsd(BigInt(micros) * 1_000_000_000n).replace(/\.?0+$/, ""),
    usdPerGpuHour: rate,
    rateFrom: asString(gpu.rate_from),
    cost: asString(gpu.cost_usd) ?? "0",
  };
}

export function readProvenance(
  source: "computed" | "reported" | "unpriced",
  pricingValue: unknown,
  tokens: Record<string, number>,
  units?: EventUnits | null,
): Provenance {
  const pricing = asRecord(pricingValue);
  let classes: ClassCost[] = [];
  if (pricing.unit_femto) classes = compactClasses(pricing, tokens);
  else if (pricing.classes) classes = expandedClasses(pricing);
  const gpu = gpuCost(pricing);
  // A GPU cost read above is shown as such; an unpriced GPU event's fields stay visible as they are.
  const extra = Object.fromEntries(
    Object.entries(pricing).filter(([name]) => !KNOWN.has(name) && !(gpu && (name === "gpu" || name === "rule"))),
  );
  return {
    kind: source,
    gpu,
    entryId: asString(pricing.entry_id),
    tier: asString(pricing.tier),
    bandAbove: asNumber(pricing.band_above),
    match: asStrings(pricing.match),
    dateRule: asString(pricing.date_rule),
    markupPct: asString(pricing.markup_pct),
    classes,
    unit: unitCost(pricing, units),
    reason: asString(pricing.reason),
    detail: asString(pricing.detail),
    suggestions: asStrings(pricing.suggestions),
    reportedUsd: asString(pricing.reported_usd),
    extra,
  };
}
