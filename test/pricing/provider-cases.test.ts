/**
 * Provider responses priced end to end (usage object -> canonical tokens -> cost), each
 * expected figure worked out by hand from the provider's billing rules and the catalog's
 * $/Mtok prices quoted in the comment: cost = tokens x price / 1,000,000.
 */
import { describe, expect, test } from "vitest";
import { createPriceBook } from "@/lib/pricing/book";
import { dollars, priceCase, type ProviderCase } from "./support";

const book = createPriceBook({
  aliases: [{ provider: "azure", alias: "prod-4o", model: "gpt-4o" }],
  overrides: [
    // A negotiated gpt-4o price for December only.
    {
      id: "ovr-4o-dec",
      scope: "project",
      provider: "openai",
      model: "gpt-4o",
      effective_from: "2026-12-01",
      effective_to: "2027-01-01",
      tiers: { standard: [{ above: 0, usd_per_mtok: { input: "2", cache_read: "1", output: "8" } }] },
    },
    // A self-hosted model charged back internally at cost + 15%.
    {
      id: "ovr-acme",
      scope: "project",
      provider: "self-hosted",
      model: "acme-llama-8b",
      effective_from: "2026-01-01",
      markup_pct: "15",
      tiers: { standard: [{ above: 0, usd_per_mtok: { input: "1", output: "2" } }] },
    },
    // A 10% discount on Claude Haiku 4.5.
    {
      id: "ovr-haiku",
      scope: "project",
      provider: "anthropic",
      model: "claude-haiku-4-5",
      effective_from: "2026-11-01",
      markup_pct: "-10",
      tiers: {
        standard: [
          {
            above: 0,
            usd_per_mtok: { input: "1", cache_read: "0.1", cache_write_5m: "1.25", cache_write_1h: "2", output: "5" },
          },
        ],
      },
    },
    // An embedding-only private model: it lists no output price.
    {
      id: "ovr-embed",
      scope: "project",
      provider: "self-hosted",
      model: "acme-embed",
      effective_from: "2026-01-01",
      tiers: { standard: [{ above: 0, usd_per_mtok: { input: "0.01" } }] },
    },
  ],
});

