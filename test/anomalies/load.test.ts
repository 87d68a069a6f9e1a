import { describe, expect, it } from "vitest";
import { loadDailyRows } from "@/lib/anomalies/db/load";
import { seriesBaseline } from "@/lib/anomalies/db/series";
import { detectAnomalies } from "@/lib/anomalies/detect";
import { addDays } from "@/lib/calendar/days";
import { buildSeries } from "@/lib/anomalies/metrics";
import type { SeriesKey } from "@/lib/anomalies/types";
import { usdToFemto } from "@/lib/money";
import { createGpuRate } from "@/lib/pricing/db";
import { useTestDatabase } from "../support/database";
import { createTenant, outcomeEvent, postEvents, usageEvent } from "../ingest/support";

const db = useTestDatabase();
const DAY_MS = 86_400_000;

describe("the detector's daily rows", () => {
  it("carry the token cost apart from the whole cost, so GPU time does not price token changes", async () => {
    const tenant = await createTenant(db);
    const day = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    await createGpuRate(
      db.pool,
      tenant.projectId,
      { gpu_type: "H100", effective_from: new Date(Date.now() - 10 * DAY_MS), usd_per_gpu_hour: "3.60" },
      null,
    );
    const events = [
      usageEvent({
        feature: "reindex",
        provider: "self-hosted",
        model: "bge-m3",
        tokens: { input: 0 },
        gpu: { seconds: 3600, type: "H100", pool: "eu-1" },
        occurred_at: `${day}T02:00:00.000Z`,
      }),
      usageEvent({
        feature: "reindex",
        provider: "self-hosted",
        model: "llama-3.1-8b",
        tokens: { input: 1000 },
        gpu: { seconds: 10, type: "H100", pool: "eu-1" },
        occurred_at: `${day}T03:00:00.000Z`,
      }),
      usageEvent({
        feature: "chat",
        provider: "openai",
        model: "gpt-4o",
        tokens: { input: 1_000_000 },
        occurred_at: `${day}T04:00:00.000Z`,
      }),
    ];
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(3);
    const rows = await loadDailyRows(db.pool, tenant.projectId, day, day);
    const byModel = Object.fromEntries(rows.map((row) => [row.model, row]));
    expect(byModel["bge-m3"]).toMatchObject({ costFemto: usdToFemto("3.6"), tokenCostFemto: 0n });
    expect(byModel["llama-3.1-8b"]!.costFemto).toBe(usdToFemto("0.01"));
    expect(byModel["gpt-4o"]).toMatchObject({ costFemto: usdToFemto("2.5"), tokenCostFemto: usdToFemto("2.5") });
  });

  it("give a series' chart from its own slice, summed over what it does not name, the same points as the job's series over every row", async () => {
    const tenant = await createTenant(db);
    const to = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const events: Record<string, unknown>[] = [];
    for (let back = 20; back >= 0; back--) {
      const day = addDays(to, -back);
      const at = (hour: number) => `${day}T${String(hour).padStart(2, "0")}:00:00.000Z`;
      events.push(
        usageEvent({
          customer: "acme",
          feature: "support-bot",
          model: "gpt-4o",
          tokens: { input: 100_000 + back * 1000, output: 2000 },
          occurred_at: at(1),
        }),
      );
      events.push(
        usageEvent({
          customer: "globex",
          feature: "support-bot",
          model: "gpt-4o-mini",
          tokens: { input: 50_000, output: 500 + back },
          occurred_at: at(2),
        }),
      );
      events.push(
        usageEvent({
          customer: "acme",
          feature: "reports",
          model: "gpt-4o",
          tokens: { input: 300_000, output: back === 3 ? 90_000 : 4000 },
          occurred_at: at(3),
        }),
      );
      events.push(
        outcomeEvent({
          customer: "acme",
          feature: "support-bot",
          outcome: "ticket_resolved",
          quantity: 3 + (back % 4),
          occurred_at: at(4),
        }),
      );
      events.push(
        outcomeEvent({
          customer: "globex",
          feature: "support-bot",
          outcome: "ticket_resolved",
          quantity: 2,
          occurred_at: at(5),
        }),
      );
      events.push(
        outcomeEvent({
          customer: "acme",
          feature: "reports",
          outcome: "report_generated",
          quantity: 1,
          occurred_at: at(6),
        }),
      );
    }
    // The project's data begins before acme's: every series still starts on the project's first day.
    events.push(
      usageEvent({
        customer: "initech",
        feature: "search",
        model: "gpt-4o-mini",
        tokens: { input: 1000 },
        occurred_at: `${addDays(to, -25)}T01:00:00.000Z`,
      }),
    );
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(events.length);
    const all = await loadDailyRows(db.pool, tenant.projectId, addDays(to, -119), to);
    const first = all.reduce((min, row) => (row.day < min ? row.day : min), to);
    const keys: SeriesKey[] = [
      { metric: "cost" },
      { metric: "cost", scope: { dimension: "customer", value: "acme" } },
      { metric: "cost", scope: { dimension: "feature", value: "support-bot" } },
      { metric: "tokens_per_request", scope: { dimension: "model", value: "gpt-4o" } },
      { metric: "cost_per_outcome", outcomeType: "ticket_resolved", scope: { dimension: "customer", value: "acme" } },
      { metric: "cost_per_outcome", outcomeType: "report_generated" },
    ];
    for (const key of keys) {
      const chart = await seriesBaseline(db.pool, tenant.projectId, key, to);
      expect(chart.points).toEqual(detectAnomalies(buildSeries(all, key, first, to)).baseline);
      expect(chart.points.some((point) => point.actual !== null && point.actual > 0)).toBe(true);
    }
  });
});
