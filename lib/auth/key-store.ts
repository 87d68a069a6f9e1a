import type { Pool } from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generateApiKey, hashApiKey, looksLikeApiKey, type KeyScope } from "./api-keys";

export interface KeyPrincipal {
  keyId: string;
  orgId: string;
  projectId: string;
  scopes: KeyScope[];
}

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
}

export async function createApiKey(
  prisma: PrismaClient,
  input: { orgId: string; projectId: string; name: string; scopes: KeyScope[]; createdBy: string | null },
): Promise<CreatedKey> {
  const generated = generateApiKey();
  const row = await prisma.apiKey.create({
    data: {
      orgId: input.orgId,
      projectId: input.projectId,
      name: input.name,
      scopes: input.scopes,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      createdBy: input.createdBy,
    },
    select: { id: true },
  });
  return { id: row.id, key: generated.key, prefix: generated.prefix };
}

// last_used_at is written at most once a minute per key so the ingest path is not a write per request.
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const lastUsedWrites = new Map<string, number>();

/** The active key behind a bearer token, or null (unknown, malformed or revoked). */
export async function authenticateApiKey(pool: Pool, rawKey: string): Promise<KeyPrincipal | null> {
  if (!looksLikeApiKey(rawKey)) return null;
  const { rows } = await pool.query<{ id: string; org_id: string; project_id: string; scopes: KeyScope[] }>(
    "SELECT id, org_id, project_id, scopes FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL",
    [hashApiKey(rawKey)],
  );
  const row = rows[0];
  if (!row) return null;
  const now = Date.now();
  if (now - (lastUsedWrites.get(row.id) ?? 0) > LAST_USED_WRITE_INTERVAL_MS) {
    lastUsedWrites.set(row.id, now);
    await pool.query("UPDATE api_keys SET last_used_at = now() WHERE id = $1", [row.id]);
  }
  return { keyId: row.id, orgId: row.org_id, projectId: row.project_id, scopes: row.scopes };
}
