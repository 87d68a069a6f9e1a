import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { KEY_SCOPES, maskApiKey, type KeyScope } from "./api-keys";
import { notFound } from "@/lib/errors";
import { authorizeProject, forbidden } from "./authorize";
import { createApiKey } from "./key-store";
import { uuidOrNil } from "./members";
import { canGrantKeyScope } from "./roles";

/** API keys of one project, as the settings page and its server actions see them. */
interface KeyRow {
  id: string;
  name: string;
  masked: string;
  scopes: KeyScope[];
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listProjectKeys(userId: string, orgSlug: string, projectSlug: string): Promise<KeyRow[]> {
  const access = await authorizeProject(userId, orgSlug, projectSlug, "view", "see API keys");
  const keys = await getDb().prisma.apiKey.findMany({
    where: { projectId: access.projectId },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      creator: { select: { name: true, email: true } },
    },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    masked: maskApiKey(k.prefix),
    scopes: k.scopes.filter((s): s is KeyScope => (KEY_SCOPES as readonly string[]).includes(s)),
    createdAt: k.createdAt,
    createdBy: k.creator?.name ?? k.creator?.email ?? null,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }));
}

const createKeySchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "must be at most 80 characters"),
  scopes: z
    .array(z.enum(KEY_SCOPES))
    .min(1, "choose at least one scope")
    .transform((scopes) => [...new Set(scopes)]),
});

/** Returns the full key: the only moment it exists outside the caller's hands. */
export async function createProjectKey(
  userId: string,
  orgSlug: string,
  projectSlug: string,
  input: unknown,
): Promise<{ id: string; key: string }> {
  const access = await authorizeProject(userId, orgSlug, projectSlug, "manageApiKeys", "create API keys");
  const { name, scopes } = createKeySchema.parse(input);
  const refused = scopes.find((scope) => !canGrantKeyScope(access.role, scope));
  if (refused) throw forbidden(access.role, `create a key with the ${refused} scope`);
  const created = await createApiKey(getDb().prisma, {
    orgId: access.orgId,
    projectId: access.projectId,
    name,
    scopes,
    createdBy: userId,
  });
  return { id: created.id, key: created.key };
}

export async function revokeProjectKey(
  userId: string,
  orgSlug: string,
  projectSlug: string,
  keyId: string,
): Promise<void> {
  const access = await authorizeProject(userId, orgSlug, projectSlug, "manageApiKeys", "revoke API keys");
  const result = await getDb().prisma.apiKey.updateMany({
    where: { id: uuidOrNil(keyId), projectId: access.projectId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count !== 1) throw notFound("No such active key in this project");
}
