import { describe, expect, it } from "vitest";
import { changeMemberRole, leaveOrganization, listMembers, removeMember } from "@/lib/auth/members";
import { orgAccessBySlug } from "@/lib/auth/membership";
import { createProjectIn, listProjects } from "@/lib/auth/projects";
import { useTestDatabase } from "../support/database";
import { addMember, newAccount } from "./fixtures";

useTestDatabase();

describe("members and roles", () => {
  it("lets an owner change a member's role and remove them", async () => {
    const owner = await newAccount("m");
    const member = await addMember(owner.orgId, "viewer");
    await changeMemberRole(owner.userId, owner.orgSlug, member.userId, "engineer");
    expect((await orgAccessBySlug(member.userId, owner.orgSlug))?.role).toBe("engineer");
    await removeMember(owner.userId, owner.orgSlug, member.userId);
    expect(await orgAccessBySlug(member.userId, owner.orgSlug)).toBeNull();
  });

  it("always keeps one owner: the last owner can be neither demoted, removed nor leave", async () => {
    const owner = await newAccount("m");
    await expect(changeMemberRole(owner.userId, owner.orgSlug, owner.userId, "admin")).rejects.toMatchObject({
      issues: [{ path: "role" }],
    });
    await expect(removeMember(owner.userId, owner.orgSlug, owner.userId)).rejects.toMatchObject({
      issues: [{ path: "role" }],
    });
    await expect(leaveOrganization(owner.userId, owner.orgSlug)).rejects.toMatchObject({ issues: [{ path: "role" }] });
    expect((await orgAccessBySlug(owner.userId, owner.orgSlug))?.role).toBe("owner");
  });

  it("lets one of two owners step down, and then not the other", async () => {
    const owner = await newAccount("m");
    const second = await addMember(owner.orgId, "owner");
    await changeMemberRole(owner.userId, owner.orgSlug, owner.userId, "admin");
    await expect(changeMemberRole(second.userId, owner.orgSlug, second.userId, "viewer")).rejects.toMatchObject({
      issues: [{ path: "role" }],
    });
  });

  it("keeps an owner when two owners demote each other at the same time", async () => {
    const owner = await newAccount("m");
    const second = await addMember(owner.orgId, "owner");
    const results = await Promise.allSettled([
      changeMemberRole(owner.userId, owner.orgSlug, second.userId, "admin"),
      changeMemberRole(second.userId, owner.orgSlug, owner.userId, "admin"),
    ]);
    const { members } = await listMembers(owner.userId, owner.orgSlug).catch(() =>
      listMembers(second.userId, owner.orgSlug),
    );
    expect(members.filter((member) => member.role === "owner").length).toBeGreaterThanOrEqual(1);
    expect(results.some((result) => result.status === "fulfilled")).toBe(true);
  });

  it("stops an admin from touching owners or admins, or making anyone an admin", async () => {
    const owner = await newAccount("m");
    const admin = await addMember(owner.orgId, "admin");
    const otherAdmin = await addMember(owner.orgId, "admin");
    const viewer = await addMember(owner.orgId, "viewer");
    await expect(changeMemberRole(admin.userId, owner.orgSlug, owner.userId, "viewer")).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(removeMember(admin.userId, owner.orgSlug, otherAdmin.userId)).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(changeMemberRole(admin.userId, owner.orgSlug, viewer.userId, "admin")).rejects.toMatchObject({
      kind: "forbidden",
    });
    await changeMemberRole(admin.userId, owner.orgSlug, viewer.userId, "finance");
    expect((await orgAccessBySlug(viewer.userId, owner.orgSlug))?.role).toBe("finance");
  });

  it.each(["engineer", "finance", "viewer"] as const)(
    "refuses a %s changing roles, removing members or creating projects",
    async (role) => {
      const owner = await newAccount("m");
      const actor = await addMember(owner.orgId, role);
      const target = await addMember(owner.orgId, "viewer", "target");
      await expect(changeMemberRole(actor.userId, owner.orgSlug, target.userId, "engineer")).rejects.toMatchObject({
        kind: "forbidden",
      });
      await expect(removeMember(actor.userId, owner.orgSlug, target.userId)).rejects.toMatchObject({
        kind: "forbidden",
      });
      await expect(createProjectIn(actor.userId, owner.orgSlug, { name: "Sneaky" })).rejects.toMatchObject({
        kind: "forbidden",
      });
      expect((await orgAccessBySlug(target.userId, owner.orgSlug))?.role).toBe("viewer");
      expect(await listProjects(actor.userId, owner.orgSlug)).toHaveLength(1);
    },
  );

  it("answers not-found for an unknown or malformed member id, and rejects an unknown role", async () => {
    const owner = await newAccount("m");
    const member = await addMember(owner.orgId, "viewer");
    await expect(
      changeMemberRole(owner.userId, owner.orgSlug, "00000000-0000-4000-8000-000000000000", "viewer"),
    ).rejects.toMatchObject({ kind: "not_found" });
    await expect(removeMember(owner.userId, owner.orgSlug, "'; DROP TABLE users; --")).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(changeMemberRole(owner.userId, owner.orgSlug, member.userId, "superuser")).rejects.toMatchObject({
      name: "ZodError",
    });
  });

  it("creates projects with unique slugs per organisation", async () => {
    const owner = await newAccount("m");
    const first = await createProjectIn(owner.userId, owner.orgSlug, { name: "Staging" });
    const second = await createProjectIn(owner.userId, owner.orgSlug, { name: "Staging" });
    expect(first.slug).toBe("staging");
    expect(second.slug).not.toBe("staging");
    expect((await listProjects(owner.userId, owner.orgSlug)).map((project) => project.name)).toEqual([
      "Production",
      "Staging",
      "Staging",
    ]);
    await expect(createProjectIn(owner.userId, owner.orgSlug, { name: "   " })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"] })],
    });
  });
});
