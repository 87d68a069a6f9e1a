import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { createTenant, outcomeEvent, postEvents, usageEvent } from "./support";

const db = useTestDatabase();

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD_VALUES: unknown[] = [null, true, -1, 0, 1.5, 1e300, -1e300, "", " ", "\u0000", "x".repeat(5000), "💸", [], {}, [1, 2], { nested: { deep: 1 } }, "2026-13-45T99:99:99Z", "1e5", "-0.0000000000000001", Number.MAX_SAFE_INTEGER + 2];
const FIELDS = ["type", "event_id", "occurred_at", "customer", "feature", "provider", "model", "service_tier", "tokens", "usage", "gpu", "latency_ms", "status", "error_type", "trace_id", "session_id", "metadata", "cost_usd", "customer_name", "feature_name", "outcome", "quantity", "value"];

describe("arbitrary input", () => {
  it("never fails a batch: every mangled event gets a per-event result and the valid ones are stored", async () => {
    const tenant = await createTenant(db);
    const next = random(42);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    for (let round = 0; round < 4; round++) {
      const events = Array.from({ length: 150 }, () => {
        const event: Record<string, unknown> = next() < 0.5 ? usageEvent() : outcomeEvent();
        const mutations = Math.floor(next() * 3);
        for (let m = 0; m < mutations; m++) {
          const field = pick(FIELDS);
          if (field === "tokens" || field === "usage" || field === "gpu" || field === "metadata") event[field] = { [pick(["input", "prompt_tokens", "seconds", "k", "type"])]: pick(ODD_VALUES) };
          else event[field] = pick(ODD_VALUES);
        }
        return next() < 0.05 ? pick(ODD_VALUES) : event;
      });
      const res = await postEvents(tenant.ingestKey, { events });
      expect(res.status).toBe(200);
      expect(res.json.results).toHaveLength(150);
      expect(res.json.accepted + res.json.duplicates + res.json.rejected).toBe(150);
      for (const result of res.json.results) if (result.status === "rejected") expect(result.field && result.reason).toBeTruthy();
    }
  });
});
