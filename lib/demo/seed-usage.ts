/**
 * Loads the demo usage into a project through the real ingestion path (validation,
 * normalisation, pricing, the set-based write and the rollups), batch by batch.
 */
import type { Pool } from "pg";
import { ingestBatch } from "@/lib/ingest/ingest";
import { MAX_EVENTS_PER_REQUEST } from "@/lib/ingest/limits";
import { expectedDemoEvents, generateDemoEvents, type DemoOptions } from "./generate";

export interface SeedProgress {
  done: number;
  total: number;
}

export interface SeedResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  seconds: number;
}

/**
 * The default size: about 400 usage events a day over 90 days (~54k events with outcomes), small
 * enough that the first start loads it through the real ingestion path on the embedded database
 * while the user waits (load time: docs/benchmarks.md).
 */
export const DEMO_EVENTS_PER_DAY = 400;
export const DEMO_DAYS = 90;

export async function seedDemoUsage(
  pool: Pool,
  projectId: string,
  options: Partial<DemoOptions> & { onProgress?: (progress: SeedProgress) => void } = {},
): Promise<SeedResult> {
  const demo: DemoOptions = {
    days: options.days ?? DEMO_DAYS,
    eventsPerDay: options.eventsPerDay ?? DEMO_EVENTS_PER_DAY,
    now: options.now ?? Date.now(),
    seed: options.seed ?? 1,
    customers: options.customers ?? 200,
  };
  const total = expectedDemoEvents(demo);
  const started = Date.now();
  const result: SeedResult = { accepted: 0, duplicates: 0, rejected: 0, seconds: 0 };
  let done = 0;
  for (const batch of generateDemoEvents(demo, MAX_EVENTS_PER_REQUEST)) {
    const answer = await ingestBatch(pool, projectId, batch, demo.now);
    result.accepted += answer.accepted;
    result.duplicates += answer.duplicates;
    result.rejected += answer.rejected;
    if (answer.rejected > 0 && result.rejected === answer.rejected) {
      const first = answer.results.find((item) => item.status === "rejected");
      console.warn(`[demo] rejected events, first: ${first?.field}: ${first?.reason}`);
    }
    done += batch.filter((event) => event.type === "usage").length;
    options.onProgress?.({ done: Math.min(done, total), total });
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/** A one-line console progress bar that redraws itself (plain lines when not a terminal). */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stdout,
): (progress: SeedProgress) => void {
  let lastPercent = -1;
  return ({ done, total }) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`;
    if (stream.isTTY) stream.write(`\r${line}${percent === 100 ? "\n" : ""}`);
    else if (percent % 10 === 0) stream.write(`${line}\n`);
  };
}
