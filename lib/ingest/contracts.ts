/** The event API's answers as zod schemas: the response contracts of POST /api/v1/events and GET /api/v1/events/{event_id}. */
import { z } from "zod";
import { wireTimestamp } from "@/lib/api/wire";
import { unitJsonSchema } from "@/lib/pricing/unit-json";
import { MAX_EVENT_ID_LENGTH } from "./limits";

export const eventIdParams = z.object({
  event_id: z
    .string()
    .min(1, "required")
    .max(MAX_EVENT_ID_LENGTH, `at most ${MAX_EVENT_ID_LENGTH} characters`)
    .describe("The event_id the event was sent with"),
});

export const ingestResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int().describe("Events whose event_id was stored before: counted once"),
  rejected: z.number().int(),
  results: z
    .array(
      z.object({
        index: z.number().int().describe("The event's position in the batch"),
        event_id: z.string().optional(),
        status: z.enum(["accepted", "duplicate", "rejected"]),
        field: z.string().optional().describe("A rejected event's field, e.g. events[1].model"),
        reason: z.string().optional(),
      }),
    )
    .describe("One per event, in request order"),
});

const common = {
  event_id: z.string(),
  occurred_at: wireTimestamp,
  received_at: wireTimestamp,
  customer: z.string(),
  feature: z.string(),
  metadata: z.record(z.string(), z.string()),
};

const decimal = z.string().describe("Exact decimal text");
const usd = z.string().nullable().describe("US dollars, exact decimal text; null when unpriced (never $0)");

export const storedEventResponse = z.object({
  event: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("usage"),
      ...common,
      provider: z.string(),
      model: z.string(),
      service_tier: z.string(),
      tokens: z.record(z.string(), z.number()).describe("Tokens by class"),
      units: unitJsonSchema.nullable().describe("Seconds, characters or images of a call billed by those units"),
      gpu: z.object({ seconds: decimal, type: z.string().nullable(), pool: z.string().nullable() }).nullable(),
      latency_ms: z.number().nullable(),
      status: z.string(),
      error_type: z.string().nullable(),
      trace_id: z.string().nullable(),
      session_id: z.string().nullable(),
      cost: z.object({
        source: z.enum(["computed", "reported", "unpriced"]),
        total_usd: usd,
        token_usd: usd,
        gpu_usd: usd,
        price_entry_id: z.string().nullable(),
        provenance: z
          .record(z.string(), z.unknown())
          .describe("Per token class: the price entry, tier and rule that priced it"),
      }),
    }),
    z.object({
      type: z.literal("outcome"),
      ...common,
      outcome: z.string(),
      quantity: decimal,
      value: usd,
    }),
  ]),
});
