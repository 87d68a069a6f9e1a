/**
 * The OTLP/HTTP traces receiver on a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), fed spans from the real OpenTelemetry JS SDK in both encodings.
 */
import { describe, expect, it } from "vitest";
import { SpanStatusCode } from "@opentelemetry/api";
import { decodeJsonTraces, decodeProtobufTraces } from "@/lib/otlp/traces";
import { useTestDatabase } from "../support/database";
import { createTenant, getEventById } from "../ingest/support";
import { encode, eventIdOf, makeSpans, partialSuccess, postTraces, type Encoding } from "./support";

const db = useTestDatabase();

const GPT4O_CACHED = {
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": "gpt-4o",
  "gen_ai.response.model": "gpt-4o",
  "gen_ai.usage.input_tokens": 12000,
  "gen_ai.usage.cache_read.input_tokens": 8000,
  "gen_ai.usage.output_tokens": 800,
  "inferledger.customer": "acme",
};

async function countEvents(projectId: string): Promise<number> {
  const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM usage_events WHERE project_id = $1", [
    projectId,
  ]);
  return rows[0].n;
}

describe.each<Encoding>(["protobuf", "json"])("OTLP/HTTP %s", (encoding) => {
  const contentType = encoding === "protobuf" ? "application/x-protobuf" : "application/json";

  it("stores a GenAI span priced exactly, skips the other spans, and answers an empty success", async () => {
    const tenant = await createTenant(db);
    const spans = makeSpans(
      [
        { name: "chat gpt-4o", attributes: GPT4O_CACHED, durationMs: 1840 },
        { name: "GET /tickets", attributes: { "http.request.method": "GET", "http.route": "/tickets" } },
        { name: "db query", attributes: { "db.system": "postgresql" } },
      ],
      { "service.name": "support-api", "inferledger.feature": "support-bot" },
    );
    const answer = await postTraces(tenant.ingestKey, encode(spans, encoding), { contentType });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe(contentType);
    expect(partialSuccess(answer, encoding)).toBeUndefined();
    expect(await countEvents(tenant.projectId)).toBe(1);

    const event = (await getEventById(tenant.readKey, eventIdOf(spans[0]!))).json.event;
    // 4000 x 2.5 + 8000 x 1.25 + 800 x 10 per million
    expect(event.cost.total_usd).toBe("0.028000000000000");
    expect(event.tokens).toEqual({ input: 4000, cache_read: 8000, output: 800 });
    expect(event).toMatchObject({
      provider: "openai",
      model: "gpt-4o",
      customer: "acme",
      feature: "support-bot",
      status: "ok",
      latency_ms: 1840,
      trace_id: spans[0]!.spanContext().traceId,
    });
    expect(event.metadata).toMatchObject({
      "service.name": "support-api",
      "gen_ai.operation.name": "chat",
      "otel.span_name": "chat gpt-4o",
    });
    expect(Date.parse(event.occurred_at)).toBe(
      spans[0]!.startTime[0] * 1000 + Math.floor(spans[0]!.startTime[1] / 1e6),
    );
  });

  it("stores a span once when the exporter retries the same request (gzip)", async () => {
    const tenant = await createTenant(db);
    const body = encode(makeSpans([{ name: "chat", attributes: GPT4O_CACHED }]), encoding);
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await postTraces(tenant.ingestKey, body, { contentType, gzip: true });
      expect(answer.status).toBe(200);
      expect(partialSuccess(answer, encoding)).toBeUndefined();
    }
    expect(await countEvents(tenant.projectId)).toBe(1);
    const { rows } = await db.pool.query(
      "SELECT sum(events)::int AS n, sum(cost_total)::text AS cost FROM usage_daily WHERE project_id = $1",
      [tenant.projectId],
    );
    expect(rows[0]).toEqual({ n: 1, cost: "0.028000000000000" });
  });

  it("answers partial success with the rejected spans and why, and keeps the good ones", async () => {
    const tenant = await createTenant(db);
    const spans = makeSpans([
      { name: "good", attributes: GPT4O_CACHED },
      {
        name: "no provider",
        attributes: {
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.usage.input_tokens": 5,
          "gen_ai.usage.output_tokens": 1,
        },
      },
      { name: "cache beyond input", attributes: { ...GPT4O_CACHED, "gen_ai.usage.cache_read.input_tokens": 20000 } },
      { name: "too old", attributes: GPT4O_CACHED, startMsAgo: 500 * 24 * 3600 * 1000 },
    ]);
    const answer = await postTraces(tenant.ingestKey, encode(spans, encoding), { contentType });
    expect(answer.status).toBe(200);
    const partial = partialSuccess(answer, encoding)!;
    expect(Number(partial.rejectedSpans)).toBe(3);
    expect(partial.errorMessage).toContain('"no provider": provider: required');
    expect(partial.errorMessage).toContain('"cache beyond input": usage.gen_ai.usage.cache_read.input_tokens');
    expect(partial.errorMessage).toContain('"too old": occurred_at: more than 400 days in the past');
    expect(await countEvents(tenant.projectId)).toBe(1);
  });

  it("refuses a request without a valid ingest key with an OTLP Status in the request's encoding", async () => {
    const tenant = await createTenant(db);
    const body = encode(makeSpans([{ name: "chat", attributes: GPT4O_CACHED }]), encoding);
    const cases: [string | null, number, number][] = [
      [null, 401, 16],
      ["ilk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 401, 16],
      [tenant.readKey, 403, 7],
    ];
    for (const [key, status, code] of cases) {
      const answer = await postTraces(key, body, { contentType });
      expect(answer.status).toBe(status);
      expect(answer.contentType).toBe(contentType);
      const decoded =
        encoding === "json" ? JSON.parse(new TextDecoder().decode(answer.body)) : decodeStatus(answer.body);
      expect(decoded.code).toBe(code);
      expect(decoded.message.length).toBeGreaterThan(0);
    }
    expect(await countEvents(tenant.projectId)).toBe(0);
  });

  it("answers 400 to a body that is not an export request", async () => {
    const tenant = await createTenant(db);
    const answer = await postTraces(
      tenant.ingestKey,
      encoding === "json" ? new TextEncoder().encode('{"resourceSpans": 5}') : new Uint8Array([10, 200, 1, 2]),
      { contentType },
    );
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe(contentType);
  });
});

