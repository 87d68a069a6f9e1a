/**
 * Framework usage objects (Vercel AI SDK v4/v5/v6, LangChain, LiteLLM, OpenRouter,
 * OpenInference, Bedrock Converse) and non-text token classes priced end to end, to the
 * femtodollar (units billed by the second, character or image: units.test.ts).
 * Prices ($/Mtok) from the committed catalog, quoted per case: cost = tokens x price / 1e6.
 * gpt-4o 2.5 / cache read 1.25 / 10; claude-sonnet-4-5 3 / read 0.3 / write 5m 3.75 / 1h 6 / 15.
 */
import { describe, expect, test } from "vitest";
import { createPriceBook } from "@/lib/pricing/book";
import { priceUsage } from "@/lib/pricing/cost";
import { normalizeUsage, type UsageFormat } from "@/lib/pricing/normalize";
import { validateEvent, EventRejection } from "@/lib/ingest/validate";
import type { UsageRow } from "@/lib/ingest/types";
import { DEFAULT_AT, dollars } from "./support";

const book = createPriceBook();

interface ShapeCase {
  readonly name: string;
  readonly provider: string;
  readonly model: string;
  readonly usage: Record<string, unknown>;
  readonly format?: UsageFormat;
  readonly expected: string;
}

function price(testCase: ShapeCase): string {
  const tokens = normalizeUsage(testCase.usage, testCase.provider, testCase.format ? { format: testCase.format } : {});
  const result = priceUsage(
    { provider: testCase.provider, model: testCase.model, tokens, occurredAt: new Date(DEFAULT_AT) },
    book,
  );
  return result.source === "computed" ? dollars(result.total) : `unpriced: ${result.reason}`;
}

const ANTHROPIC_CACHED = { input: 2000, cache_read: 50000, cache_write_5m: 10000, output: 800 };

