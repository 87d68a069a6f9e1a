import { describe, expect, test } from "vitest";
import { detectUsageShape, normalizeTokens, normalizeUsage, UsageError } from "@/lib/pricing/normalize";

function errorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("shapes", () => {
  test.each([
    [{ prompt_tokens: 1 }, undefined, "openai_chat"],
    [{ input_tokens: 1, input_tokens_details: { cached_tokens: 0 } }, undefined, "openai_responses"],
    [{ input_tokens: 1, cache_read_input_tokens: 0 }, "openai", "anthropic"],
    [{ input_tokens: 1, output_tokens: 1 }, "anthropic", "anthropic"],
    [{ input_tokens: 1, output_tokens: 1 }, "openai", "openai_responses"],
    [{ promptTokenCount: 1 }, undefined, "gemini"],
    [{ "gen_ai.usage.input_tokens": 1 }, undefined, "opentelemetry"],
    [{ inputTokens: 1 }, "bedrock", "bedrock_converse"],
    [{ billed_units: {} }, "cohere", "cohere"],
  ] as const)("%j with provider %s is %s", (usage, provider, shape) => {
    expect(detectUsageShape(usage, provider)).toBe(shape);
  });

  test("a bare {input_tokens, output_tokens} means the same under both readings", () => {
    const usage = { input_tokens: 10, output_tokens: 5 };
    expect(normalizeUsage(usage, "anthropic")).toEqual(normalizeUsage(usage, "openai"));
  });
});

describe("never double counts or drops cache tokens", () => {
  test("OpenAI: cached tokens come out of prompt_tokens", () => {
    expect(
      normalizeUsage({ prompt_tokens: 100, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 60 } }),
    ).toEqual({ input: 40, cache_read: 60, output: 7 });
  });
  test("Anthropic: cache tokens are added to input_tokens, not taken out", () => {
    expect(
      normalizeUsage({
        input_tokens: 100,
        cache_read_input_tokens: 60,
        cache_creation_input_tokens: 30,
        output_tokens: 7,
      }),
    ).toEqual({ input: 100, cache_read: 60, cache_write_5m: 30, output: 7 });
  });
  test("OpenTelemetry: cache read and creation come out of input_tokens", () => {
    expect(
      normalizeUsage({
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.cache_read.input_tokens": 60,
        "gen_ai.usage.cache_creation.input_tokens": 30,
        "gen_ai.usage.output_tokens": 7,
      }),
    ).toEqual({ input: 10, cache_read: 60, cache_write_5m: 30, output: 7 });
  });
  test("Gemini: cached content comes out of promptTokenCount; tool-use prompt adds to input", () => {
    expect(
      normalizeUsage({
        usageMetadata: {
          promptTokenCount: 100,
          cachedContentTokenCount: 60,
          toolUsePromptTokenCount: 5,
          candidatesTokenCount: 7,
          thoughtsTokenCount: 3,
        },
      }),
    ).toEqual({ input: 45, cache_read: 60, output: 7, reasoning: 3 });
  });
  test("the same request in four shapes gives the same classes", () => {
    const expected = { input: 40, cache_read: 60, output: 5, reasoning: 2 };
    expect(
      normalizeUsage({
        prompt_tokens: 100,
        completion_tokens: 7,
        prompt_tokens_details: { cached_tokens: 60 },
        completion_tokens_details: { reasoning_tokens: 2 },
      }),
    ).toEqual(expected);
    expect(
      normalizeUsage({
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 60 },
        output_tokens: 7,
        output_tokens_details: { reasoning_tokens: 2 },
      }),
    ).toEqual(expected);
    expect(
      normalizeUsage({
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.cache_read.input_tokens": 60,
        "gen_ai.usage.output_tokens": 7,
        "gen_ai.usage.reasoning.output_tokens": 2,
      }),
    ).toEqual(expected);
    expect(
      normalizeUsage({
        promptTokenCount: 100,
        cachedContentTokenCount: 60,
        candidatesTokenCount: 5,
        thoughtsTokenCount: 2,
      }),
    ).toEqual(expected);
  });
  test("deprecated OTel prompt/completion names still count", () => {
    expect(normalizeUsage({ "gen_ai.usage.prompt_tokens": 10, "gen_ai.usage.completion_tokens": 4 })).toEqual({
      input: 10,
      output: 4,
    });
  });
  test("Gemini cached audio is a cache read, not audio input", () => {
    expect(
      normalizeUsage({
        promptTokenCount: 100,
        cachedContentTokenCount: 30,
        promptTokensDetails: [
          { modality: "AUDIO", tokenCount: 50 },
          { modality: "TEXT", tokenCount: 50 },
        ],
        cacheTokensDetails: [{ modality: "AUDIO", tokenCount: 30 }],
        candidatesTokenCount: 1,
      }),
    ).toEqual({ input: 50, cache_read: 30, audio_input: 20, output: 1 });
  });
});

