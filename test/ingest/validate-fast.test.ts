import { describe, expect, it } from "vitest";
import { wireEvent } from "@/test/bench/ingest/events";
import { usageEventSchema } from "@/lib/ingest/schema";
import { validateEvents } from "@/lib/ingest/validate";
import { isWellFormedUsage } from "@/lib/ingest/validate-fast";

const AT = new Date(Date.now() - 60_000).toISOString();

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  "",
  "x",
  "a\u0000b",
  "x".repeat(200),
  "x".repeat(201),
  "x".repeat(1001),
  0,
  -1,
  1.5,
  1e21,
  2_147_483_648,
  true,
  [],
  {},
  ["a"],
  { a: "b" },
  { a: 1 },
  { "": "v" },
  JSON.parse('{"__proto__": {"a": "b"}}'),
  Object.create(null),
  "ok",
  "error",
  "batch",
  "nope",
  "1.5",
  "-1",
  "0.0000000000000001",
  "2025-01-01T00:00:00Z",
  "2025-02-30T00:00:00Z",
  "2025-01-01T24:00:00Z",
  "2025-01-01 00:00:00Z",
  "2025-01-01T00:00:00",
  "2025-01-01T00:00:00.123+02:00",
  "é\u00ff",
  "\u0019",
];
/** Every field of the schema, and one it does not know. */
const FIELDS = [...Object.keys(usageEventSchema.shape), "unknown_field"];

describe("fast-path validation agrees with the zod schema", () => {
  it("takes the fast path for the well-formed events of the benchmark", () => {
    for (let i = 0; i < 500; i++) expect(isWellFormedUsage(wireEvent("r", i, AT))).toBe(true);
  });

  it("never accepts an event the schema rejects (every field set to odd values)", () => {
    let fast = 0;
    for (let i = 0; i < 40; i++) {
      for (const field of FIELDS) {
        for (const value of ODD_VALUES) {
          const event = { ...wireEvent("r", i, AT), [field]: value };
          if (value === undefined) delete (event as Record<string, unknown>)[field];
          if (isWellFormedUsage(event)) {
            fast++;
            expect(usageEventSchema.safeParse(event).success, `${field}=${JSON.stringify(value)}`).toBe(true);
          }
        }
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });

  it("builds the same rows through either path", () => {
    const events = Array.from({ length: 300 }, (_, i) => ({ ...wireEvent("r", i, AT), extra: { dropped: true } }));
    const now = Date.now();
    const fastRows = validateEvents(events, now).rows;
    // Through zod: its output, which the fast path never sees, validated again (and taken fast).
    const zodRows = validateEvents(
      events.map((event) => usageEventSchema.parse(event)),
      now,
    ).rows;
    expect(fastRows).toEqual(zodRows);
  });
});
