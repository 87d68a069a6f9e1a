"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { currentUserId } from "@/lib/auth/session";
import { updateProjectAttribution } from "@/lib/otlp/project-attribution";

const target = z.object({ org: z.string().max(200), project: z.string().max(200) });

/** Session first, then membership and role inside updateProjectAttribution. */
export async function saveAttributionAction(input: unknown): Promise<ActionResult> {
  return runAction(await currentUserId(), async (userId) => {
    const { org, project } = target.parse(input);
    await updateProjectAttribution(userId, org, project, input);
    revalidatePath(`/o/${org}/p/${project}/send-data`);
    return null;
  });
}
