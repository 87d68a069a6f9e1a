/**
 * Usage normalisation, done once at ingest: a provider's or framework's usage object, or our
 * canonical `tokens`, becomes non-overlapping token classes. The shape is recognised by its
 * fields (a client may send an OpenAI-shaped object for Groq or DeepSeek). Where the fields
 * alone cannot tell, the provider settles it when its reading is known, and otherwise the
 * event must say which shape it sends (`usage_format`): we never guess a price.
 */
import { canonicalProvider } from "./providers";
import { TOKEN_CLASSES, type CanonicalTokens, type TokenClass } from "@/lib/token-classes";
import type { UnitUsage } from "./units";
import { fromAnthropic } from "./usage/anthropic";
import { fromGemini } from "./usage/gemini";
import { fromLangChain, LANGCHAIN_DETAIL_KEYS } from "./usage/langchain";
import { fromOpenAiChat, fromOpenAiResponses } from "./usage/openai";
import { fromLiteLlm, fromOpenRouter } from "./usage/openai-compatible";
import {
  fromBedrockConverse,
  fromCohere,
  fromOpenInference,
  fromOpenTelemetry,
  isOpenInference,
  isOpenTelemetry,
} from "./usage/others";
import { readUnitUsage } from "./usage/units";
import { fromVercelV4, fromVercelV5, fromVercelV6, V5_FAMILY, type VercelV5Family } from "./usage/vercel-ai";
import { UsageError } from "./usage-error";
import { count, isRecord, type UsageRecord } from "./usage-fields";

export { UsageError } from "./usage-error";

/** Every shape we read; each is also a value of the event's `usage_format` hint. */
export const USAGE_FORMATS = [
  "openai_chat",
  "openai_responses",
  "anthropic",
  "gemini",
  "opentelemetry",
  "openinference",
  "bedrock_converse",
  "cohere",
  "langchain",
  "litellm",
  "openrouter",
  "vercel_ai_v4",
  "vercel_ai_v5_openai",
  "vercel_ai_v5_anthropic",
  "vercel_ai_v5_google",
  "vercel_ai_v6",
] as const;
export type UsageFormat = (typeof USAGE_FORMATS)[number];
/** What the fields say; `vercel_ai_v5` still needs the provider (or a hint) to be read. */
type UsageShape = Exclude<UsageFormat, `vercel_ai_v5_${string}`> | "vercel_ai_v5";

const ANTHROPIC_CACHE_FIELDS = ["cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation"];
const OPENAI_DETAIL_FIELDS = [
  "input_tokens_details",
  "output_tokens_details",
  "input_token_details",
  "output_token_details",
];
const LITELLM_FIELDS = ["cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation_token_details"];
const OPENROUTER_FIELDS = ["cost", "is_byok", "cost_details"];
const ANTHROPIC_SHAPED_PROVIDERS = new Set(["anthropic", "bedrock", "vertex"]);

const has = (usage: UsageRecord, keys: readonly string[]) => keys.some((key) => usage[key] !== undefined);

/** LangChain's `input_token_details` / `output_token_details` use keys OpenAI's never do. */
function hasLangChainDetails(usage: UsageRecord): boolean {
  return ["input_token_details", "output_token_details"].some((key) => {
    const details = usage[key];
    return isRecord(details) && has(details, LANGCHAIN_DETAIL_KEYS);
  });
}

function detectCamelCase(usage: UsageRecord, provider: string | undefined): UsageShape | undefined {
  if (has(usage, ["inputTokenDetails", "outputTokenDetails"])) return "vercel_ai_v6";
  if (has(usage, ["promptTokens", "completionTokens"])) return "vercel_ai_v4";
  if (has(usage, ["cacheReadInputTokens", "cacheWriteInputTokens"])) return "bedrock_converse";
  if (has(usage, ["cachedInputTokens", "reasoningTokens"])) return "vercel_ai_v5";
  if (!has(usage, ["inputTokens", "outputTokens"])) return undefined;
  // A bare {inputTokens, outputTokens}: both readings give the same tokens.
  return provider !== undefined && canonicalProvider(provider) === "bedrock" ? "bedrock_converse" : "vercel_ai_v5";
}

