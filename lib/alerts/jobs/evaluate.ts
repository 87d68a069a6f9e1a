/**
 * What alerts this minute: each budget's thresholds crossed this period (actual and forecast),
 * and incidents of anomalies detected in the last day at or above a channel's severity. Each is claimed
 * under its dedupe key (db/claims.ts), so it alerts once however often this runs.
 */
import type { Pool } from "pg";
import { getBudgetStatus, listBudgets } from "@/lib/budgets/server";
import { anomalyMessage, budgetMessage, type AnomalyRow, type Where } from "../build";
import { groupIncidents, type IncidentMember } from "@/lib/anomalies/incidents";
import { claimAlert, SEVERITY_AT_LEAST, type ChannelFilter } from "../db/claims";
import type { AlertMessage } from "../message";

interface EvaluateOptions {
  now: Date;
  baseUrl: string;
  orgId?: string | null;
}

interface ProjectRow {
  project_id: string;
  project_slug: string;
  project_name: string;
  org_id: string;
  org_slug: string;
  org_name: string;
  timezone: string;
}

const whereOf = (baseUrl: string, row: ProjectRow): Where => ({
  baseUrl,
  organization: { id: row.org_id, slug: row.org_slug, name: row.org_name },
  project: { id: row.project_id, slug: row.project_slug, name: row.project_name },
});

const PROJECT_COLUMNS =
  "p.id AS project_id, p.slug AS project_slug, p.name AS project_name, o.id AS org_id, o.slug AS org_slug, o.name AS org_name, o.timezone";
const ACTIVE_CHANNEL = "c.org_id = o.id AND c.disabled_at IS NULL AND NOT c.muted";

/** Returns the dedupe keys this run claimed and will send (claims no channel wants are left out). */
export async function evaluateBudgets(pool: Pool, options: EvaluateOptions): Promise<string[]> {
  const { rows: projects } = await pool.query<ProjectRow>(
    `SELECT ${PROJECT_COLUMNS} FROM projects p JOIN organizations o ON o.id = p.org_id
      WHERE ($1::uuid IS NULL OR o.id = $1)
        AND EXISTS (SELECT 1 FROM budgets b WHERE b.project_id = p.id AND NOT b.muted)
        AND EXISTS (SELECT 1 FROM alert_channels c WHERE ${ACTIVE_CHANNEL} AND c.budget_alerts)`,
    [options.orgId ?? null],
  );
  const claimed: string[] = [];
  for (const project of projects) {
    const where = whereOf(options.baseUrl, project);
    for (const budget of await listBudgets(pool, project.project_id)) {
      if (budget.muted) continue;
      const status = await getBudgetStatus(pool, budget, project.timezone, options.now);
      // A period that is over no longer alerts (a budget created after its custom range ended).
      if (status.window.ended || !status.window.started) continue;
      for (const kind of ["actual", "forecast"] as const) {
        const crossed = status.crossed[kind];
        const highest = crossed[crossed.length - 1];
        // Highest first: a budget found at 90% alerts for 80 once; 50 is claimed silently, never sent later.
        for (const threshold of [...crossed].reverse()) {
          const message = budgetMessage(where, status, kind, threshold, options.now);
          const channels = await claimAlert(pool, {
            orgId: project.org_id,
            projectId: project.project_id,
            kind: kind === "actual" ? "budget_actual" : "budget_forecast",
            message,
            channels: threshold === highest ? { budget: true } : { none: true },
            now: options.now,
          });
          if (channels?.length && threshold === highest) claimed.push(message.id);
        }
      }
    }
  }
  return claimed;
}

/** How far back a newly detected anomaly still alerts (older ones predate the channel's interest). */
const ANOMALY_LOOKBACK = "1 day";

type AnomalyCandidate = AnomalyRow &
  ProjectRow & { detected_at: Date; status: string; root_causes: IncidentMember["rootCauses"] | null };

const asMember = (row: AnomalyCandidate): IncidentMember & { row: AnomalyCandidate } => ({
  id: row.id,
  day: row.day,
  metric: row.metric as IncidentMember["metric"],
  dimension: row.dimension as IncidentMember["dimension"],
  dimensionValue: row.dimension_value,
  severity: row.severity,
  dollarImpact: row.dollar_impact,
  rootCauses: row.root_causes ?? [],
  row,
});

/**
 * New anomalies alert as incidents (lib/anomalies/incidents.ts): one alert for the incident's
 * lead, at or above each channel's severity; its other members are claimed silently, and an
 * anomaly joining an incident that already alerted is claimed silently too. An incident no
 * channel wants yet is left unclaimed, so it alerts when intraday detection raises its severity;
 * one that already alerted and grows alerts again, once per new severity, to the channels it
 * reaches only now.
 */
