import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "./options";

/**
 * The signed-in user's id from the next-auth JWT cookie, or null. Every page, layout and
 * server action calls this first, before any tenant query. Cached per request.
 */
export const currentUserId = cache(async (): Promise<string | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  return typeof id === "string" && id ? id : null;
});

interface SessionUser {
  id: string;
  name: string | null;
  email: string | null;
}

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: unknown; name?: string | null; email?: string | null } | undefined;
  if (typeof user?.id !== "string" || !user.id) return null;
  return { id: user.id, name: user.name ?? null, email: user.email ?? null };
});
