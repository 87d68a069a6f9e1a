import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { signUp, type CreatedAccount } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

/** Accounts for auth tests: a fresh owner with an organisation and its first project. */
export async function newAccount(label = "org"): Promise<CreatedAccount & { email: string }> {
  const email = `${label}-${randomBytes(4).toString("hex")}@example.test`;
  const account = await signUp({
    name: `${label} owner`,
    email,
    password: "a long password 1",
    organization: `${label} Inc`,
  });
  return { ...account, email };
}

/** A user who is a member of an existing organisation with the given role. */
export async function addMember(
  orgId: string,
  role: Role,
  label: string = role,
): Promise<{ userId: string; email: string }> {
  const { prisma } = getDb();
  const email = `${label}-${randomBytes(4).toString("hex")}@example.test`;
  const user = await prisma.user.create({ data: { email, name: label } });
  await prisma.membership.create({ data: { orgId, userId: user.id, role } });
  return { userId: user.id, email };
}

/** The cookie next-auth sets for a signed-in user, signed with `secret` (the app's AUTH_SECRET). */
export async function signedSessionCookie(userId: string, email: string, secret: string): Promise<string> {
  const token = await encode({ token: { sub: userId, email }, secret });
  return `next-auth.session-token=${token}`;
}
