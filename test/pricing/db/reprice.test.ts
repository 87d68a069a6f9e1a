import { describe, expect, it } from "vitest";
import { femtoToUsd, usdToFemto } from "@/lib/money";
import { getProjectPriceBook, listUnpricedModels, previewReprice, runReprice } from "@/lib/pricing/db";
import { useTestDatabase as setUpTestDatabase } from "../../support/database";
import { createTenant, postEvents, usageEvent } from "../../ingest/support";
import { addOverride, aggregateTotals, at, dayOf, dayStart, eventCosts } from "./support";

const db = setUpTestDatabase();
const cli = { userId: null, via: "cli" as const };

describe("re-pricing after a price change", () => {
  it("re-prices events and every aggregate, writes the audit row, and a second run changes nothing", async () => {
    const tenant = await createTenant(db);
    const events = [
      usageEvent({ occurred_at: at(3, 9), tokens: { input: 1_000_000, output: 100_000 } }),
      usageEvent({ occurred_at: at(3, 15), customer: "globex", tokens: { input: 2_000, output: 500 } }),
      usageEvent({ occurred_at: at(2, 10), feature: "summarize", tokens: { input: 10_000, output: 1_000 } }),
      usageEvent({ occurred_at: at(2, 11), model: "gpt-4o-mini", tokens: { input: 10_000, output: 1_000 } }),
    ];
    expect((await postEvents(tenant.ingestKey, { events })).json.accepted).toBe(4);
    const before = await eventCosts(db, tenant.projectId);
    expect(before.every((event) => event.cost_source === "computed")).toBe(true);

    // A negotiated price for gpt-4o from four days ago: $1 in, $4 out per million tokens.
    await addOverride(db, tenant.projectId, {
      provider: "openai",
      model: "gpt-4o",
      effective_from: dayStart(4),
      usd_per_mtok: { input: "1", output: "4" },
    });
    const scope = { from: dayOf(5), to: dayOf(0) };
    const preview = await previewReprice(db.pool, tenant.projectId, scope);
    expect(preview.events_matched).toBe(4);
    expect(preview.events_changed).toBe(3);
    // 1.1M in/0.1M out... exact: (1,000,000 + 2,000 + 10,000) x $1/M + (100,000 + 500 + 1,000) x $4/M, plus the untouched mini event.
    const gpt4o = preview.by_model.find((row) => row.model === "gpt-4o")!;
    expect(gpt4o.total_after).toBe(femtoToUsd(usdToFemto("1.012") + usdToFemto("0.406")));
    expect(gpt4o.changed).toBe(3);
    expect(preview.by_model.find((row) => row.model === "gpt-4o-mini")!.changed).toBe(0);
    // The preview wrote nothing.
    expect(await eventCosts(db, tenant.projectId)).toEqual(before);

    const run = await runReprice(db.pool, tenant.projectId, scope, cli);
    expect(run.events_changed).toBe(3);
    expect(run.total_after).toBe(preview.total_after);
    expect(Object.keys(run.new_entries)).toEqual([expect.stringMatching(/^override:/)]);
    const after = await eventCosts(db, tenant.projectId);
    expect(after[0]).toMatchObject({
      cost_total: "1.400000000000000",
      cost_source: "computed",
      price_entry_id: expect.stringMatching(/^override:/),
    });
    const totals = await aggregateTotals(db, tenant.projectId);
    const exact = femtoToUsd(after.reduce((sum, event) => sum + usdToFemto(event.cost_total), 0n));
    for (const level of ["events", "usage_daily", "usage_daily_model", "usage_daily_customer"])
      expect(usdToFemto(totals[level]!.cost)).toBe(usdToFemto(exact));
    expect(exact).toBe(run.total_after);

    const { rows: audit } = await db.pool.query(
      "SELECT status, events_changed, total_before::text, total_after::text, old_entries, new_entries, requested_via FROM reprice_runs WHERE project_id = $1",
      [tenant.projectId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ status: "succeeded", events_changed: 3, requested_via: "cli" });
    expect(usdToFemto(audit[0].total_before)).toBe(usdToFemto(preview.total_before));
    expect(Object.keys(audit[0].old_entries)[0]).toMatch(/^openai:gpt-4o@/);

    const again = await runReprice(db.pool, tenant.projectId, scope, cli);
    expect(again.events_changed).toBe(0);
    expect(again.total_after).toBe(run.total_after);
    expect(again.dedupe_key).toBe(run.dedupe_key);
    expect(await eventCosts(db, tenant.projectId)).toEqual(after);
    expect(await aggregateTotals(db, tenant.projectId)).toEqual(totals);
  });

  it("limits a run to its model and its period", async () => {
    const tenant = await createTenant(db);
    await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({ occurred_at: at(10), tokens: { input: 1000 } }),
        usageEvent({ occurred_at: at(3), tokens: { input: 1000 } }),
        usageEvent({ occurred_at: at(3), model: "gpt-4.1", tokens: { input: 1000 } }),
      ],
    });
    for (const model of ["gpt-4o", "gpt-4.1"])
      await addOverride(db, tenant.projectId, {
        provider: "openai",
        model,
        effective_from: dayStart(30),
        usd_per_mtok: { input: "7" },
      });
    const run = await runReprice(db.pool, tenant.projectId, { from: dayOf(5), to: dayOf(0), model: "gpt-4o" }, cli);
    expect(run.events_matched).toBe(1);
    expect(run.events_changed).toBe(1);
    const costs = await eventCosts(db, tenant.projectId);
    expect(costs.filter((event) => event.price_entry_id?.startsWith("override:"))).toHaveLength(1);
  });
});