export async function evaluateAnomalies(pool: Pool, options: EvaluateOptions): Promise<string[]> {
  const { rows } = await pool.query<AnomalyCandidate>(
    `SELECT a.id, a.project_id, a.day::text AS day, a.metric, a.dimension, a.dimension_value, a.severity, a.expected, a.actual,
            a.dollar_impact::text AS dollar_impact, a.description, a.detected_at, a.status, a.root_causes, ${PROJECT_COLUMNS}
       FROM anomalies a JOIN projects p ON p.id = a.project_id JOIN organizations o ON o.id = p.org_id
      WHERE ($1::uuid IS NULL OR o.id = $1) AND a.detected_at > $2::timestamptz - interval '${ANOMALY_LOOKBACK}'
        AND a.status IN ('open', 'acknowledged', 'muted') AND a.severity <> 'notable'
        AND EXISTS (SELECT 1 FROM alert_channels c WHERE ${ACTIVE_CHANNEL} AND c.anomaly_min_severity IS NOT NULL AND c.created_at <= a.detected_at)
      ORDER BY a.detected_at`,
    [options.orgId ?? null, options.now],
  );
  const byProject = new Map<string, AnomalyCandidate[]>();
  for (const row of rows) byProject.set(row.project_id, [...(byProject.get(row.project_id) ?? []), row]);
  const claimed: string[] = [];
  for (const projectRows of byProject.values()) {
    for (const incident of groupIncidents(projectRows.map(asMember))) {
      // Muting any anomaly of an incident mutes the incident: nothing of it is claimed or sent.
      if (incident.members.some(({ row }) => row.status === "muted")) continue;
      const messages = incident.members.map(({ row }) => ({
        row,
        message: anomalyMessage(whereOf(options.baseUrl, row), row, options.now),
      }));
      const lead = messages[0]!;
      const claim = (message: AlertMessage, channels: ChannelFilter) =>
        claimAlert(pool, {
          orgId: lead.row.org_id,
          projectId: lead.row.project_id,
          kind: "anomaly",
          message,
          channels,
          now: options.now,
        });
      const done = await claimedSeverities(
        pool,
        lead.row.org_id,
        messages.map((m) => m.message.id),
      );
      const alertedAt = highestSeverity([...done.values()]);
      const severity = lead.row.severity;
      if (alertedAt === null) {
        if (!(await anyChannelWants(pool, lead.row))) continue;
        const channels = await claim(lead.message, { severity, detectedAt: lead.row.detected_at });
        if (channels?.length) claimed.push(lead.message.id);
        done.set(lead.message.id, severity);
      } else if (SEVERITY_RANK.indexOf(severity) > SEVERITY_RANK.indexOf(alertedAt)) {
        // The incident grew (intraday, as the day goes on): the channels it now reaches and did not then.
        const escalated = { ...lead.message, id: `${lead.message.id}:${severity}` };
        const channels = await claim(escalated, { severity, detectedAt: lead.row.detected_at, above: alertedAt });
        if (channels?.length) claimed.push(escalated.id);
      }
      for (const { message } of messages) if (!done.has(message.id)) await claim(message, { none: true });
    }
  }
  return claimed;
}

const SEVERITY_RANK = ["low", "medium", "high", "critical"] as const;
type Severity = (typeof SEVERITY_RANK)[number];

const highestSeverity = (severities: readonly Severity[]): Severity | null =>
  severities.reduce<Severity | null>(
    (top, s) => (top === null || SEVERITY_RANK.indexOf(s) > SEVERITY_RANK.indexOf(top) ? s : top),
    null,
  );

/**
 * The members' alerts some run has claimed already, with the severity each was claimed at: an
 * escalation's key (`<anomaly key>:<severity>`) counts for its anomaly.
 */
async function claimedSeverities(pool: Pool, orgId: string, keys: readonly string[]): Promise<Map<string, Severity>> {
  const { rows } = await pool.query<{ key: string; severity: Severity }>(
    `SELECT k.key, a.payload->'anomaly'->>'severity' AS severity
       FROM unnest($2::text[]) AS k(key) JOIN alerts a ON a.org_id = $1 AND a.kind = 'anomaly' AND (a.dedupe_key = k.key OR starts_with(a.dedupe_key, k.key || ':'))`,
    [orgId, keys],
  );
  const claimed = new Map<string, Severity>();
  for (const row of rows)
    claimed.set(row.key, highestSeverity([row.severity, ...(claimed.has(row.key) ? [claimed.get(row.key)!] : [])])!);
  return claimed;
}

async function anyChannelWants(pool: Pool, row: AnomalyCandidate): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT 1 FROM alert_channels c WHERE c.org_id = $1 AND c.disabled_at IS NULL AND NOT c.muted AND c.created_at <= $3
        AND ${SEVERITY_AT_LEAST("c.anomaly_min_severity", "$2::text")} LIMIT 1`,
    [row.org_id, row.severity, row.detected_at],
  );
  return rows.length > 0;
}
