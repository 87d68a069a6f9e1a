import pg from "pg";
import { afterAll } from "vitest";
import { NextRequest } from "next/server";
import { createApiKey } from "@/lib/auth/key-store";
import type { KeyScope } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { ingestBatch } from "@/lib/ingest/ingest";

let counter = 0;

afterAll(() => closeIngestPools());

export interface Tenant {
  orgId: string;
  projectId: string;
  readKey: string;
  ingestKey: string;
}

export async function createTenant(db: Database, timezone = "UTC"): Promise<Tenant> {
  const slug = `analytics-${process.pid}-${++counter}`;
  const org = await db.prisma.organization.create({ data: { name: slug, slug, timezone } });
  const project = await db.prisma.project.create({ data: { orgId: org.id, name: "Main", slug: "main" } });
  const key = (scopes: KeyScope[]) =>
    createApiKey(db.prisma, { orgId: org.id, projectId: project.id, name: scopes.join("+"), scopes, createdBy: null });
  return {
    orgId: org.id,
    projectId: project.id,
    readKey: (await key(["read"])).key,
    ingestKey: (await key(["ingest"])).key,
  };
}

// Ingestion uses a named prepared statement; PGlite serves every connection from one session,
// so a second connection preparing the same name fails. One dedicated connection avoids that.
const ingestPools = new Map<string, pg.Pool>();
function ingestPool(db: Database & { url?: string }): pg.Pool {
  const url = db.url ?? "";
  let pool = ingestPools.get(url);
  if (!pool) ingestPools.set(url, (pool = new pg.Pool({ connectionString: url, max: 1 })));
  return pool;
}

export async function closeIngestPools(): Promise<void> {
  await Promise.all([...ingestPools.values()].map((pool) => pool.end()));
  ingestPools.clear();
}

/** Ingests through the real ingestion module and fails the test on any rejected event. */
export async function ingest(db: Database, projectId: string, events: Record<string, unknown>[], now = Date.now()) {
  const result = await ingestBatch(ingestPool(db), projectId, events, now);
  const rejected = result.results.filter((item) => item.status === "rejected");
  if (rejected.length) throw new Error(`rejected: ${JSON.stringify(rejected.slice(0, 3))}`);
  return result;
}

let ids = 0;
export function usage(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    type: "usage",
    event_id: `a-${process.pid}-${++ids}`,
    occurred_at: new Date().toISOString(),
    customer: "acme",
    feature: "support-bot",
    provider: "openai",
    model: "gpt-4o",
    tokens: { input: 1000, output: 100 },
    ...overrides,
  };
}

export const dayAt = (day: string, hour = 12) => `${day}T${String(hour).padStart(2, "0")}:00:00Z`;

// Route answers are read as loose JSON in assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function callRoute(
  handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  path: string,
  key: string | null,
): Promise<{ status: number; text: string; json: Json; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await handler(new NextRequest(`http://localhost${path}`, { headers }), { params: Promise.resolve({}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, text, json, headers: res.headers };
}
