/**
 * OpenAI usage. Chat Completions: `prompt_tokens` INCLUDES `prompt_tokens_details.cached_tokens`
 * and audio/image tokens; `completion_tokens` INCLUDES reasoning and audio tokens. Responses
 * (and Realtime, which spells the details `input_token_details`): the same with `input_tokens`
 * and `output_tokens`. DeepSeek's OpenAI-compatible usage reports cache hits and misses instead.
 */
import type { CanonicalTokens } from "@/lib/token-classes";
import { UsageError } from "../usage-error";
import { child, count, remainder, type UsageRecord } from "../usage-fields";

/** Splits a prompt total that contains cached, audio and image tokens into disjoint classes. */
function splitPrompt(
  total: number,
  cachedOverride: number | undefined,
  details: UsageRecord | undefined,
  totalField: string,
  detailsPath: string,
): CanonicalTokens {
  const cached = cachedOverride ?? count(details, "cached_tokens", detailsPath);
  if (cached > total)
    throw new UsageError(
      `${detailsPath}.cached_tokens`,
      `${cached} exceeds ${totalField} (${total}), which includes it`,
    );
  const cachedDetails = child(details, "cached_tokens_details", detailsPath);
  const cachedPath = `${detailsPath}.cached_tokens_details`;
  const audio = remainder(
    count(details, "audio_tokens", detailsPath),
    count(cachedDetails, "audio_tokens", cachedPath),
    `${cachedPath}.audio_tokens`,
    "exceeds the prompt's audio_tokens",
  );
  const image = remainder(
    count(details, "image_tokens", detailsPath),
    count(cachedDetails, "image_tokens", cachedPath),
    `${cachedPath}.image_tokens`,
    "exceeds the prompt's image_tokens",
  );
  const input = remainder(
    total,
    cached + audio + image,
    detailsPath,
    `cached + audio + image tokens exceed ${totalField}, which includes them`,
  );
  return { input, cache_read: cached, audio_input: audio, image_input: image };
}

function splitCompletion(
  total: number,
  details: UsageRecord | undefined,
  totalField: string,
  detailsPath: string,
): CanonicalTokens {
  const reasoning = count(details, "reasoning_tokens", detailsPath);
  const audio = count(details, "audio_tokens", detailsPath);
  const output = remainder(
    total,
    reasoning + audio,
    detailsPath,
    `reasoning + audio tokens exceed ${totalField}, which includes them`,
  );
  return { output, reasoning, audio_output: audio };
}

/** DeepSeek: `prompt_cache_hit_tokens + prompt_cache_miss_tokens = prompt_tokens`. */
function deepSeekCached(usage: UsageRecord, prompt: number, path: string): number | undefined {
  if (usage.prompt_cache_hit_tokens === undefined) return undefined;
  const hit = count(usage, "prompt_cache_hit_tokens", path);
  const miss = count(usage, "prompt_cache_miss_tokens", path);
  if (usage.prompt_cache_miss_tokens !== undefined && hit + miss !== prompt) {
    throw new UsageError(
      `${path}.prompt_cache_hit_tokens`,
      `hit (${hit}) + miss (${miss}) must equal prompt_tokens (${prompt})`,
    );
  }
  return hit;
}

export function fromOpenAiChat(usage: UsageRecord, path: string): CanonicalTokens {
  const prompt = count(usage, "prompt_tokens", path);
  const details = child(usage, "prompt_tokens_details", path);
  const cached = deepSeekCached(usage, prompt, path);
  if (cached !== undefined && details?.cached_tokens !== undefined && details.cached_tokens !== cached) {
    throw new UsageError(`${path}.prompt_tokens_details.cached_tokens`, "disagrees with prompt_cache_hit_tokens");
  }
  return {
    ...splitPrompt(prompt, cached, details, "prompt_tokens", `${path}.prompt_tokens_details`),
    ...splitCompletion(
      count(usage, "completion_tokens", path),
      child(usage, "completion_tokens_details", path),
      "completion_tokens",
      `${path}.completion_tokens_details`,
    ),
  };
}

export function fromOpenAiResponses(usage: UsageRecord, path: string): CanonicalTokens {
  const inputKey = usage.input_token_details !== undefined ? "input_token_details" : "input_tokens_details";
  const outputKey = usage.output_token_details !== undefined ? "output_token_details" : "output_tokens_details";
  return {
    ...splitPrompt(
      count(usage, "input_tokens", path),
      undefined,
      child(usage, inputKey, path),
      "input_tokens",
      `${path}.${inputKey}`,
    ),
    ...splitCompletion(
      count(usage, "output_tokens", path),
      child(usage, outputKey, path),
      "output_tokens",
      `${path}.${outputKey}`,
    ),
  };
}