/** google.rpc.Status {code = 1, message = 2}, read by hand: one varint and one string. */
function decodeStatus(body: Uint8Array): { code: number; message: string } {
  let code = 0;
  let message = "";
  let pos = 0;
  while (pos < body.length) {
    const tag = body[pos++]!;
    if (tag === 8) code = body[pos++]!;
    else if (tag === 18) {
      let length = 0;
      let shift = 0;
      for (;;) {
        const byte = body[pos++]!;
        length |= (byte & 0x7f) << shift;
        shift += 7;
        if (byte < 0x80) break;
      }
      message = new TextDecoder().decode(body.subarray(pos, pos + length));
      pos += length;
    } else throw new Error(`unexpected tag ${tag}`);
  }
  return { code, message };
}

describe("OTLP decoding", () => {
  it("counts every span and decodes only those with a GenAI attribute key, wherever it is, in both encodings", () => {
    const spans = makeSpans([
      { name: "GET /", attributes: { "http.route": "/", gen_ai: "not a prefix match", "ai.usage": 1 } },
      { name: "chat", attributes: { "http.route": "/chat", "app.tenant": "t1", "llm.token_count.prompt": 5 } },
      { name: "db", attributes: {} },
    ]);
    const fromProtobuf = decodeProtobufTraces(encode(spans, "protobuf"));
    const fromJson = decodeJsonTraces(JSON.parse(new TextDecoder().decode(encode(spans, "json"))));
    for (const decoded of [fromProtobuf, fromJson]) {
      expect(decoded.total).toBe(3);
      expect(decoded.spans.map((span) => span.name)).toEqual(["chat"]);
      expect(decoded.spans[0]!.attributes.get("app.tenant")).toBe("t1");
    }
    expect(fromProtobuf.spans[0]).toEqual(fromJson.spans[0]);
  });

  it("reads OTLP/JSON ids in hex, and in base64 as exporters before OTLP 1.0 wrote them", () => {
    const span = (traceId: string, spanId: string) => ({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId,
                  name: "chat",
                  attributes: [{ key: "gen_ai.usage.input_tokens", value: { intValue: "5" } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const hex = decodeJsonTraces(span("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174")).spans[0]!;
    const base64 = decodeJsonTraces(
      span(
        Buffer.from("5b8efff798038103d269b633813fc60c", "hex").toString("base64"),
        Buffer.from("eee19b7ec3c1b174", "hex").toString("base64"),
      ),
    ).spans[0]!;
    expect([hex.traceId, hex.spanId]).toEqual(["5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174"]);
    expect([base64.traceId, base64.spanId]).toEqual([hex.traceId, hex.spanId]);
    expect(hex.attributes.get("gen_ai.usage.input_tokens")).toBe(5);
    expect(() => decodeJsonTraces(span("abc", "eee19b7ec3c1b174"))).toThrow("traceId: must be 32 hex characters");
  });
});

describe("OTLP conventions and attribution", () => {
  it("answers 415 to another content type", async () => {
    const tenant = await createTenant(db);
    const answer = await postTraces(tenant.ingestKey, new Uint8Array([1]), { contentType: "text/plain" });
    expect(answer.status).toBe(415);
  });

  it("reads the older gen_ai names, OpenInference, Vercel AI SDK provider calls, error spans and attribution headers", async () => {
    const tenant = await createTenant(db);
    const spans = makeSpans([
      // older convention: gen_ai.system + prompt/completion tokens. 1000 x 2.5 + 500 x 10
      {
        name: "old",
        attributes: {
          "gen_ai.system": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.usage.prompt_tokens": 1000,
          "gen_ai.usage.completion_tokens": 500,
          "app.user": "globex",
        },
      },
      // OpenInference: 12000 prompt with 8000 cached, 800 completion -> 0.028
      {
        name: "ChatCompletion",
        attributes: {
          "llm.provider": "openai",
          "llm.model_name": "gpt-4o",
          "llm.token_count.prompt": 12000,
          "llm.token_count.prompt_details.cache_read": 8000,
          "llm.token_count.completion": 800,
        },
      },
      // Vercel AI SDK: the wrapping span repeats the usage and is skipped; the provider call counts
      {
        name: "ai.generateText",
        attributes: {
          "ai.operationId": "ai.generateText",
          "ai.model.provider": "openai.chat",
          "ai.model.id": "gpt-4o",
          "ai.usage.inputTokens": 12000,
          "ai.usage.outputTokens": 800,
        },
      },
      {
        name: "ai.generateText.doGenerate",
        attributes: {
          "ai.operationId": "ai.generateText.doGenerate",
          "ai.model.provider": "openai.chat",
          "ai.model.id": "gpt-4o",
          "gen_ai.system": "openai.chat",
          "gen_ai.usage.input_tokens": 12000,
          "ai.usage.inputTokens": 12000,
          "ai.usage.inputTokenDetails.noCacheTokens": 4000,
          "ai.usage.inputTokenDetails.cacheReadTokens": 8000,
          "ai.usage.outputTokens": 800,
          "ai.usage.outputTokenDetails.reasoningTokens": 0,
          "ai.usage.cachedInputTokens": 8000,
          "ai.telemetry.functionId": "summarize",
        },
      },
      // a failed call with no usage: an error event at no cost
      {
        name: "chat failed",
        attributes: {
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "error.type": "RateLimitError",
        },
        status: { code: SpanStatusCode.ERROR, message: "429" },
      },
      // a tool span with a model but no usage and no error: skipped
      {
        name: "execute_tool",
        attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.request.model": "gpt-4o" },
      },
    ]);
    const answer = await postTraces(tenant.ingestKey, encode(spans, "protobuf"), {
      headers: { "InferLedger-Customer-Attribute": "app.user" },
    });
    expect(answer.status).toBe(200);
    expect(await countEvents(tenant.projectId)).toBe(4);
    const event = async (index: number) => (await getEventById(tenant.readKey, eventIdOf(spans[index]!))).json.event;
    expect((await event(0)).cost.total_usd).toBe("0.007500000000000");
    expect((await event(0)).customer).toBe("globex");
    expect((await event(1)).cost.total_usd).toBe("0.028000000000000");
    const vercel = await event(3);
    expect(vercel).toMatchObject({
      provider: "openai",
      model: "gpt-4o",
      feature: "summarize",
      tokens: { input: 4000, cache_read: 8000, output: 800 },
    });
    expect(vercel.cost.total_usd).toBe("0.028000000000000");
    expect(await event(4)).toMatchObject({
      status: "error",
      error_type: "RateLimitError",
      cost: { source: "computed", total_usd: "0.000000000000000" },
    });
  });
});
