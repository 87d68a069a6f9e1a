import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { invalidField } from "@/lib/errors";
import { mailExistingAccountOwner } from "./account-mail";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";
import { reserveAddressAttempt } from "./sign-in";
import { isRole, type Role } from "./roles";
import { slugify, uniqueSlug } from "./slug";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "required").max(100),
  email: z.email("must be an email address").transform((email) => email.toLowerCase()),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
  organization: z.string().trim().min(1, "required").max(100),
});
type SignUpInput = z.infer<typeof signUpSchema>;

export interface CreatedAccount {
  userId: string;
  orgId: string;
  orgSlug: string;
  projectId: string;
  projectSlug: string;
}

/** Sign-up for operators (CLI, demo): a user, their organisation (they own it) and its first project. */
export async function signUp(input: SignUpInput, options: { isDemo?: boolean } = {}): Promise<CreatedAccount> {
  const existing = await getDb().prisma.user.findUnique({ where: { email: input.email } });
  if (existing) throw invalidField("email", "an account with this email already exists");
  return createAccount(input, await hashPassword(input.password), options.isDemo ?? false);
}

/**
 * Public sign-up, which must not tell whether an email is registered: it answers the same
 * either way and does the same scrypt work; for a registered email it creates nothing and mails
 * the owner instead (in the background, so a slow mail server does not tell either). Each one
 * counts against the client address's password-attempt budget, as a sign-in does.
 */
export async function requestSignUp(
  input: SignUpInput,
  client: { address: string },
  notify: typeof mailExistingAccountOwner = mailExistingAccountOwner,
): Promise<void> {
  await reserveAddressAttempt(client.address, "Too many sign-up attempts from this address");
  const { prisma, pool } = getDb();
  const passwordHash = await hashPassword(input.password);
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
  if (!existing) {
    try {
      await createAccount(input, passwordHash, false);
      return;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // a concurrent sign-up took the email
    }
  }
  const owner =
    existing ??
    (await prisma.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true, email: true } }));
  notify(pool, owner).catch((error) => console.error("[sign-up] could not mail the existing account's owner", error));
}

function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "P2002" || code === "23505";
}

async function createAccount(input: SignUpInput, passwordHash: string, isDemo: boolean): Promise<CreatedAccount> {
  return getDb().prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    const org = await tx.organization.create({
      data: { name: input.organization, slug: uniqueSlug(input.organization), isDemo },
    });
    await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: "owner" } });
    const project = await tx.project.create({ data: { orgId: org.id, name: "Production", slug: "production" } });
    return { userId: user.id, orgId: org.id, orgSlug: org.slug, projectId: project.id, projectSlug: project.slug };
  });
}

/** First OAuth sign-in creates the user and a personal organisation; later ones find the user. */
export async function upsertOAuthUser(email: string, name: string | null): Promise<string> {
  const { prisma } = getDb();
  const normalized = email.toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email: normalized } });
  if (existing) return existing.id;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: normalized, name } });
    const org = await tx.organization.create({
      data: { name: `${name ?? normalized}'s organisation`, slug: uniqueSlug(name ?? normalized) },
    });
    await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: "owner" } });
    await tx.project.create({ data: { orgId: org.id, name: "Production", slug: "production" } });
    return user.id;
  });
}

const INVITATION_TTL_DAYS = 14;

function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createInvitation(input: {
  orgId: string;
  role: Role;
  email: string | null;
  createdBy: string;
}): Promise<{ id: string; token: string }> {
  if (input.role === "owner") throw invalidField("role", "owners cannot be invited; promote a member instead");
  const token = randomBytes(24).toString("base64url");
  const row = await getDb().prisma.invitation.create({
    data: {
      orgId: input.orgId,
      role: input.role,
      email: input.email?.toLowerCase() ?? null,
      tokenHash: hashInvitationToken(token),
      createdBy: input.createdBy,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
    },
  });
  return { id: row.id, token };
}

interface OpenInvitation {
  id: string;
  orgId: string;
  orgName: string;
  orgSlug: string;
  role: Role;
  email: string | null;
}

export async function findOpenInvitation(token: string): Promise<OpenInvitation | null> {
  const row = await getDb().prisma.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { org: { select: { name: true, slug: true } } },
  });
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt < new Date() || !isRole(row.role)) return null;
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.org.name,
    orgSlug: row.org.slug,
    role: row.role,
    email: row.email,
  };
}

/** Accepting twice, or an invitation meant for another email, changes nothing. */
export async function acceptInvitation(token: string, userId: string): Promise<OpenInvitation> {
  const { prisma } = getDb();
  const invitation = await findOpenInvitation(token);
  if (!invitation) throw invalidField("token", "this invitation is invalid, expired or already used");
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (invitation.email && invitation.email !== user.email) {
    throw invalidField("email", `this invitation is for ${invitation.email}`);
  }
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedBy: userId },
    });
    if (claimed.count !== 1) throw invalidField("token", "this invitation was already used");
    await tx.membership.upsert({
      where: { orgId_userId: { orgId: invitation.orgId, userId } },
      create: { orgId: invitation.orgId, userId, role: invitation.role },
      update: {},
    });
  });
  return invitation;
}

export const inviteeSignUpSchema = signUpSchema.omit({ organization: true });
type InviteeSignUpInput = z.infer<typeof inviteeSignUpSchema>;

/**
 * Sign-up through an invitation: the new user joins the inviting organisation instead of
 * creating one. Validation of the invitation happens before the user exists, so a bad token
 * leaves no orphan account.
 */
export async function signUpWithInvitation(input: InviteeSignUpInput, token: string): Promise<OpenInvitation> {
  const { prisma } = getDb();
  const invitation = await findOpenInvitation(token);
  if (!invitation) throw invalidField("token", "this invitation is invalid, expired or already used");
  if (invitation.email && invitation.email !== input.email) {
    throw invalidField("email", `this invitation is for ${invitation.email}`);
  }
  if (await prisma.user.findUnique({ where: { email: input.email } })) {
    throw invalidField("email", "an account with this email already exists: log in to accept the invitation");
  }
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedBy: user.id },
    });
    if (claimed.count !== 1) throw invalidField("token", "this invitation was already used");
    await tx.membership.create({ data: { orgId: invitation.orgId, userId: user.id, role: invitation.role } });
  });
  return invitation;
}

export async function createProject(orgId: string, name: string): Promise<{ id: string; slug: string }> {
  const { prisma } = getDb();
  const base = slugify(name);
  const taken = await prisma.project.count({ where: { orgId, slug: base } });
  const project = await prisma.project.create({ data: { orgId, name, slug: taken ? uniqueSlug(name) : base } });
  return { id: project.id, slug: project.slug };
}