const OPENAI: ProviderCase[] = [
  // gpt-4o: input 2.5, cache read 1.25, output 10
  {
    name: "chat, no cache",
    provider: "openai",
    model: "gpt-4o",
    usage: { prompt_tokens: 1000, completion_tokens: 500 },
    expected: "0.0075",
  },
  // 6000 x 2.5 + 4000 x 1.25 + 200 x 10: cached tokens are inside prompt_tokens
  {
    name: "chat, cached prompt",
    provider: "openai",
    model: "gpt-4o",
    usage: { prompt_tokens: 10000, completion_tokens: 200, prompt_tokens_details: { cached_tokens: 4000 } },
    expected: "0.022",
  },
  // batch: input 1.25, output 5 listed; cached input at half of 1.25 (OpenAI: batch is 50% off)
  {
    name: "chat, batch with cache",
    provider: "openai",
    model: "gpt-4o",
    tier: "batch",
    usage: { prompt_tokens: 10000, completion_tokens: 200, prompt_tokens_details: { cached_tokens: 4000 } },
    expected: "0.011",
  },
  // priority: 4.25 / 2.125 / 17
  {
    name: "chat, priority",
    provider: "openai",
    model: "gpt-4o",
    tier: "priority",
    usage: { prompt_tokens: 2000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 1000 } },
    expected: "0.008075",
  },
  // o3: 2 / 0.5 / 8, reasoning inside completion_tokens, billed as output
  {
    name: "o3 reasoning",
    provider: "openai",
    model: "o3",
    usage: { prompt_tokens: 1500, completion_tokens: 3000, completion_tokens_details: { reasoning_tokens: 2500 } },
    expected: "0.027",
  },
  // flex: 1 / 0.25 / 4
  {
    name: "o3 flex",
    provider: "openai",
    model: "o3",
    tier: "flex",
    usage: { prompt_tokens: 1500, completion_tokens: 3000, completion_tokens_details: { reasoning_tokens: 2500 } },
    expected: "0.0135",
  },
  // no o3 batch price listed: OpenAI's documented 50% of standard
  {
    name: "o3 batch derived at 50%",
    provider: "openai",
    model: "o3",
    tier: "batch",
    usage: { prompt_tokens: 1500, completion_tokens: 3000, completion_tokens_details: { reasoning_tokens: 2500 } },
    expected: "0.0135",
  },
  // gpt-5: 1.25 / 0.125 / 10; responses API: 12000 x 1.25 + 8000 x 0.125 + 1000 x 10 + 4000 x 10
  {
    name: "gpt-5 responses",
    provider: "openai",
    model: "gpt-5",
    usage: {
      input_tokens: 20000,
      input_tokens_details: { cached_tokens: 8000 },
      output_tokens: 5000,
      output_tokens_details: { reasoning_tokens: 4000 },
    },
    expected: "0.066",
  },
  // flex: 0.625 / 0.0625 / 5
  {
    name: "gpt-5 responses flex",
    provider: "openai",
    model: "gpt-5",
    tier: "flex",
    usage: {
      input_tokens: 20000,
      input_tokens_details: { cached_tokens: 8000 },
      output_tokens: 5000,
      output_tokens_details: { reasoning_tokens: 4000 },
    },
    expected: "0.033",
  },
  // priority: 2.5 / 0.25 / 20
  {
    name: "gpt-5 responses priority",
    provider: "openai",
    model: "gpt-5",
    tier: "priority",
    usage: {
      input_tokens: 20000,
      input_tokens_details: { cached_tokens: 8000 },
      output_tokens: 5000,
      output_tokens_details: { reasoning_tokens: 4000 },
    },
    expected: "0.132",
  },
  // gpt-5.4 above 272k: every class at 5 / 0.5 / 22.5
  {
    name: "gpt-5.4 long context",
    provider: "openai",
    model: "gpt-5.4",
    usage: { input_tokens: 300000, input_tokens_details: { cached_tokens: 100000 }, output_tokens: 1000 },
    expected: "1.0725",
  },
  // exactly 272,000 is not above the threshold: 2.5 / 15
  {
    name: "gpt-5.4 at the threshold",
    provider: "openai",
    model: "gpt-5.4",
    usage: { input_tokens: 272000, output_tokens: 1000 },
    expected: "0.695",
  },
  {
    name: "gpt-5.4 one token over",
    provider: "openai",
    model: "gpt-5.4",
    usage: { input_tokens: 272001, output_tokens: 1000 },
    expected: "1.382505",
  },
  // batch lists no long-context band: 50% of the long-context standard price (2.5, 11.25)
  {
    name: "gpt-5.4 batch long context",
    provider: "openai",
    model: "gpt-5.4",
    tier: "batch",
    usage: { input_tokens: 300000, output_tokens: 1000 },
    expected: "0.76125",
  },
  // gpt-4o-audio-preview: text 2.5 / 10, audio 40 / 80
  {
    name: "audio chat",
    provider: "openai",
    model: "gpt-4o-audio-preview",
    usage: {
      prompt_tokens: 1200,
      completion_tokens: 600,
      prompt_tokens_details: { audio_tokens: 1000 },
      completion_tokens_details: { audio_tokens: 500 },
    },
    expected: "0.0815",
  },
  // realtime: 5 / 2.5 / 20, audio 40 / 80; 1500 uncached audio + 500 text in, cached 1000
  {
    name: "realtime with cached audio",
    provider: "openai",
    model: "gpt-4o-realtime-preview",
    usage: {
      input_tokens: 3000,
      output_tokens: 800,
      input_token_details: {
        cached_tokens: 1000,
        text_tokens: 1000,
        audio_tokens: 2000,
        cached_tokens_details: { text_tokens: 500, audio_tokens: 500 },
      },
      output_token_details: { text_tokens: 300, audio_tokens: 500 },
    },
    expected: "0.111",
  },
  // gpt-4o-mini 0.15 / 0.6, never gpt-4o's price
  {
    name: "provider prefix",
    provider: "openai",
    model: "openai/gpt-4o-mini",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.00075",
  },
  {
    name: "snapshot with its own entry",
    provider: "openai",
    model: "gpt-4o-mini-2024-07-18",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.00075",
  },
  // gpt-4o-2024-05-13 is priced 5 / 15, not like gpt-4o
  {
    name: "old snapshot keeps its price",
    provider: "openai",
    model: "gpt-4o-2024-05-13",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.02",
  },
  {
    name: "unknown snapshot falls back to base",
    provider: "openai",
    model: "gpt-4o-2099-01-01",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.0125",
  },
  {
    name: "no provider given",
    model: "gpt-4o",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.0125",
  },
  // langfuse pattern (gpt-)(35|3.5)(-turbo-1106): 1 / 2
  {
    name: "langfuse alias gpt-35",
    provider: "openai",
    model: "gpt-35-turbo-1106",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.003",
  },
  {
    name: "langfuse alias behind prefix",
    provider: "openai",
    model: "openai/gpt-35-turbo",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.002",
  },
  // Azure deployment name through the project alias map: azure gpt-4o 2.5 / 1.25 / 10
  {
    name: "azure deployment alias",
    provider: "azure",
    model: "prod-4o",
    usage: { prompt_tokens: 1000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 500 } },
    expected: "0.002875",
  },
  // text-embedding-3-small 0.02, batch 0.01
  {
    name: "embedding",
    provider: "openai",
    model: "text-embedding-3-small",
    usage: { prompt_tokens: 10000, total_tokens: 10000 },
    expected: "0.0002",
  },
  {
    name: "embedding batch",
    provider: "openai",
    model: "text-embedding-3-small",
    tier: "batch",
    usage: { prompt_tokens: 10000, total_tokens: 10000 },
    expected: "0.0001",
  },
  {
    name: "canonical tokens",
    provider: "openai",
    model: "gpt-4o",
    tokens: { input: 1000, cache_read: 1000, output: 1000 },
    expected: "0.01375",
  },
];