const CASES: ShapeCase[] = [
  // The examples: 4000 x 2.5 + 8000 x 1.25 + 800 x 10 (cached tokens inside inputTokens for OpenAI)
  {
    name: "Vercel AI v5, OpenAI",
    provider: "openai",
    model: "gpt-4o",
    usage: { inputTokens: 12000, outputTokens: 800, totalTokens: 12800, cachedInputTokens: 8000 },
    expected: "0.028",
  },
  // 2000 x 3 + 50000 x 0.3 + 800 x 15: @ai-sdk/anthropic v2 copies input_tokens (cache outside)
  {
    name: "Vercel AI v5, Anthropic",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: { inputTokens: 2000, outputTokens: 800, cachedInputTokens: 50000 },
    expected: "0.033",
  },
  // o3 2 / 8: 1500 x 2 + (500 + 2500) x 8, reasoning inside outputTokens
  {
    name: "Vercel AI v5, OpenAI reasoning",
    provider: "openai",
    model: "o3",
    usage: { inputTokens: 1500, outputTokens: 3000, reasoningTokens: 2500 },
    expected: "0.027",
  },
  // gemini-2.5-flash 0.3 / read 0.03 / 2.5: 6000 x 0.3 + 4000 x 0.03 + (1000 + 3000) x 2.5, thoughts outside outputTokens
  {
    name: "Vercel AI v5, Google",
    provider: "google",
    model: "gemini-2.5-flash",
    usage: { inputTokens: 10000, outputTokens: 1000, cachedInputTokens: 4000, reasoningTokens: 3000 },
    expected: "0.01192",
  },
  {
    name: "Vercel AI v5 on Vertex with the hint",
    provider: "vertex",
    model: "gemini-2.5-flash",
    format: "vercel_ai_v5_google",
    usage: { inputTokens: 10000, outputTokens: 1000, cachedInputTokens: 4000, reasoningTokens: 3000 },
    expected: "0.01192",
  },
  // 1000 x 2.5 + 500 x 10
  {
    name: "Vercel AI v4",
    provider: "openai",
    model: "gpt-4o",
    usage: { promptTokens: 1000, completionTokens: 500, totalTokens: 1500 },
    expected: "0.0075",
  },
  {
    name: "Vercel AI v6, OpenAI",
    provider: "openai",
    model: "gpt-4o",
    usage: {
      inputTokens: 12000,
      inputTokenDetails: { noCacheTokens: 4000, cacheReadTokens: 8000, cacheWriteTokens: 0 },
      outputTokens: 800,
      outputTokenDetails: { textTokens: 800, reasoningTokens: 0 },
      totalTokens: 12800,
    },
    expected: "0.028",
  },
  // 2000 x 3 + 50000 x 0.3 + 10000 x 3.75 + 800 x 15
  {
    name: "Vercel AI v6, Anthropic",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      inputTokens: 62000,
      inputTokenDetails: { noCacheTokens: 2000, cacheReadTokens: 50000, cacheWriteTokens: 10000 },
      outputTokens: 800,
      outputTokenDetails: { textTokens: 800 },
    },
    expected: "0.0705",
  },
  {
    name: "LangChain, OpenAI",
    provider: "openai",
    model: "gpt-4o",
    usage: { input_tokens: 12000, output_tokens: 800, total_tokens: 12800, input_token_details: { cache_read: 8000 } },
    expected: "0.028",
  },
  {
    name: "LangChain, Anthropic",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      input_tokens: 62000,
      output_tokens: 800,
      total_tokens: 62800,
      input_token_details: { cache_read: 50000, cache_creation: 10000 },
    },
    expected: "0.0705",
  },
  // newer langchain-anthropic: TTL split, cache_creation zeroed. 2000 x 3 + 50000 x 0.3 + 4000 x 3.75 + 6000 x 6 + 800 x 15
  {
    name: "LangChain, Anthropic TTL split",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      input_tokens: 62000,
      output_tokens: 800,
      input_token_details: {
        cache_read: 50000,
        cache_creation: 0,
        ephemeral_5m_input_tokens: 4000,
        ephemeral_1h_input_tokens: 6000,
      },
    },
    expected: "0.084",
  },
  {
    name: "LangChain, reasoning",
    provider: "openai",
    model: "o3",
    usage: { input_tokens: 1500, output_tokens: 3000, output_token_details: { reasoning: 2500 } },
    expected: "0.027",
  },
  // LiteLLM adds Anthropic's cache reads and writes to prompt_tokens
  {
    name: "LiteLLM, Anthropic",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      prompt_tokens: 62000,
      completion_tokens: 800,
      total_tokens: 62800,
      prompt_tokens_details: { cached_tokens: 50000 },
      cache_read_input_tokens: 50000,
      cache_creation_input_tokens: 10000,
    },
    expected: "0.0705",
  },
  {
    name: "LiteLLM, TTL split",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      prompt_tokens: 62000,
      completion_tokens: 800,
      prompt_tokens_details: { cached_tokens: 50000 },
      cache_read_input_tokens: 50000,
      cache_creation_input_tokens: 10000,
      cache_creation_token_details: { ephemeral_5m_input_tokens: 4000, ephemeral_1h_input_tokens: 6000 },
    },
    expected: "0.084",
  },
  {
    name: "LiteLLM, newer cache_creation_tokens",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      prompt_tokens: 62000,
      completion_tokens: 800,
      prompt_tokens_details: { cached_tokens: 50000, cache_creation_tokens: 10000 },
    },
    expected: "0.0705",
  },
  // openrouter:openai/gpt-4o lists 2.5 / 10 and no cache price: reads billed as input. 12000 x 2.5 + 800 x 10
  {
    name: "OpenRouter",
    provider: "openrouter",
    model: "openai/gpt-4o",
    usage: {
      prompt_tokens: 12000,
      completion_tokens: 800,
      total_tokens: 12800,
      prompt_tokens_details: { cached_tokens: 8000, cache_write_tokens: 0 },
      cost: 0.028,
      is_byok: false,
    },
    expected: "0.038",
  },
  {
    name: "Bedrock Converse",
    provider: "bedrock",
    model: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    usage: {
      inputTokens: 2000,
      outputTokens: 800,
      totalTokens: 62800,
      cacheReadInputTokens: 50000,
      cacheWriteInputTokens: 10000,
    },
    expected: "0.0705",
  },
  {
    name: "OpenInference attributes",
    provider: "openai",
    model: "gpt-4o",
    usage: {
      "llm.token_count.prompt": 12000,
      "llm.token_count.prompt_details.cache_read": 8000,
      "llm.token_count.completion": 800,
      "llm.token_count.total": 12800,
    },
    expected: "0.028",
  },
  {
    name: "OpenTelemetry GenAI with cache writes",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      "gen_ai.usage.input_tokens": 62000,
      "gen_ai.usage.cache_read.input_tokens": 50000,
      "gen_ai.usage.cache_creation.input_tokens": 10000,
      "gen_ai.usage.output_tokens": 800,
    },
    expected: "0.0705",
  },
  // gpt-image-1: text in 5, image out 40: the Images API's output_tokens are image tokens. 50 x 5 + 4160 x 40
  {
    name: "gpt-image-1 image output",
    provider: "openai",
    model: "gpt-image-1",
    usage: {
      input_tokens: 50,
      output_tokens: 4160,
      total_tokens: 4210,
      input_tokens_details: { text_tokens: 50, image_tokens: 0 },
    },
    expected: "0.16665",
  },
  // gpt-4o-transcribe: text in 2.5, audio in 2.5, out 10: (100 + 900) x 2.5 + 200 x 10 (the API's {"type": "tokens"} usage)
  {
    name: "gpt-4o-transcribe",
    provider: "openai",
    model: "gpt-4o-transcribe",
    usage: {
      type: "tokens",
      input_tokens: 1000,
      input_token_details: { text_tokens: 100, audio_tokens: 900 },
      output_tokens: 200,
      total_tokens: 1200,
    },
    expected: "0.0045",
  },
  // text-embedding-3-small 0.02: 10000 x 0.02
  {
    name: "embeddings",
    provider: "openai",
    model: "text-embedding-3-small",
    usage: { prompt_tokens: 10000, total_tokens: 10000 },
    expected: "0.0002",
  },
];

