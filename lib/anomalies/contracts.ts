/**
 * Request and response schemas of /api/v1/anomalies, shared by the routes and the page's hooks:
 * client-safe (zod and constants only), so the browser bundle never pulls in db/.
 */
import { z } from "zod";
import { RANGE_PRESETS } from "@/lib/analytics/contracts";
import { checkPeriodSpan, daySchema } from "@/lib/calendar/days";
import { ANOMALY_STATUSES, SEVERITIES } from "./types";

const day = daySchema;

/**
 * `project` is the session's project (keys carry their own); defineRoute reads it. The period is
 * `range` (a preset, as every read endpoint reads it: lib/analytics/period) or `from` + `to`;
 * neither lists every stored anomaly.
 */
export const listQuerySchema = z
  .object({
    project: z.string().optional(),
    range: z.enum(RANGE_PRESETS, { error: `one of ${RANGE_PRESETS.join(", ")}` }).optional(),
    from: day.optional(),
    to: day.optional(),
    status: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (!value) return undefined;
        const list = value.split(",");
        const bad = list.filter((s) => !(ANOMALY_STATUSES as readonly string[]).includes(s));
        if (bad.length)
          ctx.addIssue({
            code: "custom",
            message: `unknown status ${bad.join(", ")} (use ${ANOMALY_STATUSES.join(", ")})`,
          });
        return list as (typeof ANOMALY_STATUSES)[number][];
      }),
    series: z.string().max(500).optional(),
  })
  .superRefine((query, ctx) => {
    if ((query.from === undefined) !== (query.to === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [query.from === undefined ? "from" : "to"],
        message: "required with from/to (send both, or use range)",
      });
    } else if (query.from && query.to) {
      if (query.range)
        ctx.addIssue({ code: "custom", path: ["range"], message: "send either range or from/to, not both" });
      const problem = checkPeriodSpan(query.from, query.to);
      if (problem) ctx.addIssue({ code: "custom", path: ["to"], message: problem });
    }
  });

export const statusBodySchema = z.strictObject({
  status: z.enum(ANOMALY_STATUSES, { error: `one of ${ANOMALY_STATUSES.join(", ")}` }),
});

export const seriesQuerySchema = z.object({
  project: z.string().optional(),
  series: z.string().min(1).max(500),
  to: day.optional(),
});

/**
 * The answers below are the public wire shape: snake_case like every other endpoint. The domain
 * (StoredAnomaly, DetectionSummary) stays camelCase; db/wire.ts maps one onto the other.
 */
const contributor = z.object({
  dimension: z.enum(["feature", "customer", "model"]),
  value: z.string(),
  actual: z.string(),
  expected: z.string(),
  delta: z.string(),
  share: z.number(),
  is_new: z.boolean(),
  vanished: z.boolean(),
});

export const anomalySchema = z.object({
  id: z.string(),
  series_id: z.string(),
  metric: z.enum(["cost", "cost_per_outcome", "tokens_per_request", "cache_hit_rate"]),
  dimension: z.enum(["feature", "customer", "model"]).nullable(),
  dimension_value: z.string().nullable(),
  outcome_type: z.string().nullable(),
  day,
  kind: z.enum(["spike", "drop", "level_shift", "drift"]),
  direction: z.enum(["up", "down"]),
  expected: z.number(),
  actual: z.number(),
  band_low: z.number(),
  band_high: z.number(),
  score: z.number(),
  dollar_impact: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  root_causes: z.array(contributor),
  description: z.string(),
  status: z.enum(ANOMALY_STATUSES),
  provisional: z.boolean(),
  detected_at: z.string(),
  updated_at: z.string(),
  status_changed_by: z.string().nullable(),
  status_changed_at: z.string().nullable(),
});
export type AnomalyWire = z.infer<typeof anomalySchema>;

/** Anomalies of the same day and slice, grouped (lib/anomalies/incidents): most severe first. */
const incidentSchema = z.object({
  id: z.string(),
  day,
  severity: z.enum(SEVERITIES),
  members: z.array(z.string()),
});
export const listResponseSchema = z.object({
  anomalies: z.array(anomalySchema),
  incidents: z.array(incidentSchema),
  can_manage: z.boolean(),
});
export type AnomalyListResponse = z.infer<typeof listResponseSchema>;

/** PATCH /anomalies/{id}: the anomaly as it now stands. */
export const statusResponseSchema = z.object({ anomaly: anomalySchema });

/** POST /anomalies/detect: what the run found (nothing ran when the project has no data yet). */
export const detectResponseSchema = z.union([
  z.object({ ran: z.literal(false) }),
  z.object({
    ran: z.literal(true),
    project_id: z.string(),
    day,
    from: day,
    series_count: z.number(),
    found: z.number(),
    created: z.number(),
    updated: z.number(),
    removed: z.number(),
  }),
]);
export type DetectResponse = z.infer<typeof detectResponseSchema>;

export const seriesResponseSchema = z.object({
  series_id: z.string(),
  label: z.string(),
  unit: z.enum(["usd", "usd_per_outcome", "tokens_per_request", "ratio"]),
  points: z.array(
    z.object({
      day,
      actual: z.number().nullable(),
      expected: z.number().nullable(),
      low: z.number().nullable(),
      high: z.number().nullable(),
      anomaly: z.string().nullable(),
      /** A drift's fitted trend line, on the days of its window only. */
      trend: z.number().nullable(),
    }),
  ),
});
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;
