/**
 * Usage normalisation, done once at ingest: a provider's own usage object, or our canonical
 * `tokens`, becomes non-overlapping token classes. The shape is recognised by its fields (a
 * client may send an OpenAI-shaped object for Groq or DeepSeek); the provider only settles the
 * one ambiguous case, a bare `{input_tokens, output_tokens}`, where both readings agree anyway.
 */
import { canonicalProvider } from "./providers";
import { TOKEN_CLASSES, type CanonicalTokens, type TokenClass } from "./types";
import { fromAnthropic } from "./usage/anthropic";
import { fromGemini } from "./usage/gemini";
import { fromOpenAiChat, fromOpenAiResponses } from "./usage/openai";
import { fromBedrockConverse, fromCohere, fromOpenTelemetry, isOpenTelemetry } from "./usage/others";
import { UsageError } from "./usage-error";
import { count, isRecord, type UsageRecord } from "./usage-fields";

export { UsageError } from "./usage-error";

export type UsageShape = "openai_chat" | "openai_responses" | "anthropic" | "gemini" | "opentelemetry" | "bedrock_converse" | "cohere";

const ANTHROPIC_CACHE_FIELDS = ["cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation"];
const OPENAI_DETAIL_FIELDS = ["input_tokens_details", "output_tokens_details", "input_token_details", "output_token_details"];
const ANTHROPIC_SHAPED_PROVIDERS = new Set(["anthropic", "bedrock", "vertex"]);

const has = (usage: UsageRecord, keys: readonly string[]) => keys.some((key) => usage[key] !== undefined);

export function detectUsageShape(usage: UsageRecord, provider?: string): UsageShape | undefined {
  if (isOpenTelemetry(usage)) return "opentelemetry";
  if (has(usage, ["promptTokenCount", "prompt_token_count", "candidatesTokenCount", "candidates_token_count"])) return "gemini";
  if (has(usage, ["billed_units"])) return "cohere";
  if (has(usage, ["inputTokens", "outputTokens"])) return "bedrock_converse";
  if (has(usage, ["prompt_tokens", "completion_tokens"])) return "openai_chat";
  if (!has(usage, ["input_tokens", "output_tokens", ...ANTHROPIC_CACHE_FIELDS])) return undefined;
  const anthropicFields = has(usage, ANTHROPIC_CACHE_FIELDS);
  const openAiFields = has(usage, OPENAI_DETAIL_FIELDS);
  if (anthropicFields && openAiFields) return undefined;
  if (anthropicFields) return "anthropic";
  if (openAiFields) return "openai_responses";
  return provider !== undefined && ANTHROPIC_SHAPED_PROVIDERS.has(canonicalProvider(provider)) ? "anthropic" : "openai_responses";
}

const READERS: Record<UsageShape, (usage: UsageRecord, path: string) => CanonicalTokens> = {
  openai_chat: fromOpenAiChat,
  openai_responses: fromOpenAiResponses,
  anthropic: fromAnthropic,
  gemini: fromGemini,
  opentelemetry: fromOpenTelemetry,
  bedrock_converse: fromBedrockConverse,
  cohere: fromCohere,
};

/** Drops zero classes so stored token maps stay small and comparable. */
function compact(tokens: CanonicalTokens): CanonicalTokens {
  const result: CanonicalTokens = {};
  for (const tokenClass of TOKEN_CLASSES) {
    const value = tokens[tokenClass];
    if (value) result[tokenClass] = value;
  }
  return result;
}

/** A provider's usage object -> canonical tokens; throws UsageError naming the bad field. */
export function normalizeUsage(usage: unknown, provider?: string, path = "usage"): CanonicalTokens {
  if (!isRecord(usage)) throw new UsageError(path, "must be an object");
  const inner = isRecord(usage.usageMetadata) ? usage.usageMetadata : usage;
  const innerPath = inner === usage ? path : `${path}.usageMetadata`;
  const shape = detectUsageShape(inner, provider);
  if (!shape) {
    throw new UsageError(
      path,
      "unrecognised usage shape: expected OpenAI (prompt_tokens or input_tokens), Anthropic, Gemini usageMetadata, gen_ai.usage.* attributes, Bedrock Converse or Cohere billed_units",
    );
  }
  return compact(READERS[shape](inner, innerPath));
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
      throw new UsageError(`${path}.${key}`, `unknown token class; expected one of ${TOKEN_CLASSES.join(", ")} or cache_write`);
    }
    result[key as TokenClass] = count(tokens, key, path);
  }
  const unknownTtl = count(tokens, "cache_write", path);
  if (unknownTtl > 0) result.cache_write_5m = (result.cache_write_5m ?? 0) + unknownTtl;
  return compact(result);
}
