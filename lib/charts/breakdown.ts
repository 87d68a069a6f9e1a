/**
 * A ranked breakdown ("top customers of this feature"): the largest N rows by spend, an exact
 * "Other" row for the rest, and each row's share of the total as a bar width.
 */
import { sumUsd } from "./decimal";
import { assignColors } from "./colors";
import { foldTopN } from "./top-n";
import { seriesLabel, OTHER_SERIES_KEY } from "./stacked-spend";
import { usdToFemto } from "@/lib/money";

export interface BreakdownInput {
  key: string;
  provider?: string | null;
  spend: string;
  requests: number;
}

export interface BreakdownItem {
  key: string;
  provider: string | null;
  label: string;
  spend: string;
  requests: number;
  /** Fraction of the total spend (0..1); null when the total is zero. */
  share: number | null;
  color: string;
  isOther: boolean;
  /** How many rows an "Other" item holds. */
  count: number;
}

function share(part: string, total: string): number | null {
  const whole = usdToFemto(total);
  if (whole === 0n) return null;
  return Number((usdToFemto(part) * 1_000_000n) / whole) / 1_000_000;
}

export function prepareBreakdown(rows: readonly BreakdownInput[], n = 8): { items: BreakdownItem[]; total: string } {
  const total = sumUsd(rows.map((row) => row.spend));
  const withAmount = rows.map((row) => ({ ...row, amount: row.spend }));
  const { top, other } = foldTopN(withAmount, n, OTHER_SERIES_KEY);
  const colors = assignColors([...top.map((row) => ({ key: row.key })), ...(other ? [{ key: other.key, isOther: true }] : [])]);
  const items: BreakdownItem[] = top.map((row) => ({
    key: row.key,
    provider: row.provider ?? null,
    label: seriesLabel(row.key, false),
    spend: row.spend,
    requests: row.requests,
    share: share(row.spend, total),
    color: colors.get(row.key)!,
    isOther: false,
    count: 1,
  }));
  if (other) {
    const folded = rows.filter((row) => other.keys.includes(row.key));
    items.push({
      key: other.key,
      provider: null,
      label: `${seriesLabel(other.key, true)} (${other.count})`,
      spend: other.amount,
      requests: folded.reduce((sum, row) => sum + row.requests, 0),
      share: share(other.amount, total),
      color: colors.get(other.key)!,
      isOther: true,
      count: other.count,
    });
  }
  return { items, total };
}

