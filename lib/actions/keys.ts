"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { createProjectKey, revokeProjectKey } from "@/lib/auth/project-keys";
import { currentUserId } from "@/lib/auth/session";

const target = z.object({ org: z.string().max(200), project: z.string().max(200) });

/** Session first, then membership and role inside createProjectKey; the key is returned once. */
export async function createKeyAction(input: unknown): Promise<ActionResult<{ key: string }>> {
  const result = await runAction(await currentUserId(), async (userId) => {
    const { org, project } = target.parse(input);
    const created = await createProjectKey(userId, org, project, input);
    revalidatePath(`/o/${org}/p/${project}/settings/keys`);
    return { key: created.key };
  });
  return result;
}

export async function revokeKeyAction(input: unknown): Promise<ActionResult> {
  return runAction(await currentUserId(), async (userId) => {
    const { org, project, keyId } = target.extend({ keyId: z.string().max(100) }).parse(input);
    await revokeProjectKey(userId, org, project, keyId);
    revalidatePath(`/o/${org}/p/${project}/settings/keys`);
    return null;
  });
}
