/** The alert API's answers as zod schemas: the response contracts of /api/v1/alert-channels and /alert-preferences. */
import { z } from "zod";
import { wireId, wireTimestamp } from "@/lib/api/wire";
import { CHANNEL_KINDS, SEVERITIES } from "./channel-schema";

const severity = z.enum(SEVERITIES).nullable().describe("Anomaly alerts at or above this severity; null for none");

export const alertChannelSchema = z.object({
  id: wireId,
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  target: z.string().describe("Email address as is; URLs masked after the host"),
  budget_alerts: z.boolean(),
  anomaly_min_severity: severity,
  muted: z.boolean(),
  consecutive_failures: z.number().int().describe("Failed deliveries in a row"),
  disabled_at: wireTimestamp.nullable().describe("Set when repeated failures turned the channel off"),
  disabled_reason: z.string().nullable(),
  created_at: wireTimestamp,
});

export const channelListResponse = z.object({ channels: z.array(alertChannelSchema) });
export const channelResponse = z.object({ channel: alertChannelSchema });
export const channelCreatedResponse = z.object({
  channel: alertChannelSchema,
  signing_secret: z.string().nullable().describe("A webhook's signing secret: shown in this answer only"),
});

export const deliveryLogResponse = z.object({
  deliveries: z.array(
    z.object({
      alert_id: z.string(),
      attempt: z.number().int(),
      ok: z.boolean(),
      status_code: z.number().int().nullable().describe("The HTTP status the channel answered"),
      error: z.string().nullable(),
      duration_ms: z.number(),
      at: wireTimestamp,
      title: z.string().nullable(),
    }),
  ),
});

export const testResultResponse = z.object({
  result: z.object({
    ok: z.boolean(),
    status_code: z.number().int().nullable(),
    error: z.string().nullable(),
    duration_ms: z.number(),
  }),
});

export const preferenceResponse = z.object({
  preference: z.object({
    email: z.string().describe("Where the emails go: the member's address"),
    budget_alerts: z.boolean(),
    anomaly_min_severity: severity,
    disabled_reason: z.string().nullable().describe("Set when repeated failures turned the emails off"),
  }),
});

/** One change of a budget or channel: who, when, before and after. */
export const auditRecordSchema = z.object({
  id: z.string(),
  entity: z.enum(["budget", "channel"]),
  entity_id: z.string(),
  action: z.enum(["create", "update", "delete"]),
  actor: z.object({ id: z.string(), email: z.string().nullable() }).nullable(),
  at: wireTimestamp,
  before: z.unknown(),
  after: z.unknown(),
});
