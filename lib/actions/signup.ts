"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { clientAddress } from "@/lib/rate-limit/client-address";
import {
  inviteeSignUpSchema,
  requestSignUp,
  signUpSchema,
  signUpWithInvitation,
  acceptInvitation,
} from "@/lib/auth/accounts";
import { runAction, toActionError, type ActionResult } from "@/lib/auth/action-result";
import { currentUserId } from "@/lib/auth/session";

/**
 * Creates the account (and its organisation), or mails the owner of an existing one: the answer
 * is the same either way. The browser then signs in with the password it chose.
 */
export async function signUpAction(input: unknown): Promise<ActionResult<null>> {
  try {
    await requestSignUp(signUpSchema.parse(input), { address: clientAddress(await headers()) });
    return { ok: true, data: null };
  } catch (error) {
    return toActionError(error);
  }
}

export async function signUpWithInvitationAction(input: unknown): Promise<ActionResult<{ orgSlug: string }>> {
  try {
    const token = z.object({ token: z.string().min(1).max(200) }).parse(input).token;
    const invitation = await signUpWithInvitation(inviteeSignUpSchema.parse(input), token);
    return { ok: true, data: { orgSlug: invitation.orgSlug } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ orgSlug: string }>> {
  return runAction(await currentUserId(), async (userId) => {
    const { token } = z.object({ token: z.string().min(1).max(200) }).parse(input);
    const invitation = await acceptInvitation(token, userId);
    return { orgSlug: invitation.orgSlug };
  });
}