function detectPromptTokens(usage: UsageRecord, provider: string | undefined): UsageShape {
  const details = usage.prompt_tokens_details;
  if (has(usage, LITELLM_FIELDS) || (isRecord(details) && details.cache_creation_tokens !== undefined))
    return "litellm";
  if (has(usage, OPENROUTER_FIELDS) || (isRecord(details) && details.cache_write_tokens !== undefined))
    return "openrouter";
  return provider !== undefined && canonicalProvider(provider) === "openrouter" ? "openrouter" : "openai_chat";
}

export function detectUsageShape(usage: UsageRecord, provider?: string): UsageShape | undefined {
  if (isOpenTelemetry(usage)) return "opentelemetry";
  if (isOpenInference(usage)) return "openinference";
  if (has(usage, ["promptTokenCount", "prompt_token_count", "candidatesTokenCount", "candidates_token_count"]))
    return "gemini";
  if (has(usage, ["billed_units"])) return "cohere";
  const camel = detectCamelCase(usage, provider);
  if (camel) return camel;
  if (has(usage, ["prompt_tokens", "completion_tokens"])) return detectPromptTokens(usage, provider);
  if (!has(usage, ["input_tokens", "output_tokens", ...ANTHROPIC_CACHE_FIELDS])) return undefined;
  if (hasLangChainDetails(usage)) return "langchain";
  const anthropicFields = has(usage, ANTHROPIC_CACHE_FIELDS);
  const openAiFields = has(usage, OPENAI_DETAIL_FIELDS);
  if (anthropicFields && openAiFields) return undefined;
  if (anthropicFields) return "anthropic";
  if (openAiFields) return "openai_responses";
  return provider !== undefined && ANTHROPIC_SHAPED_PROVIDERS.has(canonicalProvider(provider))
    ? "anthropic"
    : "openai_responses";
}

type Reader = (usage: UsageRecord, path: string) => CanonicalTokens;

const READERS: Record<UsageFormat, Reader> = {
  openai_chat: fromOpenAiChat,
  openai_responses: fromOpenAiResponses,
  anthropic: fromAnthropic,
  gemini: fromGemini,
  opentelemetry: fromOpenTelemetry,
  openinference: fromOpenInference,
  bedrock_converse: fromBedrockConverse,
  cohere: fromCohere,
  langchain: fromLangChain,
  litellm: fromLiteLlm,
  openrouter: fromOpenRouter,
  vercel_ai_v4: fromVercelV4,
  vercel_ai_v5_openai: (usage, path) => fromVercelV5(usage, path, "openai"),
  vercel_ai_v5_anthropic: (usage, path) => fromVercelV5(usage, path, "anthropic"),
  vercel_ai_v5_google: (usage, path) => fromVercelV5(usage, path, "google"),
  vercel_ai_v6: fromVercelV6,
};

/**
 * The Vercel AI SDK v5 reading for this provider. Without cached or reasoning tokens every
 * reading agrees; otherwise an unknown provider (or Vertex, which serves Gemini and Claude)
 * needs the hint.
 */
function vercelV5Format(usage: UsageRecord, provider: string | undefined, path: string): UsageFormat {
  const family: VercelV5Family | undefined =
    provider === undefined ? undefined : V5_FAMILY[canonicalProvider(provider)];
  if (family) return `vercel_ai_v5_${family}`;
  if (count(usage, "cachedInputTokens", path) === 0 && count(usage, "reasoningTokens", path) === 0)
    return "vercel_ai_v5_openai";
  throw new UsageError(
    "usage_format",
    `required for a Vercel AI SDK v5 usage with cachedInputTokens or reasoningTokens from provider "${provider ?? ""}": its packages disagree on whether inputTokens includes cachedInputTokens and outputTokens includes reasoningTokens; send "vercel_ai_v5_openai" (both inside: OpenAI and OpenAI-compatible), "vercel_ai_v5_anthropic" (cache outside: Anthropic, Bedrock) or "vercel_ai_v5_google" (cache inside, reasoning outside: Gemini)`,
  );
}

