/** Display of prices: $ per million tokens as published, money with its significant digits. */
import { formatUsd, usdToFemto } from "@/lib/money";
import type { EntryJson } from "./api";

export function perMillion(value: string | undefined): string {
  return value === undefined ? "—" : `$${value}`;
}

/** "$0.0023" below a cent (4 significant digits), "$1,234.56" above. */
export function money(value: string): string {
  const femto = usdToFemto(value);
  const abs = femto < 0n ? -femto : femto;
  if (abs === 0n || abs >= 10n ** 13n) return formatUsd(femto);
  const digits = Math.max(2, 15 - abs.toString().length + 4);
  return formatUsd(femto, Math.min(digits, 15)).replace(/(\.\d\d\d*?)0+$/, "$1");
}

export function baseBand(entry: EntryJson) {
  return entry.tiers.standard?.[0]?.usd_per_mtok ?? {};
}

/** Badges for what else an entry prices: long-context bands, service tiers. */
export function entryBadges(entry: EntryJson): string[] {
  const badges: string[] = [];
  for (const band of (entry.tiers.standard ?? []).slice(1)) badges.push(`>${Math.round(band.above / 1000)}k`);
  for (const tier of ["batch", "flex", "priority"] as const) if (entry.tiers[tier]) badges.push(tier);
  return badges;
}

export const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");