describe("rejects inconsistent shapes, naming the field", () => {
  test.each([
    [
      "cached > prompt (chat)",
      { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 11 } },
      "usage.prompt_tokens_details.cached_tokens",
    ],
    [
      "cached > input (responses)",
      { input_tokens: 10, input_tokens_details: { cached_tokens: 11 }, output_tokens: 0 },
      "usage.input_tokens_details.cached_tokens",
    ],
    [
      "reasoning > completion",
      { prompt_tokens: 10, completion_tokens: 1, completion_tokens_details: { reasoning_tokens: 2 } },
      "usage.completion_tokens_details",
    ],
    [
      "cached + audio > prompt",
      { prompt_tokens: 10, prompt_tokens_details: { cached_tokens: 6, audio_tokens: 6 } },
      "usage.prompt_tokens_details",
    ],
    [
      "deepseek hit + miss != prompt",
      { prompt_tokens: 10, completion_tokens: 0, prompt_cache_hit_tokens: 3, prompt_cache_miss_tokens: 3 },
      "usage.prompt_cache_hit_tokens",
    ],
    [
      "anthropic 5m + 1h != creation",
      {
        input_tokens: 1,
        cache_creation_input_tokens: 10,
        cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 3 },
      },
      "usage.cache_creation",
    ],
    ["gemini cached > prompt", { promptTokenCount: 5, cachedContentTokenCount: 6 }, "usage.cachedContentTokenCount"],
    [
      "gemini snake cached > prompt",
      { prompt_token_count: 5, cached_content_token_count: 6 },
      "usage.cached_content_token_count",
    ],
    [
      "gemini details > candidates",
      { promptTokenCount: 5, candidatesTokenCount: 1, candidatesTokensDetails: [{ modality: "IMAGE", tokenCount: 2 }] },
      "usage.candidatesTokensDetails",
    ],
    [
      "otel cache > input",
      { "gen_ai.usage.input_tokens": 5, "gen_ai.usage.cache_read.input_tokens": 6 },
      "usage.gen_ai.usage.cache_read.input_tokens",
    ],
    [
      "otel reasoning > output",
      { "gen_ai.usage.output_tokens": 1, "gen_ai.usage.reasoning.output_tokens": 2 },
      "usage.gen_ai.usage.reasoning.output_tokens",
    ],
    ["negative count", { prompt_tokens: -1 }, "usage.prompt_tokens"],
    ["fractional count", { input_tokens: 1.5, output_tokens: 1 }, "usage.input_tokens"],
    ["string count", { prompt_tokens: "10" }, "usage.prompt_tokens"],
    ["details not an object", { prompt_tokens: 1, prompt_tokens_details: 3 }, "usage.prompt_tokens_details"],
    [
      "mixed Anthropic and OpenAI fields",
      { input_tokens: 1, cache_read_input_tokens: 1, input_tokens_details: {} },
      "usage",
    ],
    ["unknown shape", { tokens_used: 5 }, "usage"],
    ["not an object", 5, "usage"],
    ["cohere with a null billed_units", { billed_units: null, tokens: {} }, "usage.billed_units"],
  ] as const)("%s", (_name, usage, field) => {
    expect(errorOf(() => normalizeUsage(usage)).field).toBe(field);
  });
});

describe("canonical tokens", () => {
  test("keeps known classes and drops zeros", () => {
    expect(normalizeTokens({ input: 5, output: 0, reasoning: 2 })).toEqual({ input: 5, reasoning: 2 });
  });
  test("cache_write of unknown TTL adds to the 5-minute write", () => {
    expect(normalizeTokens({ cache_write: 3, cache_write_5m: 2, cache_write_1h: 1 })).toEqual({
      cache_write_5m: 5,
      cache_write_1h: 1,
    });
  });
  test.each([
    [{ prompt: 5 }, "tokens.prompt"],
    [{ input: -1 }, "tokens.input"],
    [{ output: 1e20 }, "tokens.output"],
    [[1], "tokens"],
  ] as const)("rejects %j at %s", (tokens, field) => {
    expect(errorOf(() => normalizeTokens(tokens)).field).toBe(field);
  });
});
