/**
 * Acceptance with real clients no one here wrote: the Vercel AI SDK (`ai` + `@ai-sdk/openai`)
 * with `experimental_telemetry`, its spans exported by @opentelemetry/sdk-trace-node and
 * @opentelemetry/exporter-trace-otlp-proto to the app's receiver on loopback, against a fake
 * OpenAI server. The same calls' `usage` objects, sent with the TypeScript SDK's track(), must
 * be priced the same.
 */
import { describe, expect, it } from "vitest";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, streamText, type LanguageModelUsage } from "ai";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createClient } from "../../packages/sdk/src/index";
import { useTestDatabase } from "../support/database";
import { createTenant } from "../ingest/support";
import { useLoopbackServers } from "./loopback";

const db = useTestDatabase();
const servers = useLoopbackServers(
  {
    "gpt-4o": { prompt_tokens: 12000, completion_tokens: 800, prompt_tokens_details: { cached_tokens: 8000 } },
    o3: { prompt_tokens: 1500, completion_tokens: 3000, completion_tokens_details: { reasoning_tokens: 2500 } },
  },
  0,
);

describe("Vercel AI SDK experimental_telemetry -> OTLP/HTTP protobuf", () => {
  it("stores each provider call once, priced exactly, and track() of the same usage prices the same", async () => {
    const tenant = await createTenant(db);
    const app = servers.app();
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ "service.name": "vercel-acceptance", "inferledger.feature": "support-bot" }),
      spanProcessors: [
        new BatchSpanProcessor(
          new OTLPTraceExporter({
            url: `${app.url}/api/otlp/v1/traces`,
            headers: { Authorization: `Bearer ${tenant.ingestKey}` },
          }),
        ),
      ],
    });
    const telemetry = {
      isEnabled: true,
      tracer: provider.getTracer("ai"),
      metadata: { "inferledger.customer": "acme" },
    };
    const openai = createOpenAI({ baseURL: servers.openai().url, apiKey: "sk-fake" });

    const generated = await generateText({
      model: openai.chat("gpt-4o"),
      prompt: "Hello",
      experimental_telemetry: { ...telemetry, functionId: "summarize" },
    });
    const streamed = streamText({ model: openai.chat("o3"), prompt: "Hello", experimental_telemetry: telemetry });
    for await (const part of streamed.textStream) void part;
    const usages: [string, LanguageModelUsage][] = [
      ["gpt-4o", generated.usage],
      ["o3", await streamed.usage],
    ];
    await provider.shutdown();

    const otlp = app.log.filter((entry) => entry.path === "/api/otlp/v1/traces");
    expect(otlp.length).toBeGreaterThan(0);
    expect(otlp.every((entry) => entry.status === 200 && entry.contentType === "application/x-protobuf")).toBe(true);
    const { rows } = await db.pool.query(
      `SELECT model, customer, feature, cost_total::text AS cost, tokens_input::int AS input, tokens_cache_read::int AS cache_read, tokens_output::int AS output, tokens_reasoning::int AS reasoning
         FROM usage_events WHERE project_id = $1 ORDER BY model`,
      [tenant.projectId],
    );
    // gpt-4o 2.5 / cache read 1.25 / 10: 4000 x 2.5 + 8000 x 1.25 + 800 x 10; o3 2 / 8: 1500 x 2 + (500 + 2500) x 8
    expect(rows).toEqual([
      {
        model: "gpt-4o",
        customer: "acme",
        feature: "summarize",
        cost: "0.028000000000000",
        input: 4000,
        cache_read: 8000,
        output: 800,
        reasoning: 0,
      },
      {
        model: "o3",
        customer: "acme",
        feature: "support-bot",
        cost: "0.027000000000000",
        input: 1500,
        cache_read: 0,
        output: 500,
        reasoning: 2500,
      },
    ]);

    // The same usage objects through the SDK's track() and POST /api/v1/events.
    const sdk = createClient({ apiKey: tenant.ingestKey, endpoint: app.url, flushIntervalMs: 60_000 });
    for (const [model, usage] of usages)
      sdk.track({
        provider: "openai",
        model,
        usage: usage as unknown as Record<string, unknown>,
        customer: "acme",
        eventId: `track-${model}`,
      });
    await sdk.shutdown();
    const tracked = await db.pool.query(
      "SELECT model, cost_total::text AS cost FROM usage_events WHERE project_id = $1 AND event_id LIKE 'track-%' ORDER BY model",
      [tenant.projectId],
    );
    expect(tracked.rows).toEqual(rows.map((row) => ({ model: row.model, cost: row.cost })));
  });
});
