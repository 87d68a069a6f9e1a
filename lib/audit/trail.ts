/** The audit trail of budgets and channels: who changed what, when, the row before and after. */
import type { ClientBase, Pool } from "pg";

interface AuditEntry {
  orgId: string;
  projectId: string | null;
  entity: "budget" | "channel";
  entityId: string;
  action: "create" | "update" | "delete";
  actorId: string | null;
  before: unknown;
  after: unknown;
}

export async function writeAudit(client: ClientBase | Pool, entry: AuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO alert_audit_log (org_id, project_id, entity, entity_id, action, actor_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.orgId,
      entry.projectId,
      entry.entity,
      entry.entityId,
      entry.action,
      entry.actorId,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
    ],
  );
}

interface AuditRecord {
  id: string;
  entity: "budget" | "channel";
  entity_id: string;
  action: "create" | "update" | "delete";
  actor: { id: string; email: string | null } | null;
  at: string;
  before: unknown;
  after: unknown;
}

export async function listAudit(pool: Pool, orgId: string, entityId: string): Promise<AuditRecord[]> {
  const { rows } = await pool.query(
    `SELECT a.id, a.entity, a.entity_id, a.action, a.actor_id, u.email, a.at, a.before, a.after
       FROM alert_audit_log a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.org_id = $1 AND a.entity_id = $2 ORDER BY a.at DESC, a.id LIMIT 200`,
    [orgId, entityId],
  );
  return rows.map((r) => ({
    id: r.id,
    entity: r.entity,
    entity_id: r.entity_id,
    action: r.action,
    actor: r.actor_id ? { id: r.actor_id, email: r.email } : null,
    at: new Date(r.at).toISOString(),
    before: r.before,
    after: r.after,
  }));
}