describe("unpriced -> priced, end to end", () => {
  it("an unknown model is stored unpriced, listed, and priced by an override and a re-price", async () => {
    const tenant = await createTenant(db);
    const res = await postEvents(tenant.ingestKey, {
      events: [
        usageEvent({
          occurred_at: at(1, 8),
          provider: "acme-ai",
          model: "acme-private-7b",
          tokens: { input: 3_000, output: 1_000 },
        }),
        usageEvent({
          occurred_at: at(1, 9),
          provider: "acme-ai",
          model: "acme-private-7b",
          customer: "initech",
          tokens: { input: 1_000, output: 1_000 },
        }),
        usageEvent({ occurred_at: at(1, 9), tokens: { input: 1_000, output: 100 } }),
      ],
    });
    expect(res.json.accepted).toBe(3);
    const stored = await eventCosts(db, tenant.projectId);
    expect(stored.filter((event) => event.cost_source === "unpriced")).toHaveLength(2);
    expect((await aggregateTotals(db, tenant.projectId)).usage_daily!.unpriced).toBe(2);

    const book = await getProjectPriceBook(db.pool, tenant.projectId);
    const unpriced = await listUnpricedModels(db.pool, tenant.projectId, book);
    expect(unpriced).toEqual([
      expect.objectContaining({ provider: "acme-ai", model: "acme-private-7b", unpriced_events: 2, priced_now: false }),
    ]);

    await addOverride(db, tenant.projectId, {
      provider: "acme-ai",
      model: "acme-private-7b",
      effective_from: dayStart(30),
      usd_per_mtok: { input: "0.2", output: "0.6" },
    });
    const afterOverride = await listUnpricedModels(
      db.pool,
      tenant.projectId,
      await getProjectPriceBook(db.pool, tenant.projectId),
    );
    expect(afterOverride[0]!.priced_now).toBe(true);

    const scope = { from: dayOf(2), to: dayOf(0), model: "acme-private-7b" };
    const preview = await previewReprice(db.pool, tenant.projectId, scope);
    expect(preview).toMatchObject({
      events_changed: 2,
      unpriced_before: 2,
      unpriced_after: 0,
      total_before: "0.000000000000000",
    });
    // 4,000 in x $0.2/M + 2,000 out x $0.6/M = $0.0008 + $0.0012
    expect(preview.total_after).toBe("0.002000000000000");

    await runReprice(db.pool, tenant.projectId, scope, cli);
    const totals = await aggregateTotals(db, tenant.projectId);
    for (const level of Object.values(totals)) expect(level.unpriced).toBe(0);
    expect(new Set(Object.values(totals).map((level) => usdToFemto(level.cost)))).toHaveLength(1);
    expect(await listUnpricedModels(db.pool, tenant.projectId, book)).toEqual([]);
    const priced = (await eventCosts(db, tenant.projectId)).filter((event) =>
      event.price_entry_id?.startsWith("override:"),
    );
    expect(priced.map((event) => event.cost_total)).toEqual(["0.001200000000000", "0.000800000000000"]);
  });
});

describe("overrides and effective dates", () => {
  it("an override prices only inside its dates; the catalog prices before and after", async () => {
    const tenant = await createTenant(db);
    await postEvents(tenant.ingestKey, {
      events: [5, 3, 1].map((daysAgo) =>
        usageEvent({
          event_id: `d${daysAgo}-${tenant.projectId}`,
          occurred_at: at(daysAgo),
          tokens: { input: 1_000_000 },
        }),
      ),
    });
    const catalogCost = (await eventCosts(db, tenant.projectId))[0]!.cost_total;
    await addOverride(db, tenant.projectId, {
      provider: "openai",
      model: "gpt-4o",
      effective_from: dayStart(4),
      effective_to: dayStart(2),
      usd_per_mtok: { input: "1" },
      markup_pct: "10",
    });
    await runReprice(db.pool, tenant.projectId, { from: dayOf(6), to: dayOf(0) }, cli);
    const costs = await eventCosts(db, tenant.projectId);
    expect(costs.map((event) => event.cost_total)).toEqual([catalogCost, "1.100000000000000", catalogCost]);
    expect(costs[1]!.price_entry_id).toMatch(/^override:/);
    expect(costs[0]!.price_entry_id).toMatch(/^openai:gpt-4o@/);
  });
});
