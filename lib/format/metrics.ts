/** Derived unit metrics, computed exactly from the API's sums. */
import { divideRounded, femtoToUsd, usdToFemto } from "@/lib/money";

/** Spend per request as exact dollars (half-even to the femtodollar), or null with no requests. */
export function costPerRequest(spend: string, requests: number): string | null {
  if (!requests) return null;
  return femtoToUsd(divideRounded(usdToFemto(spend), BigInt(requests)));
}

interface PromptTokens {
  input: number;
  cache_read: number;
  cache_write_5m: number;
  cache_write_1h: number;
}

/** The share of prompt tokens served from cache: cache_read / (input + cache_read + cache writes). */
export function cacheHitRate(tokens: PromptTokens): number | null {
  const prompt = tokens.input + tokens.cache_read + tokens.cache_write_5m + tokens.cache_write_1h;
  return prompt > 0 ? tokens.cache_read / prompt : null;
}

/** Token classes in reading order, with the labels people know them by. */
export const TOKEN_CLASS_LABELS = {
  input: "Input",
  cache_read: "Cache read",
  cache_write_5m: "Cache write (5 min)",
  cache_write_1h: "Cache write (1 h)",
  output: "Output",
  reasoning: "Reasoning",
  audio_input: "Audio in",
  audio_output: "Audio out",
  image_input: "Image in",
  image_output: "Image out",
} as const;
export type TokenClassName = keyof typeof TOKEN_CLASS_LABELS;
export const TOKEN_CLASS_NAMES = Object.keys(TOKEN_CLASS_LABELS) as TokenClassName[];
