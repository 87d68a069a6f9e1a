/** Usage shapes with no cache subtleties of their own: OpenTelemetry GenAI, OpenInference, Bedrock Converse, Cohere. */
import type { CanonicalTokens } from "@/lib/token-classes";
import { UsageError } from "../usage-error";
import { child, count, type UsageRecord } from "../usage-fields";

const OTEL = "gen_ai.usage.";

/**
 * OpenTelemetry GenAI semantic conventions: `gen_ai.usage.input_tokens` INCLUDES
 * `gen_ai.usage.cache_read.input_tokens` and `gen_ai.usage.cache_creation.input_tokens`;
 * `gen_ai.usage.output_tokens` includes `gen_ai.usage.reasoning.output_tokens`. Cache
 * creation carries no TTL, so it is a 5-minute write. Deprecated prompt/completion names count too.
 */
export function fromOpenTelemetry(usage: UsageRecord, path: string): CanonicalTokens {
  const read = (name: string, legacy?: string) =>
    usage[OTEL + name] === undefined && legacy ? count(usage, OTEL + legacy, path) : count(usage, OTEL + name, path);
  const input = read("input_tokens", "prompt_tokens");
  const output = read("output_tokens", "completion_tokens");
  const cacheRead = read("cache_read.input_tokens");
  const cacheWrite = read("cache_creation.input_tokens");
  const reasoning = read("reasoning.output_tokens");
  if (cacheRead + cacheWrite > input) {
    throw new UsageError(
      `${path}.${OTEL}cache_read.input_tokens`,
      `cache read + cache creation (${cacheRead + cacheWrite}) exceed ${OTEL}input_tokens (${input}), which includes them`,
    );
  }
  if (reasoning > output) {
    throw new UsageError(
      `${path}.${OTEL}reasoning.output_tokens`,
      `${reasoning} exceeds ${OTEL}output_tokens (${output}), which includes it`,
    );
  }
  return {
    input: input - cacheRead - cacheWrite,
    cache_read: cacheRead,
    cache_write_5m: cacheWrite,
    output: output - reasoning,
    reasoning,
  };
}

export function isOpenTelemetry(usage: UsageRecord): boolean {
  return Object.keys(usage).some((key) => key.startsWith(OTEL));
}

const OPENINFERENCE = "llm.token_count.";

/**
 * OpenInference span attributes (Arize Phoenix and its instrumentors): `llm.token_count.prompt`
 * INCLUDES its `prompt_details.cache_read`, `cache_write` and `audio`; `completion` includes
 * `completion_details.reasoning` and `audio`.
 */
export function fromOpenInference(usage: UsageRecord, path: string): CanonicalTokens {
  const read = (name: string) => count(usage, OPENINFERENCE + name, path);
  const prompt = read("prompt");
  const completion = read("completion");
  const cacheRead = read("prompt_details.cache_read");
  const cacheWrite = read("prompt_details.cache_write");
  const audioIn = read("prompt_details.audio");
  const reasoning = read("completion_details.reasoning");
  const audioOut = read("completion_details.audio");
  if (cacheRead + cacheWrite + audioIn > prompt) {
    throw new UsageError(
      `${path}.${OPENINFERENCE}prompt_details`,
      `cache read + cache write + audio exceed ${OPENINFERENCE}prompt (${prompt}), which includes them`,
    );
  }
  if (reasoning + audioOut > completion) {
    throw new UsageError(
      `${path}.${OPENINFERENCE}completion_details`,
      `reasoning + audio exceed ${OPENINFERENCE}completion (${completion}), which includes them`,
    );
  }
  return {
    input: prompt - cacheRead - cacheWrite - audioIn,
    cache_read: cacheRead,
    cache_write_5m: cacheWrite,
    audio_input: audioIn,
    output: completion - reasoning - audioOut,
    reasoning,
    audio_output: audioOut,
  };
}

export function isOpenInference(usage: UsageRecord): boolean {
  return Object.keys(usage).some((key) => key.startsWith(OPENINFERENCE));
}

/** Bedrock Converse: `inputTokens` excludes `cacheReadInputTokens` and `cacheWriteInputTokens`. */
export function fromBedrockConverse(usage: UsageRecord, path: string): CanonicalTokens {
  return {
    input: count(usage, "inputTokens", path),
    cache_read: count(usage, "cacheReadInputTokens", path),
    cache_write_5m: count(usage, "cacheWriteInputTokens", path),
    output: count(usage, "outputTokens", path),
  };
}

/** Cohere bills `billed_units`, not `tokens` (which also counts its own system prompt). */
export function fromCohere(usage: UsageRecord, path: string): CanonicalTokens {
  const billed = child(usage, "billed_units", path);
  if (!billed) throw new UsageError(`${path}.billed_units`, "required for Cohere usage");
  return {
    input: count(billed, "input_tokens", `${path}.billed_units`),
    output: count(billed, "output_tokens", `${path}.billed_units`),
  };
}
