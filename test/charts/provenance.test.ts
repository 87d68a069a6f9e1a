import { describe, expect, it } from "vitest";
import { readProvenance, unitQuantityLabel } from "@/lib/charts";

describe("readProvenance", () => {
  it("rebuilds each class's cost from the compact stored form", () => {
    const pricing = {
      v: 1,
      entry_id: "anthropic:claude-sonnet-4-5@2025-09-29",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      match: ["exact"],
      date_rule: "in_force",
      tier: "standard",
      band_above: 0,
      unit_femto: { input: "3000000000", cache_read: "300000000", output: "15000000000" },
    };
    const view = readProvenance("computed", pricing, { input: 2000, cache_read: 50_000, output: 800 });
    expect(view.entryId).toBe("anthropic:claude-sonnet-4-5@2025-09-29");
    expect(view.classes.map((item) => [item.tokenClass, item.unit, item.cost])).toEqual([
      ["input", "0.000003000000000", "0.006000000000000"],
      ["cache_read", "0.000000300000000", "0.015000000000000"],
      ["output", "0.000015000000000", "0.012000000000000"],
    ]);
    expect(view.classes[0]!.tier).toBe("standard");
  });

  it("applies a markup once per class, rounding half to even", () => {
    const view = readProvenance(
      "computed",
      { v: 1, tier: "standard", unit_femto: { input: "5" }, markup_pct: "10" },
      { input: 1 },
    );
    // 5 femto * 1.10 = 5.5 femto -> 6 (half to even)
    expect(view.classes[0]!.cost).toBe("0.000000000000006");
  });

  it("reads the expanded form and per-class tiers and rules", () => {
    const view = readProvenance(
      "computed",
      {
        entry_id: "x",
        tier: "batch",
        classes: {
          output: {
            tokens: 10,
            unit_usd: "0.000001",
            cost_usd: "0.00001",
            tier: "batch",
            billed_as: "output",
            rules: ["batch_discount"],
          },
        },
      },
      {},
    );
    expect(view.classes[0]).toMatchObject({
      tokenClass: "output",
      tokens: 10,
      cost: "0.00001",
      rules: ["batch_discount"],
    });
  });

  it("explains an unpriced event and keeps unknown fields", () => {
    const view = readProvenance(
      "unpriced",
      {
        reason: "unknown_model",
        detail: "no price for acme-llm",
        suggestions: ["acme-llm-2"],
        gpu: { seconds: "1.5" },
      },
      {},
    );
    expect(view).toMatchObject({ kind: "unpriced", reason: "unknown_model", suggestions: ["acme-llm-2"], classes: [] });
    expect(view.extra).toEqual({ gpu: { seconds: "1.5" } });
  });

  it("survives a missing or odd pricing value", () => {
    expect(readProvenance("reported", null, {}).classes).toEqual([]);
    expect(readProvenance("reported", { reported_usd: "0.5" }, {}).reportedUsd).toBe("0.5");
  });

  it("explains a priced GPU event by its time and rate, not as unpriced", async () => {
    // The provenance ingestion stores for a GPU event (lib/pricing/db/gpu-price.ts), built by the real pricer.
    const { priceGpuEvent } = await import("@/lib/pricing/db/gpu-price");
    const priced = priceGpuEvent(
      [{ gpuType: "H100", usdPerHour: "3.50", effectiveFrom: Date.parse("2026-11-01T00:00:00Z") }] as never,
      {
        gpuType: "H100",
        gpuPool: "reindex-pool",
        gpuMicros: 3_096_000_000n,
        occurredMs: Date.parse("2026-11-27T10:00:00Z"),
      },
    )!;
    const view = readProvenance("computed", priced.pricing, {});
    expect(view.classes).toEqual([]);
    expect(view.gpu).toEqual({
      type: "H100",
      pool: "reindex-pool",
      seconds: "3096",
      usdPerGpuHour: "3.50",
      rateFrom: "2026-11-01T00:00:00.000Z",
      cost: "3.010000000000000",
    });
    expect(view.entryId).toBe("gpu:H100@2026-11-01T00:00:00.000Z");
    expect(view.extra).toEqual({});
  });

  it("has no GPU cost for an unpriced GPU event", () => {
    expect(readProvenance("unpriced", { reason: "no_gpu_rate", detail: "no GPU rate for H100" }, {}).gpu).toBeNull();
  });

  it("shows a unit event's quantity, unit price and cost, with the entry's markup", () => {
    const pricing = {
      v: 1,
      entry_id: "openai:dall-e-3@2026-11-27",
      tier: "standard",
      unit_femto: {},
      unit: { key: "image:1024x1792:hd", unit_femto: "120000000000000" },
      markup_pct: "10",
    };
    const units = { unit: "image", quantity: 2, size: "1024x1792", quality: "hd" };
    const view = readProvenance("computed", pricing, {}, units);
    expect(view.classes).toEqual([]);
    expect(view.unit).toEqual({
      unit: "image",
      quantity: 2,
      size: "1024x1792",
      quality: "hd",
      price: "0.120000000000000",
      cost: "0.264000000000000",
    });
    expect(view.extra).toEqual({});
    expect(unitQuantityLabel(units)).toBe("2 images · 1024x1792 hd");
    expect(unitQuantityLabel({ unit: "second", quantity: 1 })).toBe("1 second");
  });

  it("reads the unit from the event API's expanded provenance too", () => {
    const expanded = { v: 1, unit: { unit: "second", quantity: 61, unit_usd: "0.0001", cost_usd: "0.0061" } };
    expect(readProvenance("computed", expanded, {}, { unit: "second", quantity: 61 }).unit).toMatchObject({
      price: "0.0001",
      cost: "0.0061",
    });
    expect(readProvenance("computed", expanded, {}, null).unit).toBeNull();
  });
});
