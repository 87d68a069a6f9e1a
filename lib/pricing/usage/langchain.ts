/**
 * LangChain `usage_metadata` (Python and JS, every chat model integration): totals are
 * INCLUSIVE. `input_tokens` contains `input_token_details.cache_read`, `cache_creation` and
 * `audio`; `output_tokens` contains `output_token_details.reasoning` and `audio`. For Anthropic,
 * langchain-anthropic adds the cache TTL split (`ephemeral_5m_input_tokens`,
 * `ephemeral_1h_input_tokens`; langsmith JS spells the latter `ephemeral_1hr_input_tokens`) and,
 * in newer versions, then sets `cache_creation` to 0 so it is not counted twice.
 */
import type { CanonicalTokens } from "@/lib/token-classes";
import { UsageError } from "../usage-error";
import { child, count, remainder, type UsageRecord } from "../usage-fields";

/** Keys that only LangChain's details objects use (OpenAI's end in `_tokens`). */
export const LANGCHAIN_DETAIL_KEYS = [
  "cache_read",
  "cache_creation",
  "audio",
  "reasoning",
  "ephemeral_5m_input_tokens",
  "ephemeral_1h_input_tokens",
  "ephemeral_1hr_input_tokens",
];

function cacheWrites(details: UsageRecord | undefined, path: string): { write5m: number; write1h: number } {
  const creation = count(details, "cache_creation", path);
  const oneHourKey =
    details?.ephemeral_1hr_input_tokens !== undefined ? "ephemeral_1hr_input_tokens" : "ephemeral_1h_input_tokens";
  const write5m = count(details, "ephemeral_5m_input_tokens", path);
  const write1h = count(details, oneHourKey, path);
  if (write5m + write1h === 0) return { write5m: creation, write1h: 0 };
  if (creation !== 0 && creation !== write5m + write1h) {
    throw new UsageError(
      `${path}.cache_creation`,
      `must be 0 or ephemeral_5m_input_tokens + ${oneHourKey} (${write5m + write1h})`,
    );
  }
  return { write5m, write1h };
}

export function fromLangChain(usage: UsageRecord, path: string): CanonicalTokens {
  const inputPath = `${path}.input_token_details`;
  const outputPath = `${path}.output_token_details`;
  const inputDetails = child(usage, "input_token_details", path);
  const outputDetails = child(usage, "output_token_details", path);
  const input = count(usage, "input_tokens", path);
  const output = count(usage, "output_tokens", path);
  const cacheRead = count(inputDetails, "cache_read", inputPath);
  const { write5m, write1h } = cacheWrites(inputDetails, inputPath);
  const audioIn = count(inputDetails, "audio", inputPath);
  const reasoning = count(outputDetails, "reasoning", outputPath);
  const audioOut = count(outputDetails, "audio", outputPath);
  return {
    input: remainder(
      input,
      cacheRead + write5m + write1h + audioIn,
      inputPath,
      `cache_read + cache writes + audio exceed input_tokens (${input}), which includes them`,
    ),
    cache_read: cacheRead,
    cache_write_5m: write5m,
    cache_write_1h: write1h,
    audio_input: audioIn,
    output: remainder(
      output,
      reasoning + audioOut,
      outputPath,
      `reasoning + audio exceed output_tokens (${output}), which includes them`,
    ),
    reasoning,
    audio_output: audioOut,
  };
}