interface NormalizeOptions {
  /** Where the usage object sits in the event, for error messages. */
  readonly path?: string;
  /** The event's `usage_format`: read the object as this shape instead of detecting one. */
  readonly format?: UsageFormat;
}

/** Drops zero classes so stored token maps stay small and comparable. */
function compact(tokens: CanonicalTokens): CanonicalTokens {
  const result: CanonicalTokens = {};
  for (const tokenClass of TOKEN_CLASSES) {
    const value = tokens[tokenClass];
    if (value) result[tokenClass] = value;
  }
  return result;
}

/** What a usage object bills: token classes, and at most one other unit (seconds, characters, images). */
export interface NormalizedUsage {
  readonly tokens: CanonicalTokens;
  readonly units?: UnitUsage;
}

/** A provider's usage object -> canonical tokens and units; throws UsageError naming the bad field. */
export function readUsage(usage: unknown, provider?: string, options: NormalizeOptions = {}): NormalizedUsage {
  const path = options.path ?? "usage";
  if (!isRecord(usage)) throw new UsageError(path, "must be an object");
  const inner = isRecord(usage.usageMetadata) ? usage.usageMetadata : usage;
  const innerPath = inner === usage ? path : `${path}.usageMetadata`;
  if (options.format) return { tokens: compact(READERS[options.format](inner, innerPath)) };
  const shape = detectUsageShape(inner, provider);
  if (!shape) {
    const units = readUnitUsage(inner, innerPath);
    if (units) return { tokens: {}, units };
    throw new UsageError(
      path,
      `unrecognised usage shape: expected OpenAI (prompt_tokens or input_tokens), Anthropic, Gemini usageMetadata, gen_ai.usage.* or llm.token_count.* attributes, Bedrock Converse, Cohere billed_units, LangChain usage_metadata, LiteLLM, OpenRouter or a Vercel AI SDK usage; a unit usage ({"type": "duration", "seconds"}, {"characters"} or {"images", "size", "quality"}); or name it with usage_format (${USAGE_FORMATS.join(", ")})`,
    );
  }
  const format = shape === "vercel_ai_v5" ? vercelV5Format(inner, provider, innerPath) : shape;
  return { tokens: compact(READERS[format](inner, innerPath)) };
}

/** The token classes of a usage object (a unit usage has none); throws UsageError naming the bad field. */
export function normalizeUsage(usage: unknown, provider?: string, options: NormalizeOptions = {}): CanonicalTokens {
  return readUsage(usage, provider, options).tokens;
}

/**
 * Our canonical `tokens` as the API and SDK send them: only known classes, non-negative
 * integers; `cache_write` (TTL unknown) counts as a 5-minute write.
 */
export function normalizeTokens(tokens: unknown, path = "tokens"): CanonicalTokens {
  if (!isRecord(tokens)) throw new UsageError(path, "must be an object");
  const result: Partial<Record<TokenClass, number>> = {};
  for (const key of Object.keys(tokens)) {
    if (key === "cache_write") continue;
    if (!(TOKEN_CLASSES as readonly string[]).includes(key)) {
      throw new UsageError(
        `${path}.${key}`,
        `unknown token class; expected one of ${TOKEN_CLASSES.join(", ")} or cache_write`,
      );
    }
    result[key as TokenClass] = count(tokens, key, path);
  }
  const unknownTtl = count(tokens, "cache_write", path);
  if (unknownTtl > 0) result.cache_write_5m = (result.cache_write_5m ?? 0) + unknownTtl;
  return compact(result);
}