const ANTHROPIC: ProviderCase[] = [
  // claude-sonnet-4-5: 3 / read 0.3 / write 5m 3.75 / write 1h 6 / 15; above 200k: 6 / 0.6 / 7.5 / 12 / 22.5
  {
    name: "cache read outside input_tokens",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: { input_tokens: 2000, cache_read_input_tokens: 50000, output_tokens: 800 },
    expected: "0.033",
  },
  {
    name: "cache write, TTL unknown = 5m",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: { input_tokens: 100, cache_creation_input_tokens: 10000, output_tokens: 50 },
    expected: "0.03855",
  },
  {
    name: "cache write split 5m / 1h",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      input_tokens: 100,
      cache_creation_input_tokens: 10000,
      cache_creation: { ephemeral_5m_input_tokens: 4000, ephemeral_1h_input_tokens: 6000 },
      output_tokens: 50,
    },
    expected: "0.05205",
  },
  // 150,000 + 60,000 cached = 210,000 > 200k: every class at the long-context price
  {
    name: "long context counts cache reads",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: { input_tokens: 150000, cache_read_input_tokens: 60000, output_tokens: 1000 },
    expected: "0.9585",
  },
  {
    name: "exactly 200k stays standard",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: { input_tokens: 140000, cache_read_input_tokens: 60000, output_tokens: 1000 },
    expected: "0.453",
  },
  {
    name: "long context counts 1h writes",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      input_tokens: 1000,
      cache_creation_input_tokens: 200000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 200000 },
      output_tokens: 100,
    },
    expected: "2.40825",
  },
  // Message Batches: 50% of every class, cache multipliers included (1.5 / 0.15 / 7.5)
  {
    name: "batch at half price",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    tier: "batch",
    usage: { input_tokens: 10000, cache_read_input_tokens: 20000, output_tokens: 2000 },
    expected: "0.033",
  },
  {
    name: "dated model id",
    provider: "anthropic",
    model: "claude-sonnet-4-5-20250929",
    usage: { input_tokens: 1000, output_tokens: 1000 },
    expected: "0.018",
  },
  // claude-opus-4-6: 5 / 0.5 / 6.25 / 10 / 25
  {
    name: "opus all classes",
    provider: "anthropic",
    model: "claude-opus-4-6",
    usage: {
      input_tokens: 1000,
      cache_read_input_tokens: 5000,
      cache_creation_input_tokens: 3000,
      cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 1000 },
      output_tokens: 500,
    },
    expected: "0.0425",
  },
  // Claude 3 Haiku: 0.25 in, 1h write corrected to 2x input = 0.5, 1.25 out
  {
    name: "1h write at 2x input",
    provider: "anthropic",
    model: "claude-3-haiku-20240307",
    usage: {
      input_tokens: 1000,
      cache_creation_input_tokens: 10000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 10000 },
      output_tokens: 100,
    },
    expected: "0.005375",
  },
  // project override: Haiku 4.5 at list price minus 10% (1 / 5 -> 0.9 / 4.5)
  {
    name: "override with discount",
    provider: "anthropic",
    model: "anthropic/claude-haiku-4-5",
    usage: { input_tokens: 1000, output_tokens: 1000 },
    expected: "0.0054",
  },
  {
    name: "override not yet in force",
    provider: "anthropic",
    model: "claude-haiku-4-5",
    at: "2026-10-31T23:59:59Z",
    usage: { input_tokens: 1000, output_tokens: 1000 },
    expected: "0.006",
  },
  // Bedrock Converse: cacheRead/cacheWrite outside inputTokens; Bedrock Sonnet 4.5 3 / 0.3 / 3.75 / 15
  {
    name: "bedrock converse with cache",
    provider: "bedrock",
    model: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    usage: {
      inputTokens: 1000,
      cacheReadInputTokens: 2000,
      cacheWriteInputTokens: 3000,
      outputTokens: 400,
      totalTokens: 6400,
    },
    expected: "0.02085",
  },
  // Vertex Claude batch: listed 1.5 / 7.5, cache read 50% of 0.3
  {
    name: "vertex claude batch",
    provider: "vertex_ai",
    model: "claude-sonnet-4-5",
    tier: "batch",
    usage: { input_tokens: 1000, cache_read_input_tokens: 10000, output_tokens: 100 },
    expected: "0.00375",
  },
  {
    name: "vertex claude @version",
    provider: "vertex_ai",
    model: "claude-sonnet-4-5@20250929",
    usage: { input_tokens: 1000, output_tokens: 100 },
    expected: "0.0045",
  },
  // a Bedrock-style id sent with provider anthropic: langfuse's Claude 3 Haiku pattern, 0.25 / 1.25
  {
    name: "langfuse alias for a bedrock id",
    provider: "anthropic",
    model: "us.anthropic.claude-3-haiku-20240307-v1:0",
    usage: { input_tokens: 4000, output_tokens: 800 },
    expected: "0.002",
  },
  {
    name: "canonical cache_write of unknown TTL",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    tokens: { input: 1000, cache_write: 1000 },
    expected: "0.00675",
  },
];

