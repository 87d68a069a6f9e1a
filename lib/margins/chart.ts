/**
 * Chart preparers for the pricing page: every decision (labels, tones, which buckets show)
 * is made here, so the recharts components only draw.
 */
export interface BucketJson {
  key: string;
  label: string;
  from_percent: number | null;
  to_percent: number | null;
  count: number;
  customers: string[];
  revenue: string;
  margin: string;
}

type Tone = "bad" | "good" | "neutral";

interface DistributionBar {
  key: string;
  /** Full label for the tooltip, e.g. "-25% to 0%". */
  label: string;
  /** Short axis label, e.g. "−25…0" (the axis says the unit). */
  tick: string;
  count: number;
  tone: Tone;
  /** Hover text: who is in the bucket and its summed revenue and margin. */
  detail: string;
}

const MAX_NAMES = 8;

export function distributionBars(buckets: readonly BucketJson[], money: (usd: string) => string): DistributionBar[] {
  return buckets
    .filter((bucket) => bucket.key !== "no-revenue" || bucket.count > 0)
    .map((bucket) => {
      const tone: Tone =
        bucket.key === "no-revenue" ? "neutral" : bucket.to_percent !== null && bucket.to_percent <= 0 ? "bad" : "good";
      const names =
        bucket.customers.slice(0, MAX_NAMES).join(", ") +
        (bucket.customers.length > MAX_NAMES ? ` and ${bucket.customers.length - MAX_NAMES} more` : "");
      const who =
        bucket.count === 0 ? "no customers" : `${bucket.count} customer${bucket.count === 1 ? "" : "s"}: ${names}`;
      return {
        key: bucket.key,
        label: bucket.label,
        tick: shortLabel(bucket),
        count: bucket.count,
        tone,
        detail: `${who}. Revenue ${money(bucket.revenue)}, margin ${money(bucket.margin)}.`,
      };
    });
}

const minus = (n: number) => (n < 0 ? `−${-n}` : String(n));

function shortLabel(bucket: BucketJson): string {
  if (bucket.key === "no-revenue") return "no revenue";
  if (bucket.from_percent === null) return `<${minus(bucket.to_percent ?? 0)}%`;
  if (bucket.to_percent === null) return `≥${minus(bucket.from_percent)}%`;
  return `${minus(bucket.from_percent)}…${minus(bucket.to_percent)}`;
}

/** "23.08%", or "—" when there is no revenue to divide by. */
export function formatMarginPct(pct: number | null): string {
  if (pct === null) return "—";
  return `${pct.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 2 })}%`;
}

export function toneOfAmount(usd: string): Tone {
  if (/^-/.test(usd) && !/^-0(\.0*)?$/.test(usd)) return "bad";
  return /[1-9]/.test(usd) ? "good" : "neutral";
}
