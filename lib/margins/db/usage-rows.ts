/**
 * Usage rows as the margins loaders read them from a rollup (usage_daily, usage_monthly): one per
 * customer, day, feature, provider and model, with the period's sums. A model served by two
 * providers is merged here into one row per customer, day, feature and model, the engine's grain.
 */
import type { UsageAggregate } from "../types";
import type { TokenClass } from "@/lib/token-classes";

const TOKEN_COLUMNS: [TokenClass, string][] = [
  ["input", "tokens_input"],
  ["cache_read", "tokens_cache_read"],
  ["cache_write_5m", "tokens_cache_write_5m"],
  ["cache_write_1h", "tokens_cache_write_1h"],
  ["output", "tokens_output"],
  ["reasoning", "tokens_reasoning"],
  ["audio_input", "tokens_audio_input"],
  ["audio_output", "tokens_audio_output"],
  ["image_input", "tokens_image_input"],
  ["image_output", "tokens_image_output"],
];

/** Requests, unpriced requests and cost: what every plan's charge and every margin needs. */
const COUNT_COLUMNS = ["events", "unpriced_events", "cost_total"];

export const MEASURE_COLUMNS = [...COUNT_COLUMNS, ...TOKEN_COLUMNS.map(([, column]) => column)];

/**
 * A row's measures as one select item `m`, comma-separated in MEASURE_COLUMNS order (`sum` wraps
 * each): one text field per row instead of thirteen, which about halved the client's time to
 * receive the 19,000 month rows of a 90-day report. `tokens` false leaves the ten token counts
 * out (no plan of the report counts tokens): rows then carry no tokens.
 */
export function usageMeasures(alias: string, sum = false, tokens = true): string {
  const value = (column: string) => (sum ? `sum(${alias}.${column})` : `${alias}.${column}`);
  // Cost as whole femtodollars (numeric(38,15) × 10^15 is exact): BigInt reads it directly.
  const item = (column: string) =>
    column === "cost_total" ? `(${value(column)} * 1000000000000000)::numeric(40,0)` : value(column);
  return `concat_ws(',', ${(tokens ? MEASURE_COLUMNS : COUNT_COLUMNS).map(item).join(", ")}) AS m`;
}

export interface UsageRow {
  customer: string;
  day: string;
  feature: string;
  provider: string;
  model: string;
  /** usageMeasures' text. */
  m: string;
}
/** Each customer's rows at the engine's grain, as the engine takes them (no customer field to strip). */
export type UsageByCustomer = Map<string, UsageAggregate[]>;

type MergedUsage = UsageAggregate & { unpricedRequests: number };
/** A feature's usage on a day: one row when merged over models, else one per model. */
type FeatureUsage = MergedUsage | Map<string, MergedUsage>;

/** Sums rows into the engine's grain; `sign` -1 subtracts a row (a month minus the days outside a period). */
export class UsageMerger {
  /**
   * Customer, then day and feature (then model, when kept): nested maps, because building one
   * joined key per row was most of the merge's time (about 40,000 rows per 90-day report); no
   * map of models when they are merged (a map per customer, day and feature was a tenth of a
   * 90-day report's allocations).
   */
  private readonly merged = new Map<string, Map<string, Map<string, FeatureUsage>>>();
  /** Requests per model and provider, so a provider only subtracted again is not named. */
  private readonly served = new Map<string, Map<string, number>>();

  /**
   * `byModel` false sums every model of a feature into one row (model ""): enough when no plan
   * prices by model, as the engine's charges are linear in the rows (lib/margins/revenue.ts).
   */
  constructor(private readonly byModel = true) {}

  add(row: UsageRow, day: string = row.day, sign: 1 | -1 = 1): void {
    const m = row.m;
    const afterRequests = m.indexOf(",");
    const afterUnpriced = m.indexOf(",", afterRequests + 1);
    const afterCost = m.indexOf(",", afterUnpriced + 1);
    const requests = sign * Number(m.slice(0, afterRequests));
    if (this.byModel) {
      let providers = this.served.get(row.model);
      if (!providers) this.served.set(row.model, (providers = new Map()));
      providers.set(row.provider, (providers.get(row.provider) ?? 0) + requests);
    }
    const usage = this.usageAt(row.customer, day, row.feature, row.model);
    usage.requests += requests;
    usage.unpricedRequests += sign * Number(m.slice(afterRequests + 1, afterUnpriced));
    const cost = BigInt(afterCost === -1 ? m.slice(afterUnpriced + 1) : m.slice(afterUnpriced + 1, afterCost));
    usage.cost += sign === 1 ? cost : -cost;
    // Rows read without token counts (usageMeasures' `tokens` false) end after the cost.
    if (afterCost === -1) return;
    const parts = m.slice(afterCost + 1).split(",");
    for (let index = 0; index < parts.length; index++) {
      const tokens = Number(parts[index]);
      if (tokens === 0) continue;
      const tokenClass = TOKEN_COLUMNS[index]![0];
      const count = (usage.tokens[tokenClass] ?? 0) + sign * tokens;
      if (count) usage.tokens[tokenClass] = count;
      else delete usage.tokens[tokenClass];
    }
  }

  private usageAt(customer: string, day: string, feature: string, model: string): MergedUsage {
    let days = this.merged.get(customer);
    if (!days) this.merged.set(customer, (days = new Map()));
    let features = days.get(day);
    if (!features) days.set(day, (features = new Map()));
    const known = features.get(feature);
    if (!this.byModel) {
      if (known) return known as MergedUsage;
      const usage = newUsage(day, feature, "");
      features.set(feature, usage);
      return usage;
    }
    let models = known as Map<string, MergedUsage> | undefined;
    if (!models) features.set(feature, (models = new Map()));
    let usage = models.get(model);
    if (!usage) models.set(model, (usage = newUsage(day, feature, model)));
    return usage;
  }

  /** The provider each model ran on, the first by name if several (for re-pricing); none when merged by feature. */
  providers(): Map<string, string> {
    const providers = new Map<string, string>();
    for (const [model, served] of this.served) {
      for (const [provider, requests] of served) {
        const known = providers.get(model);
        if (requests !== 0 && (known === undefined || provider < known)) providers.set(model, provider);
      }
    }
    return providers;
  }

  /** The merged rows by customer; a row left without requests (every day subtracted again) had no usage. */
  byCustomer(): UsageByCustomer {
    const byCustomer: UsageByCustomer = new Map();
    for (const [customer, days] of this.merged) {
      const rows: UsageAggregate[] = [];
      for (const features of days.values())
        for (const feature of features.values()) {
          if (feature instanceof Map) {
            for (const usage of feature.values()) if (usage.requests !== 0) rows.push(usage);
          } else if (feature.requests !== 0) rows.push(feature);
        }
      if (rows.length > 0) byCustomer.set(customer, rows);
    }
    return byCustomer;
  }
}

function newUsage(day: string, feature: string, model: string): MergedUsage {
  return { day, feature, model, requests: 0, unpricedRequests: 0, tokens: {}, cost: 0n };
}