const GOOGLE: ProviderCase[] = [
  // gemini-2.5-pro (Gemini API): 1.25 / 0.125 / 10; above 200k 2.5 / 0.25 / 15; thoughts billed as output
  {
    name: "thoughts billed as output",
    provider: "gemini",
    model: "gemini-2.5-pro",
    usage: {
      usageMetadata: {
        promptTokenCount: 10000,
        candidatesTokenCount: 2000,
        thoughtsTokenCount: 3000,
        totalTokenCount: 15000,
      },
    },
    expected: "0.0625",
  },
  {
    name: "cached content inside prompt",
    provider: "gemini",
    model: "gemini-2.5-pro",
    usage: { promptTokenCount: 10000, cachedContentTokenCount: 6000, candidatesTokenCount: 1000 },
    expected: "0.01575",
  },
  {
    name: "above 200k, all classes",
    provider: "gemini",
    model: "gemini-2.5-pro",
    usage: {
      promptTokenCount: 250000,
      cachedContentTokenCount: 50000,
      candidatesTokenCount: 1000,
      thoughtsTokenCount: 1000,
    },
    expected: "0.5425",
  },
  {
    name: "exactly 200k",
    provider: "gemini",
    model: "gemini-2.5-pro",
    usage: { promptTokenCount: 200000, candidatesTokenCount: 100 },
    expected: "0.251",
  },
  // priority lists input/output only: the cached read takes the standard 0.125
  {
    name: "priority without a cached price",
    provider: "gemini",
    model: "gemini-2.5-pro",
    tier: "priority",
    usage: { promptTokenCount: 1000, cachedContentTokenCount: 400, candidatesTokenCount: 100 },
    expected: "0.0018",
  },
  // gemini-2.5-flash: 0.3 text, 1 audio, 2.5 out and thoughts
  {
    name: "audio modality",
    provider: "gemini",
    model: "gemini-2.5-flash",
    usage: {
      promptTokenCount: 5000,
      candidatesTokenCount: 500,
      thoughtsTokenCount: 700,
      promptTokensDetails: [
        { modality: "TEXT", tokenCount: 3000 },
        { modality: "AUDIO", tokenCount: 2000 },
      ],
    },
    expected: "0.0059",
  },
  // gemini-2.5-flash-image: image output 30
  {
    name: "image output",
    provider: "gemini",
    model: "gemini-2.5-flash-image",
    usage: {
      promptTokenCount: 100,
      candidatesTokenCount: 1390,
      candidatesTokensDetails: [
        { modality: "TEXT", tokenCount: 100 },
        { modality: "IMAGE", tokenCount: 1290 },
      ],
    },
    expected: "0.03898",
  },
  {
    name: "snake_case from the Python SDK",
    provider: "google",
    model: "gemini-2.5-flash",
    usage: { prompt_token_count: 1000, candidates_token_count: 100 },
    expected: "0.00055",
  },
  {
    name: "models/ prefix",
    provider: "google",
    model: "models/gemini-2.5-flash",
    usage: { promptTokenCount: 1000, candidatesTokenCount: 100 },
    expected: "0.00055",
  },
  // Vertex gemini-2.5-pro: 1.25 / 10
  {
    name: "vertex",
    provider: "vertex_ai",
    model: "vertex_ai/gemini-2.5-pro",
    usage: { promptTokenCount: 1000, candidatesTokenCount: 100 },
    expected: "0.00225",
  },
  // Gemini API batch: documented 50% (0.625 / 5)
  {
    name: "gemini batch",
    provider: "gemini",
    model: "gemini-2.5-pro",
    tier: "batch",
    usage: { promptTokenCount: 1000, candidatesTokenCount: 100 },
    expected: "0.001125",
  },
];

