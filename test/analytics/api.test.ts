import { describe, expect, it } from "vitest";
import { GET as summary } from "@/app/api/v1/summary/route";
import { GET as costs } from "@/app/api/v1/costs/route";
import { GET as timeseries } from "@/app/api/v1/timeseries/route";
import { GET as compare } from "@/app/api/v1/compare/route";
import { GET as usageEvents } from "@/app/api/v1/usage-events/route";
import { addDays } from "@/lib/calendar/days";
import { useTestDatabase } from "../support/database";
import { callRoute, createTenant, ingest, usage } from "./support";

const db = useTestDatabase();
const today = new Date().toISOString().slice(0, 10);
// The last 7 days with today (range=7d is 7 complete days and leaves today's events out).
const week = `from=${addDays(today, -6)}&to=${today}`;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function twoTenants() {
  const a = await createTenant(db);
  const b = await createTenant(db);
  await ingest(db, a.projectId, [
    usage({
      occurred_at: hoursAgo(1),
      customer: "acme",
      feature: "support-bot",
      model: "gpt-4o",
      tokens: { input: 1_000_000, output: 100_000 },
    }),
    usage({
      occurred_at: hoursAgo(2),
      customer: "globex",
      feature: "summarize",
      model: "gpt-4o",
      tokens: { input: 2_000_000 },
    }),
  ]);
  await ingest(db, b.projectId, [
    usage({
      occurred_at: hoursAgo(1),
      customer: "b-secret",
      feature: "b-feature",
      model: "gpt-4o",
      tokens: { input: 4_000_000 },
    }),
  ]);
  return { a, b };
}

describe("read API", () => {
  it("answers with the key's project only: a read key of A never sees B", async () => {
    const { a, b } = await twoTenants();
    const fromA = await callRoute(summary, `/api/v1/summary?${week}&project=${b.projectId}`, a.readKey);
    expect(fromA.status).toBe(200);
    // gpt-4o: $2.50/M input, $10/M output -> 2.5 + 1 + 5 = 8.5
    expect(fromA.json.spend).toBe("8.50");
    expect(fromA.json.requests).toBe(2);
    const customersA = await callRoute(costs, `/api/v1/costs?${week}&group_by=customer`, a.readKey);
    expect(customersA.json.rows.map((row: { key: string }) => row.key).sort()).toEqual(["acme", "globex"]);
    const eventsA = await callRoute(usageEvents, "/api/v1/usage-events?customer=b-secret", a.readKey);
    expect(eventsA.json.events).toEqual([]);
    const fromB = await callRoute(summary, `/api/v1/summary?${week}`, b.readKey);
    expect(fromB.json.spend).toBe("10.00");
  });

  it("refuses missing and ingest-only keys before any query", async () => {
    const { a } = await twoTenants();
    expect((await callRoute(costs, "/api/v1/costs", null)).status).toBe(401);
    const ingestOnly = await callRoute(costs, "/api/v1/costs", a.ingestKey);
    expect(ingestOnly.status).toBe(403);
    expect(ingestOnly.json.error.code).toBe("forbidden");
  });

  it.each([
    ["/api/v1/costs?group_by=colour", "group_by"],
    ["/api/v1/costs?from=2026-02-30&to=2026-03-01", "from"],
    ["/api/v1/costs?from=2026-03-01", "to"],
    ["/api/v1/costs?from=2026-03-05&to=2026-03-01", "to"],
    ["/api/v1/summary?range=week", "range"],
    ["/api/v1/timeseries?top=0", "top"],
    ["/api/v1/compare?dimension=feature&target_model=gpt-4o-mini", "key"],
    ["/api/v1/compare?dimension=all", "target_model"],
    ["/api/v1/compare?target_model=no-such-model-xyz", "target_model"],
    ["/api/v1/usage-events?limit=500", "limit"],
    ["/api/v1/usage-events?cursor=garbage", "cursor"],
    ["/api/v1/usage-events?unpriced=maybe", "unpriced"],
  ])("%s is a 400 naming %s", async (path, param) => {
    const { a } = await twoTenants();
    const handler = { summary, costs, timeseries, compare, "usage-events": usageEvents }[
      path.split("?")[0]!.split("/").pop() as "costs"
    ];
    const res = await callRoute(handler, path, a.readKey);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_query");
    expect(res.json.error.message.startsWith(`${param}:`)).toBe(true);
  });

  it("accepts repeated and comma-separated filters", async () => {
    const { a } = await twoTenants();
    const repeated = await callRoute(
      costs,
      `/api/v1/costs?${week}&group_by=feature&customer=acme&customer=globex`,
      a.readKey,
    );
    const commas = await callRoute(costs, `/api/v1/costs?${week}&group_by=feature&customer=acme,globex`, a.readKey);
    expect(repeated.json).toEqual(commas.json);
    const one = await callRoute(costs, `/api/v1/costs?${week}&group_by=feature&customer=acme`, a.readKey);
    expect(one.json.rows.map((row: { key: string }) => row.key)).toEqual(["support-bot"]);
  });

  it("returns the same rows as CSV with a download filename", async () => {
    const { a } = await twoTenants();
    const json = await callRoute(costs, `/api/v1/costs?from=${today}&to=${today}&group_by=customer`, a.readKey);
    const csv = await callRoute(
      costs,
      `/api/v1/costs?from=${today}&to=${today}&group_by=customer&format=csv`,
      a.readKey,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="costs_by_customer_${today}_${today}.csv"`,
    );
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]!.startsWith("customer,provider,spend_usd,")).toBe(true);
    expect(lines).toHaveLength(json.json.rows.length + 2);
    const spend = lines.slice(1, -1).map((line) => line.split(",").slice(0, 3));
    expect(spend).toEqual(json.json.rows.map((row: { key: string; spend: string }) => [row.key, "", row.spend]));
    expect(lines.at(-1)!.startsWith(`total,,${json.json.totals.spend},`)).toBe(true);
  });

  it("pages the events explorer newest first with a cursor", async () => {
    const tenant = await createTenant(db);
    for (let batch = 0; batch < 3; batch++) {
      await ingest(
        db,
        tenant.projectId,
        Array.from({ length: 4 }, (_, i) =>
          usage({ occurred_at: hoursAgo(batch + i / 10), model: i === 3 ? "unknown-model-q" : "gpt-4o" }),
        ),
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { events: { event_id: string; received_at: string }[]; next_cursor: string | null } } =
        await callRoute(
          usageEvents,
          `/api/v1/usage-events?limit=5${cursor ? `&cursor=${cursor}` : ""}`,
          tenant.readKey,
        );
      seen.push(...page.json.events.map((event) => event.event_id));
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    const unpriced = await callRoute(usageEvents, "/api/v1/usage-events?unpriced=true", tenant.readKey);
    expect(unpriced.json.events).toHaveLength(3);
    expect(unpriced.json.events[0].cost).toMatchObject({ source: "unpriced", total: null, token: null, gpu: null });
    const unpricedCsv = await callRoute(usageEvents, "/api/v1/usage-events?unpriced=true&format=csv", tenant.readKey);
    const [header, first] = unpricedCsv.text
      .trimEnd()
      .split("\r\n")
      .map((line) => line.split(","));
    const column = (name: string) => first![header!.indexOf(name)];
    expect([column("cost_total_usd"), column("cost_source")]).toEqual(["", "unpriced"]);
    const priced = await callRoute(usageEvents, "/api/v1/usage-events?unpriced=false&limit=1", tenant.readKey);
    expect(priced.json.events[0].cost.source).toBe("computed");
    expect(priced.json.events[0].pricing).toBeTruthy();
  });
});
