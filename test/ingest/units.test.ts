/**
 * Usage billed by the second, character or image, through the ingestion route: stored with its
 * unit and cost, summed exactly into every rollup level, shown by GET /api/v1/events/{id} with
 * its unit price (and by the explorer's list), and priced the same again by re-pricing (which
 * reads the unit back).
 */
import { describe, expect, it } from "vitest";
import { GET as usageEvents } from "@/app/api/v1/usage-events/route";
import type { UsageEventView } from "@/lib/analytics/contracts";
import { readProvenance } from "@/lib/charts";
import { usdToFemto } from "@/lib/money";
import { createAlias, runReprice } from "@/lib/pricing/db";
import { callRoute } from "../analytics/support";
import { useTestDatabase } from "../support/database";
import { aggregateTotals, at, dayOf, eventCosts } from "../pricing/db/support";
import { createTenant, getEventById, postEvents, usageEvent } from "./support";

const db = useTestDatabase();
const cli = { userId: null, via: "cli" as const };

const unitEvents = (occurredAt: string) => [
  usageEvent({
    event_id: "whisper",
    occurred_at: occurredAt,
    model: "whisper-1",
    tokens: undefined,
    usage: { type: "duration", seconds: 61 },
  }),
  usageEvent({
    event_id: "speech",
    occurred_at: occurredAt,
    model: "tts-1-hd",
    tokens: undefined,
    usage: { characters: 1200 },
  }),
  usageEvent({
    event_id: "picture",
    occurred_at: occurredAt,
    model: "dall-e-3",
    tokens: undefined,
    usage: { images: 2, size: "1024x1792", quality: "hd" },
  }),
  usageEvent({
    event_id: "odd-size",
    occurred_at: occurredAt,
    model: "dall-e-3",
    tokens: undefined,
    usage: { images: 1, size: "640x480" },
  }),
];

