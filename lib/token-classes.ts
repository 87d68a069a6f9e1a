/**
 * The token classes every layer shares (ingestion, pricing, rollups, margins, anomalies). They do
 * not overlap: every billed token is in exactly one class, so a cost is a plain sum over classes.
 * A leaf module: it imports nothing, so the rollups can declare their measures from it.
 */
export const TOKEN_CLASSES = [
  "input",
  "cache_read",
  "cache_write_5m",
  "cache_write_1h",
  "output",
  "reasoning",
  "audio_input",
  "audio_output",
  "image_input",
  "image_output",
] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

/** Non-negative integer token counts by class; a missing class means zero. */
export type CanonicalTokens = Partial<Record<TokenClass, number>>;
