/**
 * A ranked breakdown ("top customers of this feature"): the largest N rows by spend, an exact
 * "Other" row for the rest, and each row's share of the total as a bar width.
 */
import { sumUsd } from "./decimal";
import { assignColors } from "./colors";
import { byAmountDesc, foldTopN } from "./top-n";
import { seriesLabel, OTHER_SERIES_KEY } from "./stacked-spend";
import { femtoToUsd, usdToFemto } from "@/lib/money";

interface BreakdownInput {
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

/**
 * `whole`: the period's totals when `rows` are only the top of a longer list (the summary's top
 * 10): "Other" is then whole minus the rows shown, and shares are of the whole period.
 */
export function prepareBreakdown(
  rows: readonly BreakdownInput[],
  n = 8,
  whole?: { spend: string; requests: number },
): { items: BreakdownItem[]; total: string } {
  const total = whole?.spend ?? sumUsd(rows.map((row) => row.spend));
  const withAmount = rows.map((row) => ({ ...row, amount: row.spend }));
  const { top } = foldTopN(withAmount, n, OTHER_SERIES_KEY);
  const shown = top.length;
  const rest = sorted(rows).slice(shown);
  const restSpend = whole
    ? subtractUsd(whole.spend, sumUsd(top.map((row) => row.spend)))
    : sumUsd(rest.map((row) => row.spend));
  const restRequests = whole
    ? whole.requests - top.reduce((sum, row) => sum + row.requests, 0)
    : rest.reduce((sum, row) => sum + row.requests, 0);
  const hasOther = whole ? usdToFemto(restSpend) > 0n || restRequests > 0 : rest.length > 0;
  const colors = assignColors([
    ...top.map((row) => ({ key: row.key })),
    ...(hasOther ? [{ key: OTHER_SERIES_KEY, isOther: true }] : []),
  ]);
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
  if (hasOther) {
    items.push({
      key: OTHER_SERIES_KEY,
      provider: null,
      label: whole ? "All others" : `${seriesLabel(OTHER_SERIES_KEY, true)} (${rest.length})`,
      spend: restSpend,
      requests: restRequests,
      share: share(restSpend, total),
      color: colors.get(OTHER_SERIES_KEY)!,
      isOther: true,
      count: rest.length,
    });
  }
  return { items, total };
}

function sorted(rows: readonly BreakdownInput[]): BreakdownInput[] {
  return rows.map((row) => ({ ...row, amount: row.spend })).sort(byAmountDesc);
}

function subtractUsd(a: string, b: string): string {
  return femtoToUsd(usdToFemto(a) - usdToFemto(b));
}
