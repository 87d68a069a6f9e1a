/**
 * What `/api/v1/alert-channels*` and `/api/v1/alert-preferences` answer, as zod schemas: the
 * routes declare them as their response contracts (checked in tests, shown in /docs/api), the
 * budgets page parses every answer with the same ones (lib/query/hooks/alerts.ts), and the
 * server's types are inferred from them, so none of the three can drift. Client-safe: zod and
 * the wire primitives only (the URL policy stays on the server).
 */
import { z } from "zod";
import { wireId, wireTimestamp } from "@/lib/api/wire";

export const CHANNEL_KINDS = ["email", "slack", "webhook"] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;

const severity = z.enum(SEVERITIES).nullable().describe("Anomaly alerts at or above this severity; null for none");

const alertChannel = z.object({
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
export type AlertChannel = z.infer<typeof alertChannel>;

export const channelListResponse = z.object({ channels: z.array(alertChannel) });
export const channelResponse = z.object({ channel: alertChannel });
export const channelCreatedResponse = z.object({
  channel: alertChannel,
  signing_secret: z.string().nullable().describe("A webhook's signing secret: shown in this answer only"),
});

/** One delivery attempt of a channel, newest first. */
const deliveryLogEntry = z.object({
  alert_id: z.string(),
  attempt: z.number().int(),
  ok: z.boolean(),
  status_code: z.number().int().nullable().describe("The HTTP status the channel answered"),
  error: z.string().nullable(),
  duration_ms: z.number(),
  at: wireTimestamp,
  title: z.string().nullable(),
});
export type DeliveryLogEntry = z.infer<typeof deliveryLogEntry>;
export const deliveryLogResponse = z.object({ deliveries: z.array(deliveryLogEntry) });

/** How a test delivery went. */
const testResult = z.object({
  ok: z.boolean(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number(),
});
export type TestResult = z.infer<typeof testResult>;
export const testResultResponse = z.object({ result: testResult });

/** The signed-in member's own alert emails. */
const alertPreference = z.object({
  email: z.string().describe("Where the emails go: the member's address"),
  budget_alerts: z.boolean(),
  anomaly_min_severity: severity,
  disabled_reason: z
    .string()
    .nullable()
    .describe("Set when repeated failures turned the emails off; saving the preference turns them on again"),
});
export type AlertPreference = z.infer<typeof alertPreference>;
export const preferenceResponse = z.object({ preference: alertPreference });
