/**
 * How litellm's price keys map onto our token classes, service tiers and long-context bands.
 * A key is `<base>[_above_<N>k_tokens][_<variant>]`, e.g.
 * `cache_read_input_token_cost_above_272k_tokens_priority`.
 */
import type { ServiceTier } from "../types";
import type { TokenClass } from "@/lib/token-classes";

/** Longest first, so `..._above_1hr` is not read as the 5-minute write. */
const BASE_FIELDS: ReadonlyArray<readonly [string, TokenClass]> = [
  ["cache_creation_input_token_cost_above_1hr", "cache_write_1h"],
  ["cache_creation_input_token_cost", "cache_write_5m"],
  ["cache_read_input_token_cost", "cache_read"],
  ["input_cost_per_token_cache_hit", "cache_read"],
  ["input_cost_per_audio_token", "audio_input"],
  ["output_cost_per_audio_token", "audio_output"],
  ["input_cost_per_image_token", "image_input"],
  ["output_cost_per_image_token", "image_output"],
  ["output_cost_per_reasoning_token", "reasoning"],
  ["input_cost_per_token", "input"],
  ["output_cost_per_token", "output"],
];

const VARIANTS: Readonly<Record<string, ServiceTier>> = {
  batches: "batch",
  flex: "flex",
  priority: "priority",
};

const FIELD = new RegExp(
  `^(${BASE_FIELDS.map(([base]) => base).join("|")})(?:_above_(\\d+)k_tokens)?(?:_(batches|flex|priority))?$`,
);

/**
 * Per-token fields with no class of ours: cached audio (priced as cache reads of text by
 * litellm's own consumers too), Databricks DBUs (not dollars), video output tokens.
 */
export const IGNORED_TOKEN_FIELDS = /^(cache_creation_input_audio_token_cost|cache_read_input_audio_token_cost|input_dbu_cost_per_token|output_dbu_cost_per_token|output_cost_per_video_token)$/;

interface PriceField {
  readonly tokenClass: TokenClass;
  readonly tier: ServiceTier;
  /** Long-context threshold in tokens, 0 for the base band. */
  readonly above: number;
}

export function parsePriceField(key: string): PriceField | undefined {
  const match = FIELD.exec(key);
  if (!match) return undefined;
  const [, base, thousands, variant] = match;
  const tokenClass = BASE_FIELDS.find(([name]) => name === base)?.[1];
  if (!tokenClass) return undefined;
  return {
    tokenClass,
    tier: variant ? (VARIANTS[variant] ?? "standard") : "standard",
    above: thousands ? Number(thousands) * 1000 : 0,
  };
}