const OTHERS: ProviderCase[] = [
  // OTel: input_tokens includes cache read and creation; sonnet-4-5 prices
  {
    name: "otel anthropic",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    usage: {
      "gen_ai.usage.input_tokens": 12000,
      "gen_ai.usage.cache_read.input_tokens": 8000,
      "gen_ai.usage.cache_creation.input_tokens": 2000,
      "gen_ai.usage.output_tokens": 500,
    },
    expected: "0.0234",
  },
  // OTel: reasoning inside output_tokens; o3 2 / 0.5 / 8
  {
    name: "otel openai reasoning",
    provider: "openai",
    model: "o3",
    usage: {
      "gen_ai.usage.input_tokens": 5000,
      "gen_ai.usage.cache_read.input_tokens": 1000,
      "gen_ai.usage.output_tokens": 2000,
      "gen_ai.usage.reasoning.output_tokens": 1500,
    },
    expected: "0.0245",
  },
  // DeepSeek: hit 0.028, miss 0.28, out 0.42
  {
    name: "deepseek cache hit/miss",
    provider: "deepseek",
    model: "deepseek-chat",
    usage: {
      prompt_tokens: 10000,
      completion_tokens: 1000,
      prompt_cache_hit_tokens: 6000,
      prompt_cache_miss_tokens: 4000,
    },
    expected: "0.001708",
  },
  // mistral-large-latest 0.5 / 1.5; batch 50% documented
  {
    name: "mistral",
    provider: "mistral",
    model: "mistral-large-latest",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.002",
  },
  {
    name: "mistral batch",
    provider: "mistral",
    model: "mistral/mistral-large-latest",
    tier: "batch",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.001",
  },
  // Cohere bills billed_units: 2.5 / 10
  {
    name: "cohere billed units",
    provider: "cohere",
    model: "command-r-plus",
    usage: {
      billed_units: { input_tokens: 1000, output_tokens: 1000 },
      tokens: { input_tokens: 1200, output_tokens: 1000 },
    },
    expected: "0.0125",
  },
  // grok-4 lists no cached price: cached tokens are billed as input, 3 / 15
  {
    name: "xai without a cache price",
    provider: "xai",
    model: "grok-4",
    usage: { prompt_tokens: 1000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 400 } },
    expected: "0.0045",
  },
  // Groq documents no batch discount here: standard 0.59 / 0.79
  {
    name: "groq batch at standard",
    provider: "groq",
    model: "llama-3.3-70b-versatile",
    tier: "batch",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.00138",
  },
  {
    name: "together model with slashes",
    provider: "together_ai",
    model: "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.00176",
  },
  {
    name: "fireworks account path",
    provider: "fireworks",
    model: "accounts/fireworks/models/llama-v3p1-8b-instruct",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.0002",
  },
  {
    name: "bedrock nova converse",
    provider: "bedrock",
    model: "amazon.nova-pro-v1:0",
    usage: { inputTokens: 1000, outputTokens: 1000, totalTokens: 2000 },
    expected: "0.004",
  },
  // qwen-flash range tiers: 0.05 / 0.4 up to 256k, 0.25 / 2 above
  {
    name: "qwen range tier above 256k",
    provider: "dashscope",
    model: "qwen-flash",
    usage: { prompt_tokens: 300000, completion_tokens: 1000 },
    expected: "0.077",
  },
  {
    name: "qwen range tier below",
    provider: "dashscope",
    model: "qwen-flash",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.00045",
  },
];

