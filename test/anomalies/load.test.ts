import { describe, expect, it } from "vitest";
import { loadDailyRows } from "@/lib/anomalies/db/load";
import { usdToFemto } from "@/lib/money";
import { createGpuRate } from "@/lib/pricing/db";
import { useTestDatabase } from "../support/database";
import { createTenant, postEvents, usageEvent } from "../ingest/support";

const db = useTestDatabase();
const DAY_MS = 86_400_000;

describe("the detector's daily rows", () => {
  it("carry the token cost apart from the whole cost, so GPU time does not price token changes", async () => {
    const tenant = await createTenant(db);
    const day = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    await createGpuRate(db.pool, tenant.projectId, { gpu_type: "H100", effective_from: new Date(Date.now() - 10 * DAY_MS), usd_per_gpu_hour: "3.60" }, null);
    const events = [
      usageEvent({ feature: "reindex", provider: "self-hosted", model: "bge-m3", tokens: { input: 0 }, gpu: { seconds: 3600, type: "H100", pool: "eu-1" }, occurred_at: `${day}T02:00:00.000Z` }),
      usageEvent({ feature: "reindex", provider: "self-hosted", model: "llama-3.1-8b", tokens: { input: 1000 }, gpu: { seconds: 10, type: "H100", pool: "eu-1" }, occurred_at: `${day}T03:00:00.000Z` }),
      usageEvent({ feature: "chat", provider: "openai", model: "gpt-4o", tokens: { input: 1_000_000 }, occurred_at: `${day}T04:00:00.000Z` }),
    ];
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(3);
    const rows = await loadDailyRows(db.pool, tenant.projectId, day, day);
    const byModel = Object.fromEntries(rows.map((row) => [row.model, row]));
    expect(byModel["bge-m3"]).toMatchObject({ costFemto: usdToFemto("3.6"), tokenCostFemto: 0n });
    expect(byModel["llama-3.1-8b"]!.costFemto).toBe(usdToFemto("0.01"));
    expect(byModel["gpt-4o"]).toMatchObject({ costFemto: usdToFemto("2.5"), tokenCostFemto: usdToFemto("2.5") });
  });
});
