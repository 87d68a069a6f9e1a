/**
 * OpenAI-shaped usage from gateways that add cache writes to it. Both count every prompt token,
 * cache reads and writes included, in `prompt_tokens`, so writes come out of `input`:
 * - LiteLLM (`completion()`, the proxy, its callbacks): for Anthropic and Bedrock models it
 *   adds `cache_read_input_tokens` and `cache_creation_input_tokens` to `prompt_tokens` and
 *   copies them to the top level, with `cache_creation_token_details` splitting the TTLs
 *   (newer versions also put `prompt_tokens_details.cache_creation_tokens`).
 * - OpenRouter: `prompt_tokens_details.cached_tokens` and `cache_write_tokens`, plus its own
 *   `cost` (credits) and `is_byok`, which say nothing about tokens.
 */
import type { CanonicalTokens } from "@/lib/token-classes";
import { UsageError } from "../usage-error";
import { child, count, remainder, type UsageRecord } from "../usage-fields";
import { fromOpenAiChat } from "./openai";

interface CacheWrites {
  readonly write5m: number;
  readonly write1h: number;
  readonly field: string;
}

/** Moves cache writes (inside `prompt_tokens`) out of the chat reading's `input`. */
function withCacheWrites(tokens: CanonicalTokens, writes: CacheWrites): CanonicalTokens {
  const input = remainder(
    tokens.input ?? 0,
    writes.write5m + writes.write1h,
    writes.field,
    "cache writes exceed the uncached part of prompt_tokens, which includes them",
  );
  return { ...tokens, input, cache_write_5m: writes.write5m, cache_write_1h: writes.write1h };
}

export function fromLiteLlm(usage: UsageRecord, path: string): CanonicalTokens {
  const details = child(usage, "prompt_tokens_details", path);
  const detailsPath = `${path}.prompt_tokens_details`;
  let tokens = fromOpenAiChat(usage, path);
  const topRead = count(usage, "cache_read_input_tokens", path);
  if (details?.cached_tokens === undefined || details.cached_tokens === null) {
    tokens = {
      ...tokens,
      input: remainder(
        tokens.input ?? 0,
        topRead,
        `${path}.cache_read_input_tokens`,
        "exceeds prompt_tokens, which includes it",
      ),
      cache_read: topRead,
    };
  } else if (
    usage.cache_read_input_tokens !== undefined &&
    usage.cache_read_input_tokens !== null &&
    topRead !== tokens.cache_read
  ) {
    throw new UsageError(
      `${path}.cache_read_input_tokens`,
      `disagrees with prompt_tokens_details.cached_tokens (${tokens.cache_read ?? 0})`,
    );
  }
  const creationField =
    usage.cache_creation_input_tokens !== undefined
      ? `${path}.cache_creation_input_tokens`
      : `${detailsPath}.cache_creation_tokens`;
  const written =
    usage.cache_creation_input_tokens !== undefined
      ? count(usage, "cache_creation_input_tokens", path)
      : count(details, "cache_creation_tokens", detailsPath);
  const split = child(usage, "cache_creation_token_details", path);
  if (!split) return withCacheWrites(tokens, { write5m: written, write1h: 0, field: creationField });
  const splitPath = `${path}.cache_creation_token_details`;
  const write5m = count(split, "ephemeral_5m_input_tokens", splitPath);
  const write1h = count(split, "ephemeral_1h_input_tokens", splitPath);
  if (write5m + write1h !== written) {
    throw new UsageError(
      splitPath,
      `ephemeral_5m_input_tokens + ephemeral_1h_input_tokens (${write5m + write1h}) must equal the cache creation tokens (${written})`,
    );
  }
  return withCacheWrites(tokens, { write5m, write1h, field: creationField });
}

export function fromOpenRouter(usage: UsageRecord, path: string): CanonicalTokens {
  const detailsPath = `${path}.prompt_tokens_details`;
  const written = count(child(usage, "prompt_tokens_details", path), "cache_write_tokens", detailsPath);
  return withCacheWrites(fromOpenAiChat(usage, path), {
    write5m: written,
    write1h: 0,
    field: `${detailsPath}.cache_write_tokens`,
  });
}
