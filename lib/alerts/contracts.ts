/**
 * What `/api/v1/alert-channels*` and `/api/v1/alert-preferences` answer, as zod schemas: the
 * budgets page parses every response with them (lib/query/hooks/alerts.ts) and the server's
 * types are inferred from them. Client-safe: zod only (the URL policy stays on the server).
 */
import { z } from "zod";

export const CHANNEL_KINDS = ["email", "slack", "webhook"] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export const alertChannelSchema = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  /** Email address as is; URLs masked after the host. */
  target: z.string(),
  budget_alerts: z.boolean(),
  anomaly_min_severity: z.enum(SEVERITIES).nullable(),
  muted: z.boolean(),
  consecutive_failures: z.number(),
  disabled_at: z.string().nullable(),
  disabled_reason: z.string().nullable(),
  created_at: z.string(),
});
export type AlertChannel = z.infer<typeof alertChannelSchema>;

/** POST /alert-channels: a webhook's signing secret is in this answer only. */
export const channelCreatedSchema = z.object({ channel: alertChannelSchema, signing_secret: z.string().nullable() });

/** One delivery attempt of a channel, newest first. */
export const deliveryLogEntrySchema = z.object({
  alert_id: z.string(),
  attempt: z.number(),
  ok: z.boolean(),
  status_code: z.number().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number(),
  at: z.string(),
  title: z.string().nullable(),
});
export type DeliveryLogEntry = z.infer<typeof deliveryLogEntrySchema>;

/** POST /alert-channels/{id}/test: how the test delivery went. */
export const testResultSchema = z.object({
  ok: z.boolean(),
  status_code: z.number().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number(),
});
export type TestResult = z.infer<typeof testResultSchema>;

/** The signed-in member's own alert emails. */
export const alertPreferenceSchema = z.object({
  budget_alerts: z.boolean(),
  anomaly_min_severity: z.enum(SEVERITIES).nullable(),
  /** Where the emails go: the member's address. */
  email: z.string(),
  /** Set when repeated failures turned the emails off; saving the preference turns them on again. */
  disabled_reason: z.string().nullable(),
});
export type AlertPreference = z.infer<typeof alertPreferenceSchema>;
