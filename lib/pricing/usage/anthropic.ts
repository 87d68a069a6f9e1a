/**
 * Anthropic Messages usage (also Claude on Bedrock InvokeModel and Vertex): `input_tokens`
 * EXCLUDES `cache_read_input_tokens` and `cache_creation_input_tokens`; the optional
 * `cache_creation` object splits the write into 5-minute and 1-hour TTLs, which are priced
 * apart. Thinking tokens are inside `output_tokens` and not reported separately.
 */
import type { CanonicalTokens } from "@/lib/token-classes";
import { UsageError } from "../usage-error";
import { child, count, type UsageRecord } from "../usage-fields";

export function fromAnthropic(usage: UsageRecord, path: string): CanonicalTokens {
  const written = count(usage, "cache_creation_input_tokens", path);
  const split = child(usage, "cache_creation", path);
  let write5m = written;
  let write1h = 0;
  if (split) {
    write5m = count(split, "ephemeral_5m_input_tokens", `${path}.cache_creation`);
    write1h = count(split, "ephemeral_1h_input_tokens", `${path}.cache_creation`);
    if (
      usage.cache_creation_input_tokens !== undefined &&
      usage.cache_creation_input_tokens !== null &&
      write5m + write1h !== written
    ) {
      throw new UsageError(
        `${path}.cache_creation`,
        `ephemeral_5m_input_tokens + ephemeral_1h_input_tokens (${write5m + write1h}) must equal cache_creation_input_tokens (${written})`,
      );
    }
  }
  return {
    input: count(usage, "input_tokens", path),
    cache_read: count(usage, "cache_read_input_tokens", path),
    cache_write_5m: write5m,
    cache_write_1h: write1h,
    output: count(usage, "output_tokens", path),
  };
}
