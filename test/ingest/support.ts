import { gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { createApiKey } from "@/lib/auth/key-store";
import type { KeyScope } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { POST } from "@/app/api/v1/events/route";
import { GET } from "@/app/api/v1/events/[event_id]/route";

// Response bodies are read loosely: each test asserts the fields it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let counter = 0;

export interface Tenant {
  orgId: string;
  projectId: string;
  ingestKey: string;
  readKey: string;
}

export async function createTenant(db: Database, timezone = "UTC"): Promise<Tenant> {
  const slug = `org-${process.pid}-${++counter}-${Date.now()}`;
  const org = await db.prisma.organization.create({ data: { name: slug, slug, timezone } });
  const project = await db.prisma.project.create({ data: { orgId: org.id, name: "Main", slug: "main" } });
  const key = (scopes: KeyScope[]) =>
    createApiKey(db.prisma, { orgId: org.id, projectId: project.id, name: scopes.join("+"), scopes, createdBy: null });
  return {
    orgId: org.id,
    projectId: project.id,
    ingestKey: (await key(["ingest"])).key,
    readKey: (await key(["read"])).key,
  };
}

export async function postEvents(
  key: string | null,
  body: unknown,
  options: { gzip?: boolean; raw?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
  const text = options.raw ?? JSON.stringify(body);
  const payload = options.gzip
    ? new Uint8Array(gzipSync(text))
    : typeof text === "string"
      ? text
      : new Uint8Array(text);
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.gzip) headers["content-encoding"] = "gzip";
  const req = new NextRequest("http://localhost/api/v1/events", { method: "POST", headers, body: payload });
  const res = await POST(req, { params: Promise.resolve({}) });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

export async function getEventById(key: string, eventId: string): Promise<{ status: number; json: Json }> {
  const req = new NextRequest(`http://localhost/api/v1/events/${encodeURIComponent(eventId)}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const res = await GET(req, { params: Promise.resolve({ event_id: eventId }) });
  return { status: res.status, json: await res.json() };
}

const minutesAgo = (minutes: number, now = Date.now()) => new Date(now - minutes * 60_000).toISOString();

let idCounter = 0;
export const newEventId = (prefix = "ev") =>
  `${prefix}-${process.pid}-${++idCounter}-${Math.random().toString(36).slice(2, 8)}`;

export function usageEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "usage",
    event_id: newEventId(),
    occurred_at: minutesAgo(1),
    customer: "acme",
    feature: "support-bot",
    provider: "openai",
    model: "gpt-4o",
    tokens: { input: 1000, output: 200 },
    latency_ms: 840,
    ...overrides,
  };
}

export function outcomeEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "outcome",
    event_id: newEventId("out"),
    occurred_at: minutesAgo(1),
    customer: "acme",
    feature: "support-bot",
    outcome: "ticket_resolved",
    quantity: 1,
    value: 0.99,
    ...overrides,
  };
}
