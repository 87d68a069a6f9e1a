import { describe, expect, it } from "vitest";
import { validateEvents } from "@/lib/ingest/validate";
import type { OutcomeRow, UsageRow } from "@/lib/ingest/types";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const base = {
  type: "usage",
  event_id: "e1",
  occurred_at: "2026-11-27T11:59:00Z",
  provider: "openai",
  model: "gpt-4o",
};

function one(event: unknown) {
  const { rows, results } = validateEvents([event], NOW);
  return { row: rows[0], result: results[0]! };
}

describe("event validation", () => {
  it("turns a minimal usage event into a row with defaults", () => {
    const { row } = one(base);
    expect(row).toMatchObject({
      kind: "usage",
      eventId: "e1",
      customer: "",
      feature: "",
      serviceTier: "standard",
      status: "ok",
      tokens: {},
      hasGpu: false,
      latencyMs: null,
      metadata: "{}",
      reportedCost: null,
    });
  });

  it("normalises canonical tokens and raw usage once, without double counting cached tokens", () => {
    expect((one({ ...base, tokens: { input: 10, cache_write: 3, output: 2 } }).row as UsageRow).tokens).toEqual({
      input: 10,
      cache_write_5m: 3,
      output: 2,
    });
    const anthropic = one({
      ...base,
      provider: "anthropic",
      usage: { input_tokens: 100, cache_creation_input_tokens: 50, cache_read_input_tokens: 400, output_tokens: 9 },
    });
    expect((anthropic.row as UsageRow).tokens).toEqual({ input: 100, cache_write_5m: 50, cache_read: 400, output: 9 });
    const openai = one({
      ...base,
      usage: { prompt_tokens: 500, completion_tokens: 40, prompt_tokens_details: { cached_tokens: 400 } },
    });
    expect((openai.row as UsageRow).tokens).toEqual({ input: 100, cache_read: 400, output: 40 });
  });

  it("names the field of a bad usage object", () => {
    const { result } = one({
      ...base,
      usage: { prompt_tokens: 5, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 9 } },
    });
    expect(result.status).toBe("rejected");
    expect(result.field).toContain("cached_tokens");
  });

  it("refuses a known field sent in camelCase by name, and keeps accepting other unknown keys", () => {
    for (const [field, value] of [
      ["serviceTier", "batch"],
      ["costUsd", "0.5"],
      ["latencyMs", 120],
    ] as const) {
      expect(one({ ...base, [field]: value }).result).toMatchObject({
        status: "rejected",
        event_id: "e1",
        field,
        reason: expect.stringContaining(field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
      });
    }
    const outcome = { type: "outcome", event_id: "o1", occurred_at: base.occurred_at, customer: "acme", outcome: "x" };
    expect(one({ ...outcome, eventId: "o1" }).result).toMatchObject({ status: "rejected", field: "eventId" });
    expect(one({ ...base, sdkVersion: "9.9", future_field: 1 }).result.status).toBe("accepted");
  });

  it("keeps amounts exact: cost_usd and outcome values as decimals, GPU seconds to the microsecond", () => {
    expect((one({ ...base, cost_usd: "0.000000125" }).row as UsageRow).reportedCost).toBe(125_000_000n);
    expect((one({ ...base, cost_usd: 1.25e-7 }).row as UsageRow).reportedCost).toBe(125_000_000n);
    expect(one({ ...base, cost_usd: "-1" }).result).toMatchObject({ status: "rejected", field: "cost_usd" });
    expect(one({ ...base, cost_usd: 0.1 + 0.2 }).result).toMatchObject({ status: "rejected", field: "cost_usd" });
    expect(one({ ...base, cost_usd: 1e300 }).result).toMatchObject({ status: "rejected", field: "cost_usd" });
    expect((one({ ...base, gpu: { seconds: 1.82 } }).row as UsageRow).gpuMicros).toBe(1_820_000);
    const outcome = one({
      type: "outcome",
      event_id: "o1",
      occurred_at: "2026-11-27T11:00:00Z",
      customer: "acme",
      outcome: "resolved",
      value: 0.99,
    });
    expect(outcome.row as OutcomeRow).toMatchObject({ quantity: "1", value: "0.990000000000000" });
  });

  it("bounds metadata: string values, at most 50 keys", () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(one({ ...base, metadata: many }).result).toMatchObject({
      status: "rejected",
      field: "metadata",
      reason: "at most 50 keys",
    });
    expect(one({ ...base, metadata: { a: "b" } }).row?.metadata).toBe('{"a":"b"}');
  });

  it("checks time against the server clock: 5 minutes ahead at most, 400 days back", () => {
    expect(one({ ...base, occurred_at: "2026-11-27T12:04:59Z" }).result.status).toBe("accepted");
    expect(one({ ...base, occurred_at: "2026-11-27T12:05:01Z" }).result).toMatchObject({
      reason: "more than 5 minutes in the future",
    });
    expect(one({ ...base, occurred_at: "2026-11-27T13:00:00+01:00" }).result.status).toBe("accepted");
    expect(one({ ...base, occurred_at: "2025-10-24T12:00:00Z" }).result.status).toBe("accepted");
    expect(one({ ...base, occurred_at: "2025-10-22T12:00:00Z" }).result).toMatchObject({
      reason: "more than 400 days in the past",
    });
    expect(one({ ...base, occurred_at: "2026-11-27T11:00:00" }).result).toMatchObject({
      status: "rejected",
      field: "occurred_at",
    });
  });

  it("rejects control characters in event ids", () => {
    expect(one({ ...base, event_id: "a\nb" }).result).toMatchObject({ status: "rejected", field: "event_id" });
  });
});
