/**
 * Gemini `usageMetadata` (Gemini API and Vertex; camelCase from REST, snake_case from the
 * Python SDK): `promptTokenCount` INCLUDES `cachedContentTokenCount`; `thoughtsTokenCount` is
 * outside `candidatesTokenCount` and billed as output (our `reasoning`); tool-use prompt
 * tokens are billed as input. Modality details split audio and image/video from text.
 */
import type { CanonicalTokens } from "@/lib/token-classes";
import { UsageError } from "../usage-error";
import { isRecord, type UsageRecord } from "../usage-fields";

const snake = (camel: string) => camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function field(usage: UsageRecord, camel: string): { key: string; value: unknown } {
  return camel in usage ? { key: camel, value: usage[camel] } : { key: snake(camel), value: usage[snake(camel)] };
}

function countOf(usage: UsageRecord, camel: string, path: string): number {
  const { key, value } = field(usage, camel);
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw new UsageError(`${path}.${key}`, "must be a non-negative integer");
  return value;
}

/** Tokens per modality group from a `[{modality, tokenCount}]` list. */
function byModality(usage: UsageRecord, camel: string, path: string): { audio: number; visual: number } {
  const { key, value } = field(usage, camel);
  const totals = { audio: 0, visual: 0 };
  if (value === undefined || value === null) return totals;
  if (!Array.isArray(value)) throw new UsageError(`${path}.${key}`, "must be a list of {modality, tokenCount}");
  value.forEach((item, i) => {
    if (!isRecord(item)) throw new UsageError(`${path}.${key}[${i}]`, "must be an object");
    const tokens = countOf(item, "tokenCount", `${path}.${key}[${i}]`);
    const modality = String(item.modality ?? "").toUpperCase();
    if (modality === "AUDIO") totals.audio += tokens;
    else if (modality === "IMAGE" || modality === "VIDEO") totals.visual += tokens;
  });
  return totals;
}

export function fromGemini(usage: UsageRecord, path: string): CanonicalTokens {
  const prompt = countOf(usage, "promptTokenCount", path);
  const cached = countOf(usage, "cachedContentTokenCount", path);
  if (cached > prompt) {
    throw new UsageError(
      `${path}.${field(usage, "cachedContentTokenCount").key}`,
      `${cached} exceeds promptTokenCount (${prompt}), which includes it`,
    );
  }
  const promptModes = byModality(usage, "promptTokensDetails", path);
  const cachedModes = byModality(usage, "cacheTokensDetails", path);
  const audioInput = promptModes.audio - cachedModes.audio;
  const imageInput = promptModes.visual - cachedModes.visual;
  if (audioInput < 0 || imageInput < 0)
    throw new UsageError(`${path}.cacheTokensDetails`, "exceeds promptTokensDetails for the same modality");
  const textInput = prompt - cached - audioInput - imageInput;
  if (textInput < 0)
    throw new UsageError(
      `${path}.promptTokensDetails`,
      `cached + audio + image/video tokens exceed promptTokenCount (${prompt})`,
    );

  const candidates = countOf(usage, "candidatesTokenCount", path);
  const outputModes = byModality(usage, "candidatesTokensDetails", path);
  const textOutput = candidates - outputModes.audio - outputModes.visual;
  if (textOutput < 0)
    throw new UsageError(`${path}.candidatesTokensDetails`, `exceeds candidatesTokenCount (${candidates})`);
  return {
    input: textInput + countOf(usage, "toolUsePromptTokenCount", path),
    cache_read: cached,
    audio_input: audioInput,
    image_input: imageInput,
    output: textOutput,
    reasoning: countOf(usage, "thoughtsTokenCount", path),
    audio_output: outputModes.audio,
    image_output: outputModes.visual,
  };
}
