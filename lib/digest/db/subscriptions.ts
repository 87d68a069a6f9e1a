/**
 * Digest subscriptions. A member without a row gets the role's default: on for owner, admin and
 * finance (they read spend), off for engineer and viewer; Monday 08:00 in the organisation's zone.
 */
import type { Pool } from "pg";
import type { Role } from "@/lib/auth/roles";

const DEFAULT_WEEKDAY = 1;
const DEFAULT_HOUR = 8;

export interface Subscription {
  orgId: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  /** The project the digest covers; null = the organisation's first project. */
  projectId: string | null;
  enabled: boolean;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  timezone: string;
  /** False when no row exists and the defaults apply. */
  explicit: boolean;
}

const SELECT = `
  SELECT m.org_id, m.user_id, u.email, u.name, m.role,
         s.project_id, coalesce(s.enabled, m.role IN ('owner', 'admin', 'finance')) AS enabled,
         coalesce(s.weekday, ${DEFAULT_WEEKDAY}) AS weekday, coalesce(s.hour, ${DEFAULT_HOUR}) AS hour,
         coalesce(s.timezone, o.timezone) AS timezone, s.user_id IS NOT NULL AS explicit
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    JOIN organizations o ON o.id = m.org_id
    LEFT JOIN digest_subscriptions s ON s.org_id = m.org_id AND s.user_id = m.user_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toSubscription = (r: any): Subscription => ({
  orgId: r.org_id,
  userId: r.user_id,
  email: r.email,
  name: r.name,
  role: r.role,
  projectId: r.project_id,
  enabled: r.enabled,
  weekday: Number(r.weekday),
  hour: Number(r.hour),
  timezone: r.timezone,
  explicit: r.explicit,
});

export async function listSubscriptions(
  pool: Pool,
  filter: { orgId?: string; enabledOnly?: boolean } = {},
): Promise<Subscription[]> {
  const { rows } = await pool.query(`${SELECT} WHERE ($1::uuid IS NULL OR m.org_id = $1) ORDER BY m.org_id, u.email`, [
    filter.orgId ?? null,
  ]);
  const all = rows.map(toSubscription);
  return filter.enabledOnly ? all.filter((s) => s.enabled) : all;
}

export async function getSubscription(pool: Pool, orgId: string, userId: string): Promise<Subscription | null> {
  const { rows } = await pool.query(`${SELECT} WHERE m.org_id = $1 AND m.user_id = $2`, [orgId, userId]);
  return rows[0] ? toSubscription(rows[0]) : null;
}

export async function saveSubscription(
  pool: Pool,
  input: {
    orgId: string;
    userId: string;
    enabled: boolean;
    weekday: number;
    hour: number;
    timezone: string;
    projectId: string | null;
  },
): Promise<void> {
  await pool.query(
    `INSERT INTO digest_subscriptions (org_id, user_id, project_id, enabled, weekday, hour, timezone)
     SELECT $1, $2, (SELECT id FROM projects WHERE id = $3::uuid AND org_id = $1), $4, $5, $6, $7
      WHERE EXISTS (SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2)
     ON CONFLICT (org_id, user_id) DO UPDATE
        SET project_id = excluded.project_id, enabled = excluded.enabled, weekday = excluded.weekday,
            hour = excluded.hour, timezone = excluded.timezone, updated_at = now()`,
    [input.orgId, input.userId, input.projectId, input.enabled, input.weekday, input.hour, input.timezone],
  );
}

/** One-click unsubscribe: keeps the member's other settings, or writes the defaults turned off. */
export async function unsubscribe(pool: Pool, orgId: string, userId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO digest_subscriptions (org_id, user_id, enabled, timezone)
     SELECT m.org_id, m.user_id, false, o.timezone FROM memberships m JOIN organizations o ON o.id = m.org_id
      WHERE m.org_id = $1 AND m.user_id = $2
     ON CONFLICT (org_id, user_id) DO UPDATE SET enabled = false, updated_at = now()`,
    [orgId, userId],
  );
  return (rowCount ?? 0) > 0;
}
