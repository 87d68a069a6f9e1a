/**
 * The wire format of one event, validated on its own so that one bad event is rejected
 * without rejecting its batch. Field names are snake_case as in the API documentation.
 *
 * `tokens` takes InferLedger's canonical, non-overlapping token classes (input, cache_read,
 * cache_write_5m, cache_write_1h, output, reasoning, audio_input, audio_output, image_input,
 * image_output; `cache_write` counts as a 5-minute write): input excludes cached tokens and
 * output excludes reasoning. `usage` takes a provider's raw usage object (OpenAI, Anthropic,
 * Gemini, OpenTelemetry attributes...). Both are normalised by lib/pricing/normalize.
 */
import { z } from "zod";
import { TIMESTAMP_FORMAT } from "@/lib/calendar/instant";
import { storableText } from "@/lib/api/storable-text";
import { USAGE_FORMATS } from "@/lib/pricing/normalize";
import { SERVICE_TIERS } from "@/lib/pricing/types";
import {
  MAX_EVENT_ID_LENGTH,
  MAX_GPU_SECONDS,
  MAX_LATENCY_MS,
  MAX_METADATA_KEY_LENGTH,
  MAX_METADATA_KEYS,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
} from "./limits";

const PRINTABLE = /^[\x20-\x7e]+$/;
const DECIMAL = /^-?\d{1,23}(\.\d{1,15})?$/;
const UNSIGNED_DECIMAL = /^\d{1,23}(\.\d{1,15})?$/;

const name = storableText(
  z.string().min(1, "must not be empty").max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`),
);

const eventId = z
  .string()
  .min(1, "required")
  .max(MAX_EVENT_ID_LENGTH, `at most ${MAX_EVENT_ID_LENGTH} characters`)
  .regex(PRINTABLE, "printable ASCII characters only");

/** Checked (and converted to UTC) by lib/calendar/instant in validate.ts, with its precise reasons. */
const occurredAt = z.string({ error: TIMESTAMP_FORMAT });

const metadata = z
  .record(
    storableText(
      z.string().min(1).max(MAX_METADATA_KEY_LENGTH, `keys of at most ${MAX_METADATA_KEY_LENGTH} characters`),
    ),
    storableText(
      z
        .string({ error: "values must be strings" })
        .max(MAX_METADATA_VALUE_LENGTH, `values of at most ${MAX_METADATA_VALUE_LENGTH} characters`),
    ),
  )
  .refine((value) => Object.keys(value).length <= MAX_METADATA_KEYS, `at most ${MAX_METADATA_KEYS} keys`);

const gpu = z.strictObject({
  seconds: z.number().min(0, "must be >= 0").max(MAX_GPU_SECONDS, `at most ${MAX_GPU_SECONDS}`),
  type: name.optional(),
  pool: name.optional(),
});

/** A decimal amount as a string ("0.0123") or a JSON number, at most 15 decimal places. */
const decimalAmount = (signed: boolean) =>
  z.union([
    z
      .string()
      .regex(
        signed ? DECIMAL : UNSIGNED_DECIMAL,
        `a ${signed ? "" : "non-negative "}decimal with at most 15 decimal places`,
      ),
    z
      .number()
      .refine(
        (value) => Number.isFinite(value) && (signed || value >= 0) && Math.abs(value) < 1e21,
        `a ${signed ? "" : "non-negative "}number below 1e21`,
      ),
  ]);

const common = {
  event_id: eventId,
  occurred_at: occurredAt,
  feature: name.optional(),
  customer_name: name.optional(),
  feature_name: name.optional(),
  metadata: metadata.optional(),
};

export const usageEventSchema = z
  .object({
    type: z.literal("usage"),
    ...common,
    customer: name.optional(),
    provider: name,
    model: name,
    service_tier: z.enum(SERVICE_TIERS).optional(),
    tokens: z.record(z.string(), z.unknown(), { error: "an object of token counts by class" }).optional(),
    usage: z.record(z.string(), z.unknown(), { error: "the provider's usage object" }).optional(),
    usage_format: z.enum(USAGE_FORMATS).optional(),
    gpu: gpu.optional(),
    latency_ms: z.number().min(0, "must be >= 0").max(MAX_LATENCY_MS).optional(),
    status: z.enum(["ok", "error"]).optional(),
    error_type: name.optional(),
    trace_id: name.optional(),
    session_id: name.optional(),
    cost_usd: decimalAmount(false).optional(),
  })
  .refine((event) => !(event.tokens && event.usage), {
    path: ["tokens"],
    message: "send either tokens or usage, not both",
  });

export const outcomeEventSchema = z.object({
  type: z.literal("outcome"),
  ...common,
  customer: name,
  outcome: name,
  quantity: z.number().min(0, "must be >= 0").max(1e12).optional(),
  value: decimalAmount(true).optional(),
});

export type UsageEventInput = z.infer<typeof usageEventSchema>;
export type OutcomeEventInput = z.infer<typeof outcomeEventSchema>;

/** The envelope: only its shape is checked here; each event is validated on its own. */
export const batchSchema = z.object({
  events: z
    .array(z.unknown())
    .describe("Usage and outcome events (fields above), each validated on its own: a bad one does not cost the batch"),
});

export { UNSIGNED_DECIMAL, PRINTABLE };
