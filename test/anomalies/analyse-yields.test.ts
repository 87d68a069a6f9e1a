import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/calendar/days";
import { analyse } from "@/lib/anomalies/db/analyse";
import type { DailyAggregateRow } from "@/lib/anomalies/metrics";
import { prng } from "../fuzz/random";

/**
 * The detection pass runs on the web server's thread (the scheduler's timers): it must hand the
 * event loop back while it works, so that a page asked for during a pass is served, not held
 * for the whole pass (0.6 s on the demo's 120 days).
 */
function windowRows(days: number, customers: number): DailyAggregateRow[] {
  const random = prng(7);
  const rows: DailyAggregateRow[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays("2026-08-01", d);
    for (let c = 0; c < customers; c++) {
      for (const feature of ["chat", "search", "agent"]) {
        const events = 50 + Math.floor(random() * 50);
        rows.push({
          day,
          feature,
          customer: `customer-${c}`,
          model: c % 2 ? "gpt-4o" : "claude-sonnet",
          events,
          tokens: { input: events * 900, output: events * 200, cache_read: events * 300 },
          costFemto: BigInt(events) * 25_000_000_000_000n,
          outcomes: 0,
        });
      }
    }
  }
  return rows;
}

describe("analyse", () => {
  it("lets timers and requests run while it works, and answers the same", async () => {
    const rows = windowRows(120, 40);
    const to = addDays("2026-08-01", 119);
    const order: string[] = [];
    setImmediate(() => order.push("the event loop had a turn"));
    const first = await analyse(rows, "2026-08-01", to);
    order.push("analysed");
    expect(order).toEqual(["the event loop had a turn", "analysed"]);
    expect(first.seriesCount).toBeGreaterThan(20);
    // Yielding changes when it computes, never what.
    expect(await analyse(rows, "2026-08-01", to)).toEqual(first);
  });
});
