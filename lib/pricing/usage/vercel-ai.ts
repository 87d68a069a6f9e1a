/**
 * Vercel AI SDK `usage` objects (camelCase), three generations:
 * - v4 `{promptTokens, completionTokens}`: no cache or reasoning detail.
 * - v6+ `{inputTokens, inputTokenDetails: {noCacheTokens, cacheReadTokens, cacheWriteTokens},
 *   outputTokens, outputTokenDetails: {textTokens, reasoningTokens}}`: totals INCLUDE their
 *   details, the same for every provider.
 * - v5 `{inputTokens, outputTokens, cachedInputTokens, reasoningTokens}`: each provider
 *   package filled it its own way. OpenAI-compatible ones copy `prompt_tokens` (cache inside)
 *   and `completion_tokens` (reasoning inside); Anthropic and Bedrock copy `input_tokens`
 *   (cache outside; cache writes are not reported at all); Google copies `promptTokenCount`
 *   (cache inside) and `candidatesTokenCount` (thoughts outside). So the provider, or a
 *   `usage_format` hint, decides; see `V5_FAMILY`.
 */
import type { CanonicalTokens } from "@/lib/token-classes";
import { UsageError } from "../usage-error";
import { child, count, remainder, type UsageRecord } from "../usage-fields";

export type VercelV5Family = "openai" | "anthropic" | "google";

/** How the v5 provider packages filled the usage object, by canonical provider. */
export const V5_FAMILY: Readonly<Record<string, VercelV5Family>> = {
  openai: "openai",
  azure: "openai",
  xai: "openai",
  deepseek: "openai",
  groq: "openai",
  mistral: "openai",
  together: "openai",
  fireworks: "openai",
  openrouter: "openai",
  anthropic: "anthropic",
  bedrock: "anthropic",
  google: "google",
};

export function fromVercelV4(usage: UsageRecord, path: string): CanonicalTokens {
  return { input: count(usage, "promptTokens", path), output: count(usage, "completionTokens", path) };
}

export function fromVercelV5(usage: UsageRecord, path: string, family: VercelV5Family): CanonicalTokens {
  const input = count(usage, "inputTokens", path);
  const cached = count(usage, "cachedInputTokens", path);
  const output = count(usage, "outputTokens", path);
  const reasoning = count(usage, "reasoningTokens", path);
  const cacheInside = family !== "anthropic";
  const reasoningInside = family === "openai";
  return {
    input: cacheInside
      ? remainder(
          input,
          cached,
          `${path}.cachedInputTokens`,
          `exceeds inputTokens (${input}), which includes it for this provider`,
        )
      : input,
    cache_read: cached,
    output: reasoningInside
      ? remainder(
          output,
          reasoning,
          `${path}.reasoningTokens`,
          `exceeds outputTokens (${output}), which includes it for this provider`,
        )
      : output,
    reasoning,
  };
}

export function fromVercelV6(usage: UsageRecord, path: string): CanonicalTokens {
  const inputPath = `${path}.inputTokenDetails`;
  const outputPath = `${path}.outputTokenDetails`;
  const inputDetails = child(usage, "inputTokenDetails", path);
  const outputDetails = child(usage, "outputTokenDetails", path);
  const input = count(usage, "inputTokens", path);
  const cacheRead = count(inputDetails, "cacheReadTokens", inputPath);
  const cacheWrite = count(inputDetails, "cacheWriteTokens", inputPath);
  const output = count(usage, "outputTokens", path);
  const reasoning = count(outputDetails, "reasoningTokens", outputPath);
  const uncached = remainder(
    input,
    cacheRead + cacheWrite,
    inputPath,
    `cacheReadTokens + cacheWriteTokens exceed inputTokens (${input}), which includes them`,
  );
  if (
    inputDetails?.noCacheTokens !== undefined &&
    inputDetails.noCacheTokens !== null &&
    count(inputDetails, "noCacheTokens", inputPath) !== uncached
  ) {
    throw new UsageError(
      `${inputPath}.noCacheTokens`,
      `must equal inputTokens - cacheReadTokens - cacheWriteTokens (${uncached})`,
    );
  }
  return {
    input: uncached,
    cache_read: cacheRead,
    cache_write_5m: cacheWrite,
    output: remainder(
      output,
      reasoning,
      `${outputPath}.reasoningTokens`,
      `exceeds outputTokens (${output}), which includes it`,
    ),
    reasoning,
  };
}
