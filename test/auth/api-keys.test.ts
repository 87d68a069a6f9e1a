import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, looksLikeApiKey, maskApiKey } from "@/lib/auth/api-keys";
import { DomainError } from "@/lib/errors";
import { authenticateApiKey } from "@/lib/auth/key-store";
import { createProjectKey, listProjectKeys, revokeProjectKey } from "@/lib/auth/project-keys";
import { useTestDatabase } from "../support/database";
import { addMember, newAccount } from "./fixtures";

const db = useTestDatabase();

describe("API key format", () => {
  it("generates ilk_<8 hex>_<32 base62> keys whose prefix is the visible part", () => {
    const { key, prefix, secretHash } = generateApiKey();
    expect(key).toMatch(/^ilk_[0-9a-f]{8}_[0-9A-Za-z]{32}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(secretHash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it("masks a key to its prefix, never showing the secret", () => {
    const { key, prefix } = generateApiKey();
    const masked = maskApiKey(prefix);
    expect(masked.startsWith(prefix)).toBe(true);
    expect(masked).not.toContain(key.slice(prefix.length + 1));
  });

  it("never generates the same key twice", () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateApiKey().key));
    expect(keys.size).toBe(500);
  });
});

describe("API keys in the database", () => {
  it("stores only the hash and finds the key by it", async () => {
    const owner = await newAccount("keys");
    const { id, key } = await createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, {
      name: "backend",
      scopes: ["ingest", "read"],
    });
    const { rows } = await db.pool.query("SELECT * FROM api_keys WHERE id = $1", [id]);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(key.split("_")[2]);
    expect(rows[0].secret_hash).toBe(hashApiKey(key));

    const principal = await authenticateApiKey(db.pool, key);
    expect(principal).toEqual({
      keyId: id,
      orgId: owner.orgId,
      projectId: owner.projectId,
      scopes: ["ingest", "read"],
    });
  });

  it("refuses unknown, malformed and near-miss keys", async () => {
    const owner = await newAccount("keys");
    const { key } = await createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, {
      name: "backend",
      scopes: ["ingest"],
    });
    const nearMiss = key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
    for (const candidate of [nearMiss, "ilk_nothex00_abc", "", "Bearer " + key, generateApiKey().key]) {
      expect(await authenticateApiKey(db.pool, candidate)).toBeNull();
    }
  });

  it("records when a key was last used", async () => {
    const owner = await newAccount("keys");
    const { id, key } = await createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, {
      name: "backend",
      scopes: ["ingest"],
    });
    await authenticateApiKey(db.pool, key);
    const [row] = await listProjectKeys(owner.userId, owner.orgSlug, owner.projectSlug);
    expect(row?.id).toBe(id);
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("stops authenticating a key once it is revoked, and revoking twice is a not-found", async () => {
    const owner = await newAccount("keys");
    const { id, key } = await createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, {
      name: "backend",
      scopes: ["ingest"],
    });
    expect(await authenticateApiKey(db.pool, key)).not.toBeNull();
    await revokeProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, id);
    expect(await authenticateApiKey(db.pool, key)).toBeNull();
    await expect(revokeProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, id)).rejects.toMatchObject({
      kind: "not_found",
    });
    const [row] = await listProjectKeys(owner.userId, owner.orgSlug, owner.projectSlug);
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it("lists keys masked, with no secret or hash in the result", async () => {
    const owner = await newAccount("keys");
    const { key } = await createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, {
      name: "backend",
      scopes: ["read"],
    });
    const listed = await listProjectKeys(owner.userId, owner.orgSlug, owner.projectSlug);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(key);
    expect(text).not.toContain(hashApiKey(key));
    expect(listed[0]?.masked).toBe(maskApiKey(key.split("_").slice(0, 2).join("_")));
  });
});

describe("creating keys: scopes and roles", () => {
  it("rejects a key with no scope or an unknown scope, naming the field", async () => {
    const owner = await newAccount("scopes");
    await expect(
      createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, { name: "x", scopes: [] }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["scopes"] })],
    });
    await expect(
      createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, { name: "x", scopes: ["write"] }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["scopes", 0] })],
    });
    await expect(
      createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, { name: " ", scopes: ["read"] }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"] })],
    });
  });

  it("lets an engineer mint ingest and read keys but not admin keys", async () => {
    const owner = await newAccount("scopes");
    const engineer = await addMember(owner.orgId, "engineer");
    await expect(
      createProjectKey(engineer.userId, owner.orgSlug, owner.projectSlug, { name: "e", scopes: ["ingest", "read"] }),
    ).resolves.toHaveProperty("key");
    await expect(
      createProjectKey(engineer.userId, owner.orgSlug, owner.projectSlug, { name: "e", scopes: ["admin"] }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });

  it.each(["viewer", "finance"] as const)("refuses a %s creating or revoking keys", async (role) => {
    const owner = await newAccount("scopes");
    const member = await addMember(owner.orgId, role);
    const { id } = await createProjectKey(owner.userId, owner.orgSlug, owner.projectSlug, {
      name: "k",
      scopes: ["ingest"],
    });
    const create = createProjectKey(member.userId, owner.orgSlug, owner.projectSlug, { name: "k", scopes: ["ingest"] });
    await expect(create).rejects.toBeInstanceOf(DomainError);
    await expect(create).rejects.toMatchObject({ kind: "forbidden" });
    await expect(revokeProjectKey(member.userId, owner.orgSlug, owner.projectSlug, id)).rejects.toMatchObject({
      kind: "forbidden",
    });
    const listed = await listProjectKeys(member.userId, owner.orgSlug, owner.projectSlug);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.revokedAt).toBeNull();
  });
});
