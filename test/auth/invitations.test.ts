import { describe, expect, it } from "vitest";
import { acceptInvitation, findOpenInvitation, signUpWithInvitation } from "@/lib/auth/accounts";
import { inviteMember, listMembers, revokeInvitation } from "@/lib/auth/members";
import { orgAccessBySlug } from "@/lib/auth/membership";
import { useTestDatabase } from "../support/database";
import { addMember, newAccount } from "./fixtures";

const db = useTestDatabase();

describe("invitations", () => {
  it("lets a signed-in user accept once, with the invited role", async () => {
    const owner = await newAccount("inv");
    const guest = await newAccount("guest");
    const { token } = await inviteMember(owner.userId, owner.orgSlug, { role: "viewer", email: "" });
    expect((await findOpenInvitation(token))?.role).toBe("viewer");

    await acceptInvitation(token, guest.userId);
    expect((await orgAccessBySlug(guest.userId, owner.orgSlug))?.role).toBe("viewer");
    expect(await findOpenInvitation(token)).toBeNull();
    await expect(acceptInvitation(token, guest.userId)).rejects.toMatchObject({ issues: [{ path: "token" }] });
  });

  it("refuses an expired invitation", async () => {
    const owner = await newAccount("inv");
    const guest = await newAccount("guest");
    const { token } = await inviteMember(owner.userId, owner.orgSlug, { role: "engineer" });
    await db.pool.query("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE org_id = $1", [
      owner.orgId,
    ]);
    await expect(acceptInvitation(token, guest.userId)).rejects.toMatchObject({ issues: [{ path: "token" }] });
    expect(await orgAccessBySlug(guest.userId, owner.orgSlug)).toBeNull();
  });

  it("refuses a revoked invitation", async () => {
    const owner = await newAccount("inv");
    const guest = await newAccount("guest");
    const { token } = await inviteMember(owner.userId, owner.orgSlug, { role: "engineer" });
    const { invitations } = await listMembers(owner.userId, owner.orgSlug);
    await revokeInvitation(owner.userId, owner.orgSlug, invitations[0]!.id);
    await expect(acceptInvitation(token, guest.userId)).rejects.toMatchObject({ issues: [{ path: "token" }] });
    expect(await orgAccessBySlug(guest.userId, owner.orgSlug)).toBeNull();
  });

  it("refuses an invitation addressed to another email, and leaves it usable by the right person", async () => {
    const owner = await newAccount("inv");
    const stranger = await newAccount("stranger");
    const intended = await newAccount("intended");
    const { token } = await inviteMember(owner.userId, owner.orgSlug, {
      role: "finance",
      email: intended.email.toUpperCase(),
    });
    await expect(acceptInvitation(token, stranger.userId)).rejects.toMatchObject({ issues: [{ path: "email" }] });
    expect(await orgAccessBySlug(stranger.userId, owner.orgSlug)).toBeNull();
    await acceptInvitation(token, intended.userId);
    expect((await orgAccessBySlug(intended.userId, owner.orgSlug))?.role).toBe("finance");
  });

  it("refuses an unknown token", async () => {
    const guest = await newAccount("guest");
    await expect(acceptInvitation("not-a-real-token", guest.userId)).rejects.toMatchObject({
      issues: [{ path: "token" }],
    });
  });

  it("signs up a new user into the inviting organisation without creating one of their own", async () => {
    const owner = await newAccount("inv");
    const { token } = await inviteMember(owner.userId, owner.orgSlug, { role: "viewer" });
    const joined = await signUpWithInvitation(
      { name: "New Viewer", email: "new.viewer@example.test", password: "a long password 2" },
      token,
    );
    expect(joined.orgSlug).toBe(owner.orgSlug);
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: "new.viewer@example.test" },
      include: { memberships: true },
    });
    expect(user.memberships).toEqual([expect.objectContaining({ orgId: owner.orgId, role: "viewer" })]);
    await expect(
      signUpWithInvitation({ name: "Again", email: "again@example.test", password: "a long password 2" }, token),
    ).rejects.toMatchObject({ issues: [{ path: "token" }] });
    expect(await db.prisma.user.findUnique({ where: { email: "again@example.test" } })).toBeNull();
  });

  it("refuses sign-up through an invitation meant for another email and creates no user", async () => {
    const owner = await newAccount("inv");
    const { token } = await inviteMember(owner.userId, owner.orgSlug, { role: "viewer", email: "right@example.test" });
    await expect(
      signUpWithInvitation({ name: "Wrong", email: "wrong@example.test", password: "a long password 2" }, token),
    ).rejects.toMatchObject({ issues: [{ path: "email" }] });
    expect(await db.prisma.user.findUnique({ where: { email: "wrong@example.test" } })).toBeNull();
  });

  it("never invites an owner, and an admin cannot invite an admin", async () => {
    const owner = await newAccount("inv");
    const admin = await addMember(owner.orgId, "admin");
    await expect(inviteMember(owner.userId, owner.orgSlug, { role: "owner" })).rejects.toMatchObject({
      issues: [{ path: "role" }],
    });
    await expect(inviteMember(admin.userId, owner.orgSlug, { role: "admin" })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(inviteMember(admin.userId, owner.orgSlug, { role: "engineer" })).resolves.toHaveProperty("token");
  });

  it.each(["engineer", "finance", "viewer"] as const)("refuses a %s inviting anyone", async (role) => {
    const owner = await newAccount("inv");
    const member = await addMember(owner.orgId, role);
    await expect(inviteMember(member.userId, owner.orgSlug, { role: "viewer" })).rejects.toMatchObject({
      kind: "forbidden",
    });
    const invitations = await db.prisma.invitation.count({ where: { orgId: owner.orgId } });
    expect(invitations).toBe(0);
  });

  it("rejects a malformed email with the field named", async () => {
    const owner = await newAccount("inv");
    await expect(
      inviteMember(owner.userId, owner.orgSlug, { role: "viewer", email: "not-an-email" }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["email"] })],
    });
  });
});
