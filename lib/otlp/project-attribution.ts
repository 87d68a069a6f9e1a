/**
 * A project's OpenTelemetry attribution names: read on every export request (cached for 30
 * seconds per process, so a change reaches other processes within that), changed by members
 * who may manage API keys.
 */
import type { Pool } from "pg";
import { z } from "zod";
import { authorizeProject } from "@/lib/auth/authorize";
import { getDb } from "@/lib/db/client";
import { attributeNamesSchema, NO_PROJECT_ATTRIBUTION, type ProjectAttribution } from "./attribution";

const TTL_MS = 30_000;
const cache = new Map<string, { at: number; value: ProjectAttribution }>();

/** As stored now (the settings page). */
export async function readProjectAttribution(pool: Pool, projectId: string): Promise<ProjectAttribution> {
  const { rows } = await pool.query<{ customer: string[]; feature: string[] }>(
    "SELECT otlp_customer_attributes AS customer, otlp_feature_attributes AS feature FROM projects WHERE id = $1",
    [projectId],
  );
  return rows[0] ?? NO_PROJECT_ATTRIBUTION;
}

/** As export requests use it: at most 30 seconds old. */
export async function projectAttribution(pool: Pool, projectId: string, now = Date.now()): Promise<ProjectAttribution> {
  const hit = cache.get(projectId);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = await readProjectAttribution(pool, projectId);
  cache.set(projectId, { at: now, value });
  return value;
}

const attributionInputSchema = z.object({ customer: attributeNamesSchema, feature: attributeNamesSchema });

export async function updateProjectAttribution(
  userId: string,
  orgSlug: string,
  projectSlug: string,
  input: unknown,
): Promise<ProjectAttribution> {
  const access = await authorizeProject(
    userId,
    orgSlug,
    projectSlug,
    "manageApiKeys",
    "change how OpenTelemetry spans are attributed",
  );
  const { customer, feature } = attributionInputSchema.parse(input);
  await getDb().prisma.project.update({
    where: { id: access.projectId },
    data: { otlpCustomerAttributes: customer, otlpFeatureAttributes: feature },
  });
  cache.delete(access.projectId);
  return { customer, feature };
}
