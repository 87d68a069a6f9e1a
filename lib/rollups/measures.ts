/**
 * The measures every usage rollup level holds, declared once: the write path's upserts and
 * running totals, the readers' column lists and the Prisma agreement test all derive from this
 * list. A value travels as a bigint scaled by 10^scale (femtodollars for costs, microseconds
 * for GPU time), so deltas add exactly and print as the column's decimal text.
 */
import { TOKEN_CLASSES } from "@/lib/token-classes";

interface Measure {
  column: string;
  type: "int8" | "numeric";
  /** Decimal places of the column: the value is carried as value × 10^scale. */
  scale: number;
}

export const MEASURES: readonly Measure[] = [
  { column: "events", type: "int8", scale: 0 },
  { column: "error_events", type: "int8", scale: 0 },
  { column: "unpriced_events", type: "int8", scale: 0 },
  ...TOKEN_CLASSES.map((tokenClass) => ({ column: `tokens_${tokenClass}`, type: "int8" as const, scale: 0 })),
  { column: "gpu_seconds", type: "numeric", scale: 6 },
  { column: "cost_token", type: "numeric", scale: 15 },
  { column: "cost_gpu", type: "numeric", scale: 15 },
  { column: "cost_total", type: "numeric", scale: 15 },
  { column: "latency_count", type: "int8", scale: 0 },
  { column: "latency_sum_ms", type: "int8", scale: 0 },
  /** Per-bucket counts packed in 18-digit fields (lib/ingest/latency-buckets.ts): sums add bucket-wise. */
  { column: "latency_histogram_packed", type: "numeric", scale: 0 },
];

export const MEASURE_COLUMNS: readonly string[] = MEASURES.map((measure) => measure.column);

/** A measure's position in MEASURES (and in every values array). */
export function measureIndex(column: string): number {
  const index = MEASURE_COLUMNS.indexOf(column);
  if (index < 0) throw new Error(`${column} is not a rollup measure`);
  return index;
}

/** Values aligned with MEASURES, each scaled by its measure's 10^scale. */
export type MeasureValues = bigint[];

export function zeroValues(): MeasureValues {
  return MEASURES.map(() => 0n);
}

/** The column's decimal text of a scaled value: 1234567n at scale 6 is "1.234567". */
export function scaledText(value: bigint, scale: number): string {
  if (scale === 0) return value.toString();
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, "0");
  return `${value < 0n ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A column's decimal text as a scaled value (the inverse of scaledText; extra places refused). */
export function parseScaled(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimal places`);
  const value = BigInt(match[2]! + fraction.padEnd(scale, "0"));
  return match[1] ? -value : value;
}
