import { describe, expect, it } from "vitest";
import { GET as usageEvents } from "@/app/api/v1/usage-events/route";
import { EXPORT_PAGE } from "@/lib/analytics/contracts";
import { containsPattern } from "@/lib/analytics/queries/list-usage-events";
import { addDays } from "@/lib/calendar/days";
import { useTestDatabase } from "../support/database";
import { callRoute, createTenant, ingest, usage } from "./support";

const db = useTestDatabase();
const today = new Date().toISOString().slice(0, 10);
const day = addDays(today, -90);

type EventJson = { event_id: string; occurred_at: string; customer: string; feature: string; model: string };
type Page = { period: { from: string; to: string } | null; events: EventJson[]; next_cursor: string | null };

async function allPages(key: string, query: string, limit = 7): Promise<EventJson[]> {
  const seen: EventJson[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; json: Page } = await callRoute(
      usageEvents,
      `/api/v1/usage-events?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
      key,
    );
    expect(res.status).toBe(200);
    seen.push(...res.json.events);
    cursor = res.json.next_cursor;
  } while (cursor);
  return seen;
}

describe("events explorer", () => {
  it("pages through one day 90 days back in the organisation's timezone, newest first by occurred_at", async () => {
    // New York is UTC-5 in winter (UTC-4 in summer): the day runs from 04:00 or 05:00 UTC to the next.
    const tenant = await createTenant(db, "America/New_York");
    const inside = Array.from({ length: 20 }, (_, i) =>
      usage({
        occurred_at: `${day}T${String(6 + (i % 17)).padStart(2, "0")}:${String(i).padStart(2, "0")}:00Z`,
        customer: `c${i % 3}`,
      }),
    );
    const outside = [
      usage({ occurred_at: `${day}T03:59:00Z` }), // the evening before, in New York
      usage({ occurred_at: `${addDays(day, 1)}T05:01:00Z` }), // the next day, in New York
      usage({ occurred_at: new Date().toISOString() }),
    ];
    // Sent out of time order: the explorer sorts by when events occurred, not by arrival.
    await ingest(db, tenant.projectId, [...inside.slice(10), ...outside]);
    await ingest(db, tenant.projectId, inside.slice(0, 10));

    const first: { json: Page } = await callRoute(
      usageEvents,
      `/api/v1/usage-events?from=${day}&to=${day}&limit=5`,
      tenant.readKey,
    );
    expect(first.json.period).toMatchObject({ from: day, to: day });
    const seen = await allPages(tenant.readKey, `from=${day}&to=${day}`);
    expect(seen.map((event) => event.event_id).sort()).toEqual(inside.map((event) => event.event_id as string).sort());
    const times = seen.map((event) => event.occurred_at);
    expect(times).toEqual([...times].sort().reverse());

    const all = await allPages(tenant.readKey, "", 50);
    expect(all).toHaveLength(23);
    expect(all[0]!.event_id).toBe(outside[2]!.event_id);
  });

  it("finds customers, features and models by a piece of their name, taking % and _ literally", async () => {
    const tenant = await createTenant(db);
    await ingest(db, tenant.projectId, [
      usage({ customer: "rakor-labs", feature: "agent", model: "gpt-4o" }),
      usage({ customer: "Rakor Inc", feature: "agent_v2", model: "gpt-4o-mini" }),
      usage({ customer: "acme", feature: "100%-recall", model: "gpt-4o" }),
      usage({ customer: "ÉCOLE-Zürich", feature: "agent", model: "gpt-4o" }),
    ]);
    const customers = async (query: string) =>
      (await allPages(tenant.readKey, query)).map((event) => event.customer).sort();
    expect(await customers("customer_contains=rakor")).toEqual(["Rakor Inc", "rakor-labs"]);
    expect(await customers("feature_contains=t_v")).toEqual(["Rakor Inc"]);
    expect(await customers("feature_contains=_")).toEqual(["Rakor Inc"]);
    expect(await customers("feature_contains=%25")).toEqual(["acme"]);
    expect(await customers("model_contains=MINI&customer_contains=rak")).toEqual(["Rakor Inc"]);
    expect(await customers("customer=rakor")).toEqual([]);
    // Case folded beyond ASCII (the column compares byte by byte, the search folds by the database's rules).
    expect(await customers(`customer_contains=${encodeURIComponent("école-züRICH")}`)).toEqual(["ÉCOLE-Zürich"]);
    expect(containsPattern("a%b_c\\")).toBe("%a\\%b\\_c\\\\%");
  });

  it("exports every event of the filtered period as CSV, across many keyset pages", async () => {
    const tenant = await createTenant(db);
    const count = EXPORT_PAGE * 2 + 37;
    const events = Array.from({ length: count }, (_, i) =>
      usage({
        occurred_at: `${day}T${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:${String(i % 59).padStart(2, "0")}Z`,
        customer: i % 2 ? "odd" : "even",
      }),
    );
    for (let start = 0; start < count; start += 1000)
      await ingest(db, tenant.projectId, events.slice(start, start + 1000));
    await ingest(db, tenant.projectId, [usage({ occurred_at: `${addDays(day, 1)}T12:00:00Z` })]);

    const res = await callRoute(
      usageEvents,
      `/api/v1/usage-events?from=${day}&to=${day}&format=csv&limit=3`,
      tenant.readKey,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="usage_events_${day}_${day}.csv"`);
    const lines = res.text.trimEnd().split("\r\n");
    expect(lines[0]!.startsWith("event_id,occurred_at,received_at,customer")).toBe(true);
    expect(lines).toHaveLength(count + 1);
    const ids = new Set(lines.slice(1).map((line) => line.split(",")[0]));
    expect(ids.size).toBe(count);

    const odd = await callRoute(
      usageEvents,
      `/api/v1/usage-events?from=${day}&to=${day}&format=csv&customer=odd`,
      tenant.readKey,
    );
    expect(odd.text.trimEnd().split("\r\n")).toHaveLength(Math.floor(count / 2) + 1);
  });

  it("refuses a bad period or search, naming the parameter", async () => {
    const tenant = await createTenant(db);
    for (const [query, field] of [
      ["from=2026-11-10&to=2026-11-01", "to"],
      ["from=2026-11-10", "to"],
      ["range=forever", "range"],
      ["customer_contains=", "customer_contains"],
    ] as const) {
      const res = await callRoute(usageEvents, `/api/v1/usage-events?${query}`, tenant.readKey);
      expect(res.status, query).toBe(400);
      expect(res.json.error.message.startsWith(`${field}:`), res.json.error.message).toBe(true);
    }
  });
});
