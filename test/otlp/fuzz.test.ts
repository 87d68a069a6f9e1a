/**
 * Arbitrary input never makes the receiver fail: mangled protobuf and JSON bodies are a 400
 * (or decode to spans), odd attribute values on GenAI spans are partial-success rejections,
 * and nothing is a 500. Deterministic, so a failure reproduces.
 */
import { describe, expect, it } from "vitest";
import { spanToEvent } from "@/lib/otlp/genai-span";
import { decodeJsonTraces, decodeProtobufTraces, OtlpDecodeError } from "@/lib/otlp/traces";
import { useTestDatabase } from "../support/database";
import { createTenant } from "../ingest/support";
import { encode, makeSpans, postTraces } from "./support";

const db = useTestDatabase();

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD_VALUES = [-1, 0, 1.5, 1e300, 2 ** 60, "12000", "", "\u0000", "x".repeat(3000), true, "💸"];
const USAGE_KEYS = [
  "gen_ai.usage.input_tokens",
  "gen_ai.usage.output_tokens",
  "gen_ai.usage.cache_read.input_tokens",
  "llm.token_count.prompt",
  "ai.usage.inputTokens",
  "ai.usage.inputTokenDetails.cacheReadTokens",
  "gen_ai.request.model",
  "gen_ai.provider.name",
  "inferledger.customer",
  "ai.operationId",
];

function oddSpans(seed: number) {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return makeSpans(
    Array.from({ length: 40 }, () => {
      const attributes: Record<string, string | number | boolean | number[]> = {
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.output_tokens": 10,
      };
      for (let m = 0; m < 3; m++) attributes[pick(USAGE_KEYS)] = next() < 0.1 ? [1, 2] : pick(ODD_VALUES);
      return {
        name: pick(["chat", "", "\u0000", "x".repeat(2000)]),
        attributes,
        startMsAgo: pick([60_000, -3_600_000, 10 ** 12]),
      };
    }),
  );
}

describe("arbitrary OTLP input", () => {
  it("decodes mangled protobuf to spans or refuses it with OtlpDecodeError, and reads every decoded span without throwing", () => {
    const valid = encode(oddSpans(1), "protobuf");
    const next = random(7);
    for (let round = 0; round < 3000; round++) {
      const body = Uint8Array.from(valid.subarray(0, Math.floor(next() * valid.length)));
      for (let flips = 0; flips < 1 + Math.floor(next() * 4); flips++)
        body[Math.floor(next() * body.length)] = Math.floor(next() * 256);
      try {
        for (const span of decodeProtobufTraces(body).spans) spanToEvent(span);
      } catch (error) {
        expect(error).toBeInstanceOf(OtlpDecodeError);
      }
    }
  });

  it("refuses malformed OTLP/JSON with OtlpDecodeError naming where", () => {
    const cases: [unknown, string][] = [
      [[], "the body"],
      [{ resourceSpans: {} }, "resourceSpans"],
      [
        { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "xyz" }] }] }] },
        "resourceSpans[0].scopeSpans[0].spans[0].traceId",
      ],
      [{ resourceSpans: [{ scopeSpans: [{ spans: [{ startTimeUnixNano: -5 }] }] }] }, "startTimeUnixNano"],
      [{ resourceSpans: [{ scopeSpans: [{ spans: [{ attributes: [{ value: {} }] }] }] }] }, "attributes[0]"],
    ];
    for (const [body, where] of cases) expect(() => decodeJsonTraces(body)).toThrow(where);
  });

  it("answers 200 (with rejections) or 400 over HTTP, never a 500", async () => {
    const tenant = await createTenant(db);
    const next = random(11);
    for (let round = 0; round < 20; round++) {
      const spans = oddSpans(100 + round);
      const encoding = round % 2 ? "json" : "protobuf";
      const body = encode(spans, encoding);
      if (round % 4 === 3) body[Math.floor(next() * body.length)] = Math.floor(next() * 256);
      const answer = await postTraces(tenant.ingestKey, body, {
        contentType: encoding === "json" ? "application/json" : "application/x-protobuf",
        gzip: round % 3 === 0,
      });
      expect([200, 400]).toContain(answer.status);
    }
  });
});
