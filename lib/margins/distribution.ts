/** Margin distribution over customers, ready for a bar chart, and the loss-making ones. */
import type { Femto } from "@/lib/money";
import { shareOf } from "./amounts";

interface MarginPoint {
  customer: string;
  revenue: Femto;
  margin: Femto;
}

export interface HistogramBucket {
  /** Stable key for the chart, e.g. "-25..0", "<-100", "75..", "no-revenue". */
  key: string;
  /** Human label, e.g. "-25% to 0%". */
  label: string;
  /** Inclusive lower bound in percent (null: unbounded or the no-revenue bucket). */
  fromPercent: number | null;
  /** Exclusive upper bound in percent (null: unbounded or the no-revenue bucket). */
  toPercent: number | null;
  count: number;
  customers: string[];
  revenue: Femto;
  margin: Femto;
}

/** Bucket edges in whole percent of margin over revenue. */
const DEFAULT_HISTOGRAM_EDGES: readonly number[] = [-100, -50, -25, 0, 25, 50, 75];

/**
 * Buckets customers by margin % = margin / revenue. Bucket membership is decided exactly on the
 * bigints (margin × 100 ≥ edge × revenue), so a customer at exactly 25% lands in "25..50".
 * Customers with no (or negative) revenue have no margin % and go to a last "no-revenue" bucket.
 */
export function marginHistogram(
  points: readonly MarginPoint[],
  edges: readonly number[] = DEFAULT_HISTOGRAM_EDGES,
): HistogramBucket[] {
  if (edges.length === 0 || edges.some((edge, i) => !Number.isInteger(edge) || (i > 0 && edge <= edges[i - 1]!))) {
    throw new RangeError("histogram edges must be increasing whole percentages");
  }
  const buckets: HistogramBucket[] = [bucket(`<${edges[0]}`, `below ${edges[0]}%`, null, edges[0]!)];
  edges.forEach((edge, index) => {
    const next = edges[index + 1];
    buckets.push(
      next === undefined
        ? bucket(`${edge}..`, `${edge}% and above`, edge, null)
        : bucket(`${edge}..${next}`, `${edge}% to ${next}%`, edge, next),
    );
  });
  const noRevenue = bucket("no-revenue", "no revenue", null, null);
  for (const point of points) {
    const target = point.revenue <= 0n ? noRevenue : buckets[bucketIndex(point, edges)]!;
    target.count += 1;
    target.customers.push(point.customer);
    target.revenue += point.revenue;
    target.margin += point.margin;
  }
  return [...buckets, noRevenue];
}

function bucketIndex(point: MarginPoint, edges: readonly number[]): number {
  let index = 0;
  for (const edge of edges) {
    if (point.margin * 100n >= BigInt(edge) * point.revenue) index += 1;
    else break;
  }
  return index;
}

function bucket(key: string, label: string, fromPercent: number | null, toPercent: number | null): HistogramBucket {
  return { key, label, fromPercent, toPercent, count: 0, customers: [], revenue: 0n, margin: 0n };
}

export interface RevenueAtRisk {
  /** Revenue from customers whose margin is negative. */
  revenue: Femto;
  totalRevenue: Femto;
  /** revenue / totalRevenue as a fraction (display only); null when total revenue is 0. */
  share: number | null;
}

export function revenueAtRisk(points: readonly MarginPoint[]): RevenueAtRisk {
  let revenue = 0n;
  let totalRevenue = 0n;
  for (const point of points) {
    totalRevenue += point.revenue;
    if (point.margin < 0n) revenue += point.revenue;
  }
  return { revenue, totalRevenue, share: shareOf(revenue, totalRevenue) };
}