describe("usage billed by the second, character or image", () => {
  it("stores each unit with its exact cost, sums it into every rollup, and the event API shows unit and price", async () => {
    const tenant = await createTenant(db);
    const res = await postEvents(tenant.ingestKey, { events: unitEvents(at(1)) });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(4);

    const { rows } = await db.pool.query(
      "SELECT event_id, unit, unit_quantity::int AS quantity, cost_token::text, cost_total::text, cost_source FROM usage_events WHERE project_id = $1 ORDER BY event_id",
      [tenant.projectId],
    );
    expect(rows).toEqual([
      {
        event_id: "odd-size",
        unit: "image:640x480:standard",
        quantity: 1,
        cost_token: "0.000000000000000",
        cost_total: "0.000000000000000",
        cost_source: "unpriced",
      },
      {
        event_id: "picture",
        unit: "image:1024x1792:hd",
        quantity: 2,
        cost_token: "0.240000000000000",
        cost_total: "0.240000000000000",
        cost_source: "computed",
      },
      {
        event_id: "speech",
        unit: "character",
        quantity: 1200,
        cost_token: "0.036000000000000",
        cost_total: "0.036000000000000",
        cost_source: "computed",
      },
      {
        event_id: "whisper",
        unit: "second",
        quantity: 61,
        cost_token: "0.006100000000000",
        cost_total: "0.006100000000000",
        cost_source: "computed",
      },
    ]);
    const totals = await aggregateTotals(db, tenant.projectId);
    for (const level of ["events", "usage_daily", "usage_daily_model", "usage_daily_customer"]) {
      expect(usdToFemto(totals[level]!.cost)).toBe(usdToFemto("0.2821"));
      expect(totals[level]!.unpriced).toBe(1);
    }

    const whisper = (await getEventById(tenant.readKey, "whisper")).json.event;
    expect(whisper.units).toEqual({ unit: "second", quantity: 61 });
    expect(whisper.cost.provenance.unit).toEqual({
      unit: "second",
      quantity: 61,
      unit_usd: "0.000100000000000",
      cost_usd: "0.006100000000000",
    });
    const picture = (await getEventById(tenant.readKey, "picture")).json.event;
    expect(picture.units).toEqual({ unit: "image", quantity: 2, size: "1024x1792", quality: "hd" });
    expect(picture.cost.provenance.unit).toMatchObject({
      unit_usd: "0.120000000000000",
      cost_usd: "0.240000000000000",
    });
    expect(picture.cost.provenance.entry_id).toMatch(/^openai:dall-e-3@/);
    // The explorer's list (and its CSV export) carries the unit, and its provenance reads back the same price and cost.
    const listed = (await callRoute(usageEvents, "/api/v1/usage-events?limit=10", tenant.readKey)).json as {
      events: UsageEventView[];
    };
    const shown = listed.events.find((event) => event.event_id === "picture")!;
    expect(shown.units).toEqual({ unit: "image", quantity: 2, size: "1024x1792", quality: "hd" });
    expect(readProvenance(shown.cost.source, shown.pricing, {}, shown.units).unit).toMatchObject({
      price: "0.120000000000000",
      cost: "0.240000000000000",
    });
    const csv = (await callRoute(usageEvents, "/api/v1/usage-events?format=csv", tenant.readKey)).text
      .trimEnd()
      .split("\r\n");
    const column = (name: string) => csv[0]!.split(",").indexOf(name);
    const pictureRow = csv.find((line) => line.startsWith("picture,"))!.split(",");
    expect(["unit", "unit_quantity", "image_size", "image_quality"].map((name) => pictureRow[column(name)])).toEqual([
      "image",
      "2",
      "1024x1792",
      "hd",
    ]);
    const odd = (await getEventById(tenant.readKey, "odd-size")).json.event;
    expect(odd.cost).toMatchObject({ source: "unpriced", total_usd: null, provenance: { reason: "class_not_priced" } });
    expect(odd.cost.provenance.detail).toContain("no price for 1 640x480 standard image");
  });

  it("rejects a malformed unit usage naming its field, and keeps the rest of the batch", async () => {
    const tenant = await createTenant(db);
    const res = await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({ model: "whisper-1", tokens: undefined, usage: { type: "duration", seconds: -3 } }),
        usageEvent({ model: "dall-e-3", tokens: undefined, usage: { images: 1, size: "huge" } }),
        usageEvent({ model: "tts-1", tokens: undefined, usage: { characters: 10 } }),
      ],
    });
    expect(res.json.results.map((result: { status: string; field?: string }) => result.field ?? result.status)).toEqual(
      ["usage.seconds", "usage.size", "accepted"],
    );
  });

  it("re-pricing reads the unit back: an alias added later prices it, and a second run changes nothing", async () => {
    const tenant = await createTenant(db);
    const events = [
      usageEvent({
        event_id: "mine",
        occurred_at: at(2),
        model: "our-whisper",
        tokens: undefined,
        usage: { type: "duration", seconds: 60 },
      }),
      ...unitEvents(at(2)).slice(0, 3),
    ];
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(4);
    const before = await eventCosts(db, tenant.projectId);
    expect(before.find((event) => event.event_id === "mine")!.cost_source).toBe("unpriced");

    await createAlias(db.pool, tenant.projectId, { alias: "our-whisper", target_model: "whisper-1" }, null);
    const scope = { from: dayOf(3), to: dayOf(0) };
    const run = await runReprice(db.pool, tenant.projectId, scope, cli);
    expect(run.events_changed).toBe(1);
    const after = await eventCosts(db, tenant.projectId);
    expect(after.find((event) => event.event_id === "mine")).toMatchObject({
      cost_source: "computed",
      cost_total: "0.006000000000000",
    });
    // The other unit events kept their exact cost.
    expect(after.filter((event) => event.event_id !== "mine")).toEqual(
      before.filter((event) => event.event_id !== "mine"),
    );
    const totals = await aggregateTotals(db, tenant.projectId);
    for (const level of ["events", "usage_daily", "usage_daily_model", "usage_daily_customer"]) {
      expect(usdToFemto(totals[level]!.cost)).toBe(usdToFemto("0.2881"));
      expect(totals[level]!.unpriced).toBe(0);
    }
    expect((await runReprice(db.pool, tenant.projectId, scope, cli)).events_changed).toBe(0);
    expect(await eventCosts(db, tenant.projectId)).toEqual(after);
  });
});
