/**
 * The `pricing` jsonb of a usage event: which entry, tier, band and rule priced each token
 * class, compactly, so that it costs little per row:
 *
 *   {"v":1, "entry_id", "scope", "provider", "model", "match", "date_rule", "tier",
 *    "band_above", "unit_femto": {class: femtodollars per token}, and only where they apply
 *    "billed_as": {class: other class}, "rules": {class: [rule...]}, "class_tier": {class: tier},
 *    "markup_pct", "unit": {"key": "second" | "character" | "image:<size>:<quality>", "unit_femto"}}
 *
 * Per-class costs are not stored: they are tokens x unit (with the markup, rounded half-even
 * per class, as cost.ts does) and `expandProvenance` rebuilds them for the read API. The
 * same text serves every event priced the same way, so it is built once and cached.
 */
import { femtoToUsd } from "@/lib/money";
import { applyMarkup, type ComputedCost } from "./cost";
import type { TokenClass } from "@/lib/token-classes";
import { unitJson, unitPriceKey, type UnitJson, type UnitUsage } from "./units";

const cache = new Map<string, string>();
const MAX_CACHED = 10_000;

export function provenanceJson(result: ComputedCost, tier: string): string {
  const classes = Object.keys(result.provenance) as TokenClass[];
  const unit = result.unit ? `${unitPriceKey(result.unit)}=${result.unit.unitFemto}` : "";
  const key = `${result.entryId}|${tier}|${result.bandAbove}|${result.dateRule}|${result.match.join(",")}|${classes.join(",")}|${unit}`;
  let text = cache.get(key);
  if (text === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, (text = JSON.stringify(buildProvenance(result, tier, classes))));
  }
  return text;
}

function buildProvenance(result: ComputedCost, tier: string, classes: readonly TokenClass[]): Record<string, unknown> {
  const unitFemto: Record<string, string> = {};
  const billedAs: Record<string, string> = {};
  const rules: Record<string, readonly string[]> = {};
  const classTier: Record<string, string> = {};
  let scope: string | undefined;
  let markup: string | undefined;
  for (const tokenClass of classes) {
    const source = result.provenance[tokenClass]!;
    scope = source.scope;
    markup = source.markupPct;
    unitFemto[tokenClass] = source.unitFemto.toString();
    if (source.billedAs !== tokenClass) billedAs[tokenClass] = source.billedAs;
    if (source.rules.length) rules[tokenClass] = source.rules;
    if (source.tier !== tier) classTier[tokenClass] = source.tier;
  }
  // An event of units alone (no token class) takes them from its unit's price.
  scope ??= result.unit?.scope;
  markup ??= result.unit?.markupPct;
  const present = (record: Record<string, unknown>) => Object.keys(record).length > 0;
  return {
    v: 1,
    entry_id: result.entryId,
    ...(scope ? { scope } : {}),
    provider: result.provider,
    model: result.model,
    match: result.match,
    date_rule: result.dateRule,
    tier,
    band_above: result.bandAbove,
    unit_femto: unitFemto,
    ...(present(billedAs) ? { billed_as: billedAs } : {}),
    ...(present(rules) ? { rules } : {}),
    ...(present(classTier) ? { class_tier: classTier } : {}),
    ...(markup === undefined ? {} : { markup_pct: markup }),
    ...(result.unit ? { unit: { key: unitPriceKey(result.unit), unit_femto: result.unit.unitFemto.toString() } } : {}),
  };
}

interface ClassBreakdown {
  tokens: number;
  unit_usd: string;
  cost_usd: string;
  tier: string;
  billed_as: string;
  rules: string[];
}

/** A unit quantity's price and cost, as the read API shows it next to the token classes. */
type UnitBreakdown = UnitJson & { unit_usd: string; cost_usd: string };

function unitBreakdown(
  stored: unknown,
  units: UnitUsage | undefined,
  markup: string | undefined,
): UnitBreakdown | undefined {
  const unitFemto = (stored as { unit_femto?: unknown } | undefined)?.unit_femto;
  if (units === undefined || typeof unitFemto !== "string") return undefined;
  const base = BigInt(units.quantity) * BigInt(unitFemto);
  return {
    ...unitJson(units),
    unit_usd: femtoToUsd(BigInt(unitFemto)),
    cost_usd: femtoToUsd(markup === undefined ? base : applyMarkup(base, markup)),
  };
}

/** The stored provenance with each class's tokens (and the unit's quantity), unit price and cost, for the read API. */
export function expandProvenance(
  pricing: Record<string, unknown>,
  tokens: Record<string, number>,
  units?: UnitUsage,
): Record<string, unknown> {
  const unitPrices = pricing.unit_femto as Record<string, string> | undefined;
  if (pricing.v !== 1 || !unitPrices) return pricing;
  const billedAs = (pricing.billed_as ?? {}) as Record<string, string>;
  const rules = (pricing.rules ?? {}) as Record<string, string[]>;
  const classTier = (pricing.class_tier ?? {}) as Record<string, string>;
  const markup = pricing.markup_pct as string | undefined;
  const classes: Record<string, ClassBreakdown> = {};
  for (const [tokenClass, unit] of Object.entries(unitPrices)) {
    const count = tokens[tokenClass] ?? 0;
    const base = BigInt(count) * BigInt(unit);
    classes[tokenClass] = {
      tokens: count,
      unit_usd: femtoToUsd(BigInt(unit)),
      cost_usd: femtoToUsd(markup === undefined ? base : applyMarkup(base, markup)),
      tier: classTier[tokenClass] ?? String(pricing.tier),
      billed_as: billedAs[tokenClass] ?? tokenClass,
      rules: rules[tokenClass] ?? [],
    };
  }
  const rest = { ...pricing };
  for (const compact of ["unit_femto", "billed_as", "rules", "class_tier", "unit"]) delete rest[compact];
  const unit = unitBreakdown(pricing.unit, units, markup);
  return { ...rest, classes, ...(unit ? { unit } : {}) };
}