describe("framework usage shapes priced exactly", () => {
  test.each(CASES)("$name", (testCase) => {
    expect(price(testCase)).toBe(testCase.expected);
  });

  test("the OpenRouter reading keeps its cache split even where the price does not", () => {
    expect(
      normalizeUsage(
        {
          prompt_tokens: 12000,
          completion_tokens: 800,
          prompt_tokens_details: { cached_tokens: 8000, cache_write_tokens: 1000 },
          cost: 0.03,
        },
        "openrouter",
      ),
    ).toEqual({ input: 3000, cache_read: 8000, cache_write_5m: 1000, output: 800 });
  });

  test("every inclusive shape of one Anthropic call gives the same tokens", () => {
    const readings = [
      normalizeUsage(
        { input_tokens: 2000, cache_read_input_tokens: 50000, cache_creation_input_tokens: 10000, output_tokens: 800 },
        "anthropic",
      ),
      ...CASES.filter((c) => c.expected === "0.0705").map((c) => normalizeUsage(c.usage, c.provider)),
    ];
    for (const reading of readings) expect(reading).toEqual(ANTHROPIC_CACHED);
  });
});

describe("ambiguous and inconsistent shapes are refused, naming the field", () => {
  const fieldOf = (usage: Record<string, unknown>, provider: string) => {
    try {
      normalizeUsage(usage, provider);
    } catch (error) {
      return (error as { field?: string }).field;
    }
    return "accepted";
  };

  test.each([
    [
      "v5 cache tokens from a provider whose reading is unknown",
      { inputTokens: 100, outputTokens: 5, cachedInputTokens: 50 },
      "vertex",
      "usage_format",
    ],
    [
      "v5 cached > input for an inclusive provider",
      { inputTokens: 10, outputTokens: 5, cachedInputTokens: 50 },
      "openai",
      "usage.cachedInputTokens",
    ],
    [
      "v6 noCacheTokens that disagree",
      { inputTokens: 100, inputTokenDetails: { noCacheTokens: 90, cacheReadTokens: 50 } },
      "openai",
      "usage.inputTokenDetails.noCacheTokens",
    ],
    [
      "v6 reasoning > output",
      { inputTokens: 1, outputTokens: 1, outputTokenDetails: { reasoningTokens: 2 } },
      "openai",
      "usage.outputTokenDetails.reasoningTokens",
    ],
    [
      "LangChain cache > input",
      { input_tokens: 10, output_tokens: 1, input_token_details: { cache_read: 11 } },
      "openai",
      "usage.input_token_details",
    ],
    [
      "LangChain TTL split that disagrees with cache_creation",
      { input_tokens: 100, input_token_details: { cache_creation: 10, ephemeral_5m_input_tokens: 3 } },
      "anthropic",
      "usage.input_token_details.cache_creation",
    ],
    [
      "LiteLLM cache reads that disagree",
      { prompt_tokens: 100, prompt_tokens_details: { cached_tokens: 10 }, cache_read_input_tokens: 20 },
      "anthropic",
      "usage.cache_read_input_tokens",
    ],
    [
      "LiteLLM writes > the uncached prompt",
      { prompt_tokens: 100, prompt_tokens_details: { cached_tokens: 60 }, cache_creation_input_tokens: 50 },
      "anthropic",
      "usage.cache_creation_input_tokens",
    ],
    [
      "OpenInference details > prompt",
      { "llm.token_count.prompt": 5, "llm.token_count.prompt_details.cache_read": 6 },
      "openai",
      "usage.llm.token_count.prompt_details",
    ],
    ["a duration usage of another type", { type: "tokens_and_duration", seconds: 60 }, "openai", "usage.type"],
    ["a unit usage with token fields beside it", { seconds: 60, speed: 2 }, "openai", "usage.speed"],
    ["v5 without cache or reasoning from any provider", { inputTokens: 100, outputTokens: 5 }, "vertex", "accepted"],
  ] as const)("%s", (_name, usage, provider, field) => {
    expect(fieldOf(usage, provider)).toBe(field);
  });
});

describe("the usage_format hint on an event", () => {
  const event = (extra: Record<string, unknown>) => ({
    type: "usage",
    event_id: "e1",
    occurred_at: new Date().toISOString(),
    provider: "vertex",
    model: "claude-sonnet-4-5",
    ...extra,
  });
  const usage = { inputTokens: 2000, outputTokens: 800, cachedInputTokens: 50000 };

  test("decides an ambiguous shape", () => {
    const row = validateEvent(event({ usage, usage_format: "vercel_ai_v5_anthropic" }), 0, Date.now()) as UsageRow;
    expect(row.tokens).toEqual({ input: 2000, cache_read: 50000, output: 800 });
  });

  test("without it, the event is rejected naming usage_format and the choices", () => {
    const rejection = (() => {
      try {
        validateEvent(event({ usage }), 0, Date.now());
      } catch (error) {
        return error as EventRejection;
      }
    })();
    expect(rejection?.field).toBe("usage_format");
    expect(rejection?.reason).toContain("vercel_ai_v5_anthropic");
  });

  test("an unknown format is rejected by name", () => {
    expect(() => validateEvent(event({ usage, usage_format: "vercel" }), 0, Date.now())).toThrow(/usage_format/);
  });
});
