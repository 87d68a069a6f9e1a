import { describe, expect, it } from "vitest";
import { GET as anomalies } from "@/app/api/v1/anomalies/route";
import { GET as costs } from "@/app/api/v1/costs/route";
import { GET as summary } from "@/app/api/v1/summary/route";
import { addDays } from "@/lib/calendar/days";
import { useTestDatabase } from "../support/database";
import { callRoute, createTenant, ingest, usage } from "./support";

const db = useTestDatabase();
const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);

async function insertAnomaly(projectId: string, day: string): Promise<void> {
  await db.pool.query(
    `INSERT INTO anomalies (project_id, series_id, metric, day, kind, direction, expected, actual, band_low, band_high, score, severity, description)
     VALUES ($1, 'cost', 'cost', $2::date, 'spike', 'up', 1, 5, 0, 2, 6, 'high', 'spike')`,
    [projectId, day],
  );
}

describe("periods in the read API", () => {
  it("leaves today out of the last 7 days, reports it apart, and states the comparison window", async () => {
    const tenant = await createTenant(db);
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
    await ingest(db, tenant.projectId, [
      usage({ occurred_at: at(0), model: "gpt-4o", tokens: { input: 1_000_000 } }),
      usage({ occurred_at: at(2), model: "gpt-4o", tokens: { input: 2_000_000 } }),
      usage({ occurred_at: at(9), model: "gpt-4o", tokens: { input: 4_000_000 } }),
    ]);
    const res = await callRoute(summary, "/api/v1/summary?range=7d", tenant.readKey);
    expect(res.status).toBe(200);
    // UTC organisation: the period is the 7 days before today.
    expect(res.json.period).toEqual({
      from: addDays(today, -7),
      to: addDays(today, -1),
      days: 7,
      timezone: "UTC",
      partial_day: null,
    });
    expect(res.json.previous_period).toMatchObject({ from: addDays(today, -14), to: addDays(today, -8) });
    expect(res.json.comparison).toBe("previous-days");
    expect(res.json.spend).toBe("5.00");
    expect(res.json.previous_spend).toBe("10.00");
    expect(res.json.today).toEqual({ day: today, spend: "2.50", requests: 1, partial: true });

    const mtd = await callRoute(costs, "/api/v1/costs?range=mtd&group_by=model", tenant.readKey);
    expect(mtd.json.period).toMatchObject({ from: `${today.slice(0, 8)}01`, to: today, partial_day: today });
    expect(mtd.json.comparison).toBe("same-days-previous-month");
  });

  it("lists only the anomalies of the requested range", async () => {
    const tenant = await createTenant(db);
    for (const daysAgo of [1, 20, 45, 120]) await insertAnomaly(tenant.projectId, addDays(today, -daysAgo));
    const days = async (query: string) => {
      const res = await callRoute(anomalies, `/api/v1/anomalies${query}`, tenant.readKey);
      expect(res.status).toBe(200);
      return (res.json.anomalies as { day: string }[]).map((item) => item.day).sort();
    };
    expect(await days("?range=30d")).toEqual([addDays(today, -20), addDays(today, -1)]);
    expect(await days("?range=90d")).toEqual([addDays(today, -45), addDays(today, -20), addDays(today, -1)]);
    expect(await days(`?from=${addDays(today, -50)}&to=${addDays(today, -40)}`)).toEqual([addDays(today, -45)]);
    expect(await days("")).toHaveLength(4);
  });

  it("refuses an inverted or half period on the anomalies list, naming the field", async () => {
    const tenant = await createTenant(db);
    const inverted = await callRoute(anomalies, "/api/v1/anomalies?from=2026-11-10&to=2026-11-01", tenant.readKey);
    expect(inverted.status).toBe(400);
    expect(inverted.json.error.message).toMatch(/^to: must not be before from/);
    const half = await callRoute(anomalies, "/api/v1/anomalies?from=2026-11-10", tenant.readKey);
    expect(half.status).toBe(400);
    expect(half.json.error.message).toMatch(/^to: required/);
    const unknown = await callRoute(anomalies, "/api/v1/anomalies?range=year", tenant.readKey);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/^range: one of/);
  });
});
