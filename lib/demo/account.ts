import { getDb } from "@/lib/db/client";
import { signUp } from "@/lib/auth/accounts";

/** The demo login, printed by the launcher and shown on the login page in demo mode only. */
export const DEMO_CREDENTIALS = { email: "demo@inferledger.dev", password: "inferledger-demo" } as const;

export async function isDemoInstance(): Promise<boolean> {
  return (await getDb().prisma.organization.count({ where: { isDemo: true } })) > 0;
}

/** Creates the demo organisation, user and project on an empty database; otherwise does nothing. */
export async function ensureDemoAccount(): Promise<{ created: boolean; projectId: string | null }> {
  const { prisma } = getDb();
  if ((await prisma.organization.count()) > 0) return { created: false, projectId: null };
  const account = await signUp(
    { name: "Demo User", email: DEMO_CREDENTIALS.email, password: DEMO_CREDENTIALS.password, organization: "Demo Co" },
    { isDemo: true },
  );
  return { created: true, projectId: account.projectId };
}
