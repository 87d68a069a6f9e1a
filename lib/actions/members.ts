"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { changeMemberRole, inviteMember, removeMember, revokeInvitation } from "@/lib/auth/members";
import { currentUserId } from "@/lib/auth/session";

/** Every action resolves the session first; lib/auth/members checks membership and role. */
const target = z.object({ org: z.string().max(200) });
const id = z.string().max(100);

function refresh(org: string) {
  revalidatePath(`/o/${org}/settings/members`);
}

export async function inviteMemberAction(input: unknown): Promise<ActionResult<{ token: string }>> {
  return runAction(await currentUserId(), async (userId) => {
    const { org } = target.parse(input);
    const { token } = await inviteMember(userId, org, input);
    refresh(org);
    return { token };
  });
}

export async function revokeInvitationAction(input: unknown): Promise<ActionResult> {
  return runAction(await currentUserId(), async (userId) => {
    const { org, invitationId } = target.extend({ invitationId: id }).parse(input);
    await revokeInvitation(userId, org, invitationId);
    refresh(org);
    return null;
  });
}

export async function changeRoleAction(input: unknown): Promise<ActionResult> {
  return runAction(await currentUserId(), async (userId) => {
    const { org, memberId, role } = target.extend({ memberId: id, role: z.string().max(20) }).parse(input);
    await changeMemberRole(userId, org, memberId, role);
    refresh(org);
    return null;
  });
}

export async function removeMemberAction(input: unknown): Promise<ActionResult> {
  return runAction(await currentUserId(), async (userId) => {
    const { org, memberId } = target.extend({ memberId: id }).parse(input);
    await removeMember(userId, org, memberId);
    refresh(org);
    return null;
  });
}
