/**
 * Canonical provider ids. Sources and clients spell providers many ways (litellm's
 * `vertex_ai-anthropic_models`, a client's `google`, `together_ai`); prices are keyed by the
 * company that bills the call, so every spelling maps to one id here and nowhere else.
 */

/** A Map, not an object: a provider named `__proto__` or `constructor` must not find anything. */
const SPELLINGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    openai: "openai",
    "text-completion-openai": "openai",
    azure: "azure",
    azure_ai: "azure",
    azure_text: "azure",
    azure_openai: "azure",
    anthropic: "anthropic",
    gemini: "google",
    google: "google",
    google_ai_studio: "google",
    googleai: "google",
    palm: "google",
    vertex: "vertex",
    vertex_ai: "vertex",
    google_vertex: "vertex",
    bedrock: "bedrock",
    bedrock_converse: "bedrock",
    bedrock_mantle: "bedrock",
    aws: "bedrock",
    aws_bedrock: "bedrock",
    mistral: "mistral",
    codestral: "mistral",
    "text-completion-codestral": "mistral",
    cohere: "cohere",
    cohere_chat: "cohere",
    deepseek: "deepseek",
    xai: "xai",
    "x-ai": "xai",
    groq: "groq",
    together: "together",
    together_ai: "together",
    togetherai: "together",
    fireworks: "fireworks",
    fireworks_ai: "fireworks",
    "fireworks_ai-embedding-models": "fireworks",
  }),
);

/** Canonical id for any spelling; unknown providers keep their (lower-cased) name. */
export function canonicalProvider(raw: string): string {
  const name = raw.trim().toLowerCase();
  const known = SPELLINGS.get(name);
  if (known) return known;
  // litellm names every Vertex partner catalog `vertex_ai-<partner>_models`: one biller.
  if (name.startsWith("vertex_ai-")) return "vertex";
  return name;
}

/** Whether a model-name prefix such as `openai/` or `vertex_ai/` names a provider we know. */
export function isKnownProviderSpelling(raw: string): boolean {
  const name = raw.toLowerCase();
  return SPELLINGS.has(name) || name.startsWith("vertex_ai-");
}

/**
 * Providers whose own documentation gives batch requests 50% off the standard price of every
 * token class: OpenAI (Batch API), Azure OpenAI (Global Batch), Anthropic (Message Batches,
 * stacking with cache multipliers), Google Gemini API and Vertex AI (batch mode / batch
 * prediction), Mistral (batch API). Elsewhere a batch request without a listed batch price is
 * priced at the standard price: a guessed discount would understate cost.
 */
export const DOCUMENTED_HALF_PRICE_BATCH: ReadonlySet<string> = new Set([
  "openai",
  "azure",
  "anthropic",
  "google",
  "vertex",
  "mistral",
]);

/** OpenAI documents Flex processing as billed at Batch API rates. */
export const FLEX_AT_BATCH_PRICE: ReadonlySet<string> = new Set(["openai"]);
