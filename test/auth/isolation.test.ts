import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { defineRoute } from "@/lib/api/route";
import { changeMemberRole, inviteMember, listMembers, removeMember, revokeInvitation } from "@/lib/auth/members";
import { orgAccessBySlug, projectAccessById, projectAccessBySlug, userOrganizations } from "@/lib/auth/membership";
import { createProjectKey, listProjectKeys, revokeProjectKey } from "@/lib/auth/project-keys";
import { createProjectIn, listProjects } from "@/lib/auth/projects";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../support/database";
import { newAccount, signedSessionCookie } from "./fixtures";

/**
 * A member of organisation A asks for organisation B's things through the functions the pages
 * and server actions use, and through the API wrapper: every answer is "not found", exactly
 * what a missing project gets, and nothing of B changes.
 */
useTestDatabase();

const SECRET = randomBytes(32).toString("base64url");
let a: Awaited<ReturnType<typeof newAccount>>;
let b: Awaited<ReturnType<typeof newAccount>>;
let bKeyId: string;
let bInvitationId: string;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  a = await newAccount("alpha");
  b = await newAccount("beta");
  bKeyId = (
    await createProjectKey(b.userId, b.orgSlug, b.projectSlug, { name: "beta key", scopes: ["ingest", "read"] })
  ).id;
  await inviteMember(b.userId, b.orgSlug, { role: "viewer" });
  bInvitationId = (await listMembers(b.userId, b.orgSlug)).invitations[0]!.id;
});

describe("tenant isolation in the settings functions", () => {
  it("resolves no access to B's organisation or project for A", async () => {
    expect(await orgAccessBySlug(a.userId, b.orgSlug)).toBeNull();
    expect(await projectAccessBySlug(a.userId, b.orgSlug, b.projectSlug)).toBeNull();
    expect(await projectAccessById(a.userId, b.projectId)).toBeNull();
    // A's own organisation slug with B's project slug finds A's project only if A has one by that name.
    const mixed = await projectAccessBySlug(a.userId, a.orgSlug, b.projectSlug);
    expect(mixed?.projectId ?? null).not.toBe(b.projectId);
    expect((await userOrganizations(a.userId)).map((org) => org.slug)).toEqual([a.orgSlug]);
  });

  it("answers not-found for B's members, invitations and projects", async () => {
    await expect(listMembers(a.userId, b.orgSlug)).rejects.toMatchObject({ kind: "not_found" });
    await expect(inviteMember(a.userId, b.orgSlug, { role: "viewer" })).rejects.toMatchObject({ kind: "not_found" });
    await expect(changeMemberRole(a.userId, b.orgSlug, b.userId, "viewer")).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(removeMember(a.userId, b.orgSlug, b.userId)).rejects.toMatchObject({ kind: "not_found" });
    await expect(revokeInvitation(a.userId, b.orgSlug, bInvitationId)).rejects.toMatchObject({ kind: "not_found" });
    await expect(listProjects(a.userId, b.orgSlug)).rejects.toMatchObject({ kind: "not_found" });
    await expect(createProjectIn(a.userId, b.orgSlug, { name: "intruder" })).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("answers not-found when A names B's member or invitation inside A's own organisation", async () => {
    await expect(changeMemberRole(a.userId, a.orgSlug, b.userId, "viewer")).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(removeMember(a.userId, a.orgSlug, b.userId)).rejects.toMatchObject({ kind: "not_found" });
    await expect(revokeInvitation(a.userId, a.orgSlug, bInvitationId)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("answers not-found for B's keys, even by id through A's own project", async () => {
    await expect(listProjectKeys(a.userId, b.orgSlug, b.projectSlug)).rejects.toMatchObject({ kind: "not_found" });
    await expect(
      createProjectKey(a.userId, b.orgSlug, b.projectSlug, { name: "x", scopes: ["ingest"] }),
    ).rejects.toMatchObject({ kind: "not_found" });
    await expect(revokeProjectKey(a.userId, b.orgSlug, b.projectSlug, bKeyId)).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(revokeProjectKey(a.userId, a.orgSlug, a.projectSlug, bKeyId)).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("left B untouched", async () => {
    const { members, invitations } = await listMembers(b.userId, b.orgSlug);
    expect(members.map((member) => [member.userId, member.role])).toEqual([[b.userId, "owner"]]);
    expect(invitations).toHaveLength(1);
    expect((await listProjectKeys(b.userId, b.orgSlug, b.projectSlug)).map((key) => key.revokedAt)).toEqual([null]);
    expect((await listProjects(b.userId, b.orgSlug)).map((project) => project.name)).toEqual(["Production"]);
  });
});

describe("tenant isolation through defineRoute (route handlers called in-process)", () => {
  const probe = defineRoute({
    auth: { key: "read", session: "view" },
    handler: async ({ projectId }) => ({ projectId }),
  });

  const sessionCookie = (userId: string, email: string) => signedSessionCookie(userId, email, SECRET);

  function request(path: string, headers: Record<string, string> = {}): NextRequest {
    return new NextRequest(new URL(path, "http://localhost:3000"), { headers });
  }

  const noParams = { params: Promise.resolve({}) };

  it("answers 401 without a session or key, before looking anything up", async () => {
    const response = await probe(request(`/api/v1/probe?project=${b.projectId}`), noParams);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("answers 404 to A's session asking for B's project, and 200 for A's own", async () => {
    const cookie = await sessionCookie(a.userId, a.email);
    const foreign = await probe(request(`/api/v1/probe?project=${b.projectId}`, { cookie }), noParams);
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.code).toBe("not_found");
    const own = await probe(request(`/api/v1/probe?project=${a.projectId}`, { cookie }), noParams);
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ projectId: a.projectId });
  });

  it("ignores a project named in the query when the caller uses a key: the key's project wins", async () => {
    const { key } = await createProjectKey(a.userId, a.orgSlug, a.projectSlug, { name: "a read", scopes: ["read"] });
    const response = await probe(
      request(`/api/v1/probe?project=${b.projectId}`, { authorization: `Bearer ${key}` }),
      noParams,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ projectId: a.projectId });
  });

  it("refuses a session cookie signed with another secret", async () => {
    const forged = await encode({ token: { sub: b.userId }, secret: randomBytes(32).toString("base64url") });
    const response = await probe(
      request(`/api/v1/probe?project=${b.projectId}`, { cookie: `next-auth.session-token=${forged}` }),
      noParams,
    );
    expect(response.status).toBe(401);
  });

  it("answers 404 from the real event route for A's session on B's project", async () => {
    const { GET } = await import("@/app/api/v1/events/[event_id]/route");
    const cookie = await sessionCookie(a.userId, a.email);
    const response = await GET(request(`/api/v1/events/evt-1?project=${b.projectId}`, { cookie }), {
      params: Promise.resolve({ event_id: "evt-1" }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe("No such project");
  });
});
