import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalidField, notFound } from "@/lib/errors";
import { createInvitation } from "./accounts";
import { authorizeOrg, forbidden } from "./authorize";
import { orgAccessBySlug, type OrgAccess } from "./membership";
import { canAssignRole, isRole, ROLES, type Role } from "./roles";

/**
 * Members and invitations of one organisation. Every function takes the acting user first and
 * authorises through their membership; an organisation always keeps at least one owner.
 */
interface MemberRow {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: Date;
}

interface InvitationRow {
  id: string;
  email: string | null;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
}

export async function listMembers(
  userId: string,
  orgSlug: string,
): Promise<{ access: OrgAccess; members: MemberRow[]; invitations: InvitationRow[] }> {
  const access = await authorizeOrg(userId, orgSlug, "view", "see members");
  const { prisma } = getDb();
  const [memberships, invitations] = await Promise.all([
    prisma.membership.findMany({
      where: { orgId: access.orgId },
      include: { user: { select: { name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    }),
    prisma.invitation.findMany({
      where: { orgId: access.orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    access,
    members: memberships.flatMap((m) =>
      isRole(m.role)
        ? [{ userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt }]
        : [],
    ),
    invitations: invitations.flatMap((i) =>
      isRole(i.role)
        ? [{ id: i.id, email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt }]
        : [],
    ),
  };
}

const roleSchema = z.enum(ROLES, { error: "must be one of owner, admin, engineer, finance, viewer" });

const inviteSchema = z.object({
  role: roleSchema,
  email: z
    .union([z.literal(""), z.email("must be an email address")])
    .optional()
    .transform((email) => (email ? email.toLowerCase() : null)),
});

export async function inviteMember(
  userId: string,
  orgSlug: string,
  input: unknown,
): Promise<{ token: string; role: Role; email: string | null }> {
  const access = await authorizeOrg(userId, orgSlug, "manageMembers", "invite members");
  const { role, email } = inviteSchema.parse(input);
  if (!canAssignRole(access.role, role)) throw forbidden(access.role, `invite someone as ${role}`);
  const { token } = await createInvitation({ orgId: access.orgId, role, email, createdBy: userId });
  return { token, role, email };
}

export async function revokeInvitation(userId: string, orgSlug: string, invitationId: string): Promise<void> {
  const access = await authorizeOrg(userId, orgSlug, "manageMembers", "revoke invitations");
  const result = await getDb().prisma.invitation.updateMany({
    where: { id: uuidOrNil(invitationId), orgId: access.orgId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count !== 1) throw notFound("No such open invitation");
}

export async function changeMemberRole(
  userId: string,
  orgSlug: string,
  targetUserId: string,
  newRole: unknown,
): Promise<void> {
  const access = await authorizeOrg(userId, orgSlug, "manageMembers", "change roles");
  const role = roleSchema.parse(newRole);
  await getDb().prisma.$transaction(async (tx) => {
    const current = await targetRole(tx, access, targetUserId);
    if (!canAssignRole(access.role, current) || !canAssignRole(access.role, role)) {
      throw forbidden(access.role, `change a ${current} into ${role}`);
    }
    if (current === "owner" && role !== "owner") await keepAnOwner(tx, access.orgId, targetUserId);
    await tx.membership.update({
      where: { orgId_userId: { orgId: access.orgId, userId: targetUserId } },
      data: { role },
    });
  });
}

export async function removeMember(userId: string, orgSlug: string, targetUserId: string): Promise<void> {
  const access = await authorizeOrg(userId, orgSlug, "manageMembers", "remove members");
  await getDb().prisma.$transaction(async (tx) => {
    const current = await targetRole(tx, access, targetUserId);
    if (!canAssignRole(access.role, current)) throw forbidden(access.role, `remove a ${current}`);
    if (current === "owner") await keepAnOwner(tx, access.orgId, targetUserId);
    await tx.membership.delete({ where: { orgId_userId: { orgId: access.orgId, userId: targetUserId } } });
  });
}

/** Any member may leave, except the last owner. */
export async function leaveOrganization(userId: string, orgSlug: string): Promise<void> {
  const access = await orgAccessBySlug(userId, orgSlug);
  if (!access) throw notFound("No such organisation");
  await getDb().prisma.$transaction(async (tx) => {
    if (access.role === "owner") await keepAnOwner(tx, access.orgId, userId);
    await tx.membership.delete({ where: { orgId_userId: { orgId: access.orgId, userId } } });
  });
}

type Tx = Prisma.TransactionClient;

async function targetRole(tx: Tx, access: OrgAccess, targetUserId: string): Promise<Role> {
  const membership = await tx.membership.findUnique({
    where: { orgId_userId: { orgId: access.orgId, userId: uuidOrNil(targetUserId) } },
  });
  if (!membership || !isRole(membership.role)) throw notFound("No such member");
  return membership.role;
}

/**
 * Locks the owners' rows so two concurrent demotions cannot both pass the check and leave the
 * organisation without an owner.
 */
async function keepAnOwner(tx: Tx, orgId: string, leavingUserId: string): Promise<void> {
  const owners = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM memberships WHERE org_id = ${orgId}::uuid AND role = 'owner' FOR UPDATE`;
  if (!owners.some((owner) => owner.user_id !== leavingUserId)) {
    throw invalidField("role", "an organisation needs at least one owner: promote another member first");
  }
}

const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/** Ids come from forms; a malformed one must be a clean not-found, not a database error. */
export function uuidOrNil(value: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : NIL_UUID;
}
