"use server";

import { revalidatePath } from "next/cache";
import { orgAccessBySlug } from "@/lib/auth/membership";
import { can } from "@/lib/auth/roles";
import { currentUserId } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { saveSubscription } from "@/lib/digest/db/subscriptions";
import { subscriptionFormSchema } from "@/lib/digest/settings";

export interface SaveState {
  ok: boolean;
  message: string;
}

export async function saveNotifications(
  orgSlug: string,
  _previous: SaveState | null,
  form: FormData,
): Promise<SaveState> {
  const userId = await currentUserId();
  if (!userId) return { ok: false, message: "Sign in again to change your settings." };
  const access = await orgAccessBySlug(userId, orgSlug);
  if (!access || !can(access.role, "manageOwnDigest"))
    return { ok: false, message: "You are not a member of this organisation." };
  const parsed = subscriptionFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
  await saveSubscription(getDb().pool, { orgId: access.orgId, userId, ...parsed.data });
  revalidatePath(`/o/${orgSlug}/settings/notifications`);
  return { ok: true, message: parsed.data.enabled ? "Saved. Your digest is on." : "Saved. Your digest is off." };
}
