/** The H200 telemetry fixture (fixtures/gpu-telemetry-h200.jsonl, measured for this project on 2026-11-27) read into exact units. */
import { readFileSync } from "node:fs";

interface TelemetryRequest {
  readonly request_id: string;
  readonly customer: string;
  readonly feature: string;
  readonly prompt_tokens: number;
  readonly output_tokens: number;
}
interface TelemetryBatch {
  readonly kind: "batch";
  readonly batch_id: string;
  readonly started_at: number;
  readonly gpu_ms: number;
  readonly wall_ms: number;
  readonly requests: readonly TelemetryRequest[];
}
interface TelemetryIdle {
  readonly kind: "idle";
  readonly started_at: number;
  readonly wall_ms: number;
}
interface TelemetrySummary {
  readonly kind: "summary";
  readonly prompt_tokens: number;
  readonly output_tokens: number;
  readonly requests: number;
  readonly batches: number;
}
type Line = TelemetryBatch | TelemetryIdle | TelemetrySummary;

const FILE = new URL("fixtures/gpu-telemetry-h200.jsonl", import.meta.url);

export function readTelemetry() {
  const lines = readFileSync(FILE, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Line);
  const batches = lines.filter((line): line is TelemetryBatch => line.kind === "batch");
  const idles = lines.filter((line): line is TelemetryIdle => line.kind === "idle");
  const summary = lines.find((line): line is TelemetrySummary => line.kind === "summary");
  if (!summary) throw new Error("telemetry has no summary line");
  return { batches, idles, summary };
}

/** Timestamps carry 7 decimals of a second: microseconds, rounded once (fixture data, not money). */
export const secondsToMicros = (seconds: number): bigint => BigInt(Math.round(seconds * 1e6));
/** GPU milliseconds carry 3 decimals: exact microseconds. */
export const millisToMicros = (ms: number): bigint => BigInt(Math.round(ms * 1000));
