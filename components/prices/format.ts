/** Display of prices: $ per million tokens as published. */
import type { PriceEntry } from "@/lib/pricing/contracts";

export function perMillion(value: string | undefined): string {
  return value === undefined ? "—" : `$${value}`;
}

export function baseBand(entry: PriceEntry) {
  return entry.tiers.standard?.[0]?.usd_per_mtok ?? {};
}

/** Badges for what else an entry prices: long-context bands, service tiers. */
export function entryBadges(entry: PriceEntry): string[] {
  const badges: string[] = [];
  for (const band of (entry.tiers.standard ?? []).slice(1)) badges.push(`>${Math.round(band.above / 1000)}k`);
  for (const tier of ["batch", "flex", "priority"] as const) if (entry.tiers[tier]) badges.push(tier);
  // Models billed per second, character or image: "$0.0001 / second", "$0.08 / image 1024x1792 hd".
  for (const [unit, usd] of Object.entries(entry.usd_per_unit ?? {}))
    badges.push(`$${usd} / ${unit.replaceAll(":", " ")}`);
  return badges;
}

/** An error's message as the form shows it, or nothing. */
export function errorText(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : String(error);
}

export const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");
