"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { createProjectIn } from "@/lib/auth/projects";
import { currentUserId } from "@/lib/auth/session";

export async function createProjectAction(input: unknown): Promise<ActionResult<{ slug: string }>> {
  return runAction(await currentUserId(), async (userId) => {
    const { org } = z.object({ org: z.string().max(200) }).parse(input);
    const created = await createProjectIn(userId, org, input);
    revalidatePath(`/o/${org}`, "layout");
    return created;
  });
}
