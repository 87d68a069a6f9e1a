/**
 * DigestData for one member, project and ISO week, from the rollups and stored anomalies.
 * Days are the calendar days of the week; usage_daily buckets days in the organisation's zone,
 * so a member in another zone reads the organisation's days (the week key is still theirs).
 */
import { weeklyMargin } from "./margin";
import type { Pool } from "pg";
import { addDays, type Day } from "@/lib/calendar/days";
import { listAnomalies, toAnomaly, type StoredAnomaly } from "@/lib/anomalies/server";
import { groupIncidents } from "@/lib/anomalies/incidents";
import { usdToFemto, type Femto } from "@/lib/money";
import { forecastMonthEnd } from "../forecast";
import type { DigestData, MoverInput } from "../types";
import { signUnsubscribeToken, unsubscribeUrl } from "../unsubscribe";
import { weekRange, type WeekKey } from "@/lib/calendar/week";

export const MAX_DIGEST_ANOMALIES = 8;

interface DigestTarget {
  orgId: string;
  userId: string;
  /** Null: the organisation's first project. */
  projectId: string | null;
  weekKey: WeekKey;
  timezone: string;
}

interface BuiltDigest {
  data: DigestData;
  to: string;
  projectId: string;
  unsubscribeUrl: string;
  oneClickUrl: string;
}

async function sumByDay(pool: Pool, projectId: string, from: Day, to: Day): Promise<{ day: Day; cost: Femto }[]> {
  const { rows } = await pool.query<{ day: string; cost: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(cost_total)::text AS cost FROM usage_daily
      WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day ORDER BY day`,
    [projectId, from, to],
  );
  return rows.map((r) => ({ day: r.day, cost: usdToFemto(r.cost) }));
}

async function movers(
  pool: Pool,
  projectId: string,
  column: "feature" | "customer",
  firstDay: Day,
): Promise<MoverInput[]> {
  const { rows } = await pool.query<{ name: string; this_week: string; last_week: string }>(
    `SELECT ${column} AS name,
            coalesce(sum(cost_total) FILTER (WHERE day >= $2::date), 0)::text AS this_week,
            coalesce(sum(cost_total) FILTER (WHERE day < $2::date), 0)::text AS last_week
       FROM usage_daily
      WHERE project_id = $1 AND day BETWEEN ($2::date - 7) AND ($2::date + 6)
      GROUP BY ${column}`,
    [projectId, firstDay],
  );
  return rows.map((r) => ({
    name: r.name === "" ? "(none)" : r.name,
    thisWeek: usdToFemto(r.this_week),
    lastWeek: usdToFemto(r.last_week),
  }));
}

/**
 * The digest's anomalies: one line per incident (lib/anomalies/incidents), the same incidents the
 * anomalies page lists for the week, most severe first.
 */
function digestWorthy(stored: readonly StoredAnomaly[]): StoredAnomaly[] {
  return groupIncidents(stored).map((incident) => incident.lead);
}

export async function buildDigestData(
  pool: Pool,
  target: DigestTarget,
  options: { baseUrl: string; secret: Buffer },
): Promise<BuiltDigest | null> {
  const { rows: heads } = await pool.query<{
    org_name: string;
    org_slug: string;
    project_id: string;
    project_name: string;
    project_slug: string;
    email: string;
    user_name: string | null;
  }>(
    `SELECT o.name AS org_name, o.slug AS org_slug, p.id AS project_id, p.name AS project_name, p.slug AS project_slug, u.email, u.name AS user_name
       FROM memberships m
       JOIN organizations o ON o.id = m.org_id
       JOIN users u ON u.id = m.user_id
       JOIN LATERAL (SELECT * FROM projects WHERE org_id = o.id AND ($3::uuid IS NULL OR id = $3::uuid) ORDER BY created_at LIMIT 1) p ON true
      WHERE m.org_id = $1 AND m.user_id = $2`,
    [target.orgId, target.userId, target.projectId],
  );
  const head = heads[0];
  if (!head) return null;
  const projectId = head.project_id;
  const week = weekRange(target.weekKey, target.timezone);
  const lastWeekFirst = addDays(week.firstDay, -7);

  const [history, featureMovers, customerMovers, stored, unpriced, margin] = await Promise.all([
    sumByDay(pool, projectId, addDays(week.lastDay, -34), week.lastDay),
    movers(pool, projectId, "feature", week.firstDay),
    movers(pool, projectId, "customer", week.firstDay),
    listAnomalies(pool, projectId, {
      from: week.firstDay,
      to: week.lastDay,
      statuses: ["open", "acknowledged", "resolved"],
    }),
    pool.query<{ provider: string; model: string; events: number }>(
      `SELECT provider, model, sum(unpriced_events)::bigint AS events FROM usage_daily
        WHERE project_id = $1 AND day BETWEEN $2::date AND $3::date AND unpriced_events > 0
        GROUP BY provider, model ORDER BY sum(unpriced_events) DESC, provider, model LIMIT 10`,
      [projectId, week.firstDay, week.lastDay],
    ),
    weeklyMargin(
      pool,
      projectId,
      { from: week.firstDay, to: week.lastDay },
      { from: lastWeekFirst, to: addDays(week.firstDay, -1) },
    ),
  ]);
  const inRange = (from: Day, to: Day) =>
    history.filter((d) => d.day >= from && d.day <= to).reduce((sum, d) => sum + d.cost, 0n);
  const dailySpend = Array.from({ length: 7 }, (_, i) => addDays(week.firstDay, i)).map((day) => ({
    day,
    cost: history.find((d) => d.day === day)?.cost ?? 0n,
  }));
  const anomalies = digestWorthy(stored)
    .slice(0, MAX_DIGEST_ANOMALIES)
    .map((a) => ({ ...toAnomaly(a), id: a.id }));

  const token = signUnsubscribeToken(
    { userId: target.userId, orgId: target.orgId, purpose: "weekly_digest" },
    options.secret,
  );
  const unsubscribe = unsubscribeUrl(options.baseUrl, token);
  const oneClick = unsubscribe.replace("/unsubscribe?", "/unsubscribe/one-click?");
  const data: DigestData = {
    orgName: head.org_name,
    orgSlug: head.org_slug,
    projectName: head.project_name,
    projectSlug: head.project_slug,
    recipientName: head.user_name ?? undefined,
    baseUrl: options.baseUrl,
    week: { key: week.key, firstDay: week.firstDay, lastDay: week.lastDay, timeZone: target.timezone },
    spend: {
      thisWeek: inRange(week.firstDay, week.lastDay),
      lastWeek: inRange(lastWeekFirst, addDays(week.firstDay, -1)),
    },
    dailySpend,
    ...(margin ? { margin } : {}),
    movers: { feature: featureMovers, customer: customerMovers },
    anomalies,
    unpricedModels: unpriced.rows.map((r) => ({ provider: r.provider, model: r.model, events: Number(r.events) })),
    forecast: history.length > 0 ? forecastMonthEnd(history, week.lastDay) : null,
    unsubscribeUrl: unsubscribe,
  };
  return { data, to: head.email, projectId, unsubscribeUrl: unsubscribe, oneClickUrl: oneClick };
}
