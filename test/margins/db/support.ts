import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { Database } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";
import { createApiKey } from "@/lib/auth/key-store";
import { measureIndex, parseScaled, zeroValues } from "@/lib/rollups/measures";
import type { UsageDelta } from "@/lib/rollups/write";
import { applyDeltas } from "../../rollups/support";

/** A tenant (organisation, project, one member per role, a read key) and rollup fixtures for margin tests. */
export interface MarginTenant {
  orgId: string;
  projectId: string;
  users: Record<Role, string>;
  readKey: string;
}

let counter = 0;

export async function createMarginTenant(db: Database): Promise<MarginTenant> {
  const slug = `m-${process.pid}-${++counter}-${randomBytes(3).toString("hex")}`;
  const org = await db.prisma.organization.create({ data: { name: slug, slug } });
  const project = await db.prisma.project.create({ data: { orgId: org.id, name: "Main", slug: "main" } });
  const users = {} as Record<Role, string>;
  for (const role of ["owner", "admin", "engineer", "finance", "viewer"] as const) {
    const user = await db.prisma.user.create({ data: { email: `${role}-${slug}@example.test`, name: role } });
    await db.prisma.membership.create({ data: { orgId: org.id, userId: user.id, role } });
    users[role] = user.id;
  }
  const { key } = await createApiKey(db.prisma, {
    orgId: org.id,
    projectId: project.id,
    name: "read",
    scopes: ["read"],
    createdBy: null,
  });
  return { orgId: org.id, projectId: project.id, users, readKey: key };
}

interface UsageFixture {
  day: string;
  customer: string;
  feature: string;
  model: string;
  provider?: string;
  events?: number;
  unpriced?: number;
  input?: number;
  output?: number;
  cacheRead?: number;
  cost: string;
}

/** Usage rows through the rollups' write path (every level, usage_monthly included), and their customers. */
export async function insertUsage(db: Database, projectId: string, rows: UsageFixture[]): Promise<void> {
  const at = (column: string) => measureIndex(column);
  const deltas = rows.map((row): UsageDelta => {
    const values = zeroValues();
    const cost = parseScaled(row.cost, 15);
    values[at("events")] = BigInt(row.events ?? 1);
    values[at("unpriced_events")] = BigInt(row.unpriced ?? 0);
    values[at("tokens_input")] = BigInt(row.input ?? 0);
    values[at("tokens_output")] = BigInt(row.output ?? 0);
    values[at("tokens_cache_read")] = BigInt(row.cacheRead ?? 0);
    values[at("cost_token")] = cost;
    values[at("cost_total")] = cost;
    const { day, feature, customer, model } = row;
    return { day, feature, customer, model, provider: row.provider ?? "anthropic", values };
  });
  await applyDeltas(db.pool, projectId, deltas);
  for (const row of rows)
    await db.pool.query(`INSERT INTO customers (project_id, external_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      projectId,
      row.customer,
    ]);
}

export async function insertOutcomes(
  db: Database,
  projectId: string,
  rows: { day: string; customer: string; feature: string; type: string; quantity: string; value?: string }[],
): Promise<void> {
  for (const row of rows) {
    await db.pool.query(
      `INSERT INTO outcome_daily (project_id, day, feature, customer, outcome_type, events, quantity, value) VALUES ($1, $2, $3, $4, $5, 1, $6, $7)`,
      [projectId, row.day, row.feature, row.customer, row.type, row.quantity, row.value ?? "0"],
    );
  }
}

export async function addCustomer(db: Database, projectId: string, customer: string): Promise<void> {
  await db.pool.query(`INSERT INTO customers (project_id, external_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    projectId,
    customer,
  ]);
}

export const SECRET = randomBytes(32).toString("base64url");

async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: SECRET });
  return `next-auth.session-token=${token}`;
}

// Route handlers differ in their params type; any lets one helper call them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: NextRequest, context: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler in-process, as a session user (userId) or with a bearer key. */
export async function call(
  handler: Handler,
  path: string,
  options: {
    as?: string;
    key?: string;
    method?: string;
    json?: unknown;
    body?: string;
    contentType?: string;
    params?: Record<string, string>;
  } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.as) headers.cookie = await sessionCookie(options.as);
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] = "application/json";
  } else if (options.body !== undefined) {
    body = options.body;
    headers["content-type"] = options.contentType ?? "text/csv";
  }
  const req = new NextRequest(new URL(path, "http://localhost:3000"), {
    method: options.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}