const OVERRIDES_AND_DATES: ProviderCase[] = [
  // negotiated 2 / 1 / 8 from 2026-12-01 (inclusive) to 2027-01-01 (exclusive)
  {
    name: "override from its first instant",
    provider: "openai",
    model: "gpt-4o",
    at: "2026-12-01T00:00:00Z",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.01",
  },
  {
    name: "catalog just before the override",
    provider: "openai",
    model: "gpt-4o",
    at: "2026-11-30T23:59:59.999Z",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.0125",
  },
  {
    name: "catalog again after effective_to",
    provider: "openai",
    model: "gpt-4o",
    at: "2027-01-01T00:00:00Z",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.0125",
  },
  {
    name: "override does not cover another snapshot",
    provider: "openai",
    model: "gpt-4o-2024-08-06",
    at: "2026-12-15T00:00:00Z",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.0125",
  },
  // self-hosted 1 / 2 + 15% chargeback
  {
    name: "private model with markup",
    provider: "self-hosted",
    model: "acme-llama-8b",
    tokens: { input: 1000, output: 1000 },
    expected: "0.00345",
  },
  {
    name: "catalog prices history before the snapshot",
    provider: "openai",
    model: "gpt-4o",
    at: "2024-06-01T00:00:00Z",
    usage: { prompt_tokens: 1000, completion_tokens: 1000 },
    expected: "0.0125",
  },
];

const UNPRICED: ProviderCase[] = [
  {
    name: "unknown model",
    provider: "openai",
    model: "gpt-4o-minx",
    usage: { prompt_tokens: 10, completion_tokens: 10 },
    expected: "unpriced",
  },
  {
    name: "no substring match",
    provider: "openai",
    model: "gpt-4o-mini-fast",
    usage: { prompt_tokens: 10, completion_tokens: 10 },
    expected: "unpriced",
  },
  {
    name: "no cross-provider guess",
    provider: "anthropic",
    model: "gpt-4o",
    usage: { input_tokens: 10, output_tokens: 10 },
    expected: "unpriced",
  },
  {
    name: "a class the entry cannot price",
    provider: "self-hosted",
    model: "acme-embed",
    tokens: { input: 10, output: 10 },
    expected: "unpriced",
  },
  {
    name: "private model before its override",
    provider: "self-hosted",
    model: "acme-llama-8b",
    at: "2025-12-31T23:59:59Z",
    tokens: { input: 1 },
    expected: "unpriced",
  },
];

const ALL = { OPENAI, ANTHROPIC, GOOGLE, OTHERS, OVERRIDES_AND_DATES, UNPRICED };

test("the table holds at least 60 cases", () => {
  expect(Object.values(ALL).flat().length).toBeGreaterThanOrEqual(60);
});

for (const [group, cases] of Object.entries(ALL)) {
  describe(group, () => {
    test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, testCase) => {
      const result = priceCase(testCase, book);
      if (testCase.expected === "unpriced") {
        expect(result.source).toBe("unpriced");
        return;
      }
      if (result.source !== "computed") throw new Error(`unpriced: ${result.detail}`);
      expect(dollars(result.total)).toBe(testCase.expected);
      const classSum = Object.values(result.costs).reduce((sum, cost) => sum + cost, 0n);
      expect(classSum).toBe(result.total);
    });
  });
}
