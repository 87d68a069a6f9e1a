/** Model aliases of a project: an Azure deployment or internal name -> the model it means. */
import type { Pool } from "pg";
import { invalidateProjectPricing } from "./book";
import { isUniqueViolation } from "@/lib/db/errors";
import { isUuid } from "@/lib/db/ids";
import { DomainError } from "@/lib/errors";
import type { AliasCreate, AliasPatch } from "../schemas";

interface AliasView {
  id: string;
  alias: string;
  provider: string | null;
  target_provider: string | null;
  target_model: string;
  created_at: Date;
}

const SELECT = "SELECT id::text, alias, provider, target_provider, target_model, created_at FROM model_aliases";
const notFound = () => new DomainError("not_found", "No such alias in this project");
const taken = (alias: string) => new DomainError("conflict", `alias: "${alias}" is already an alias for this provider`);

export async function listAliases(pool: Pool, projectId: string): Promise<AliasView[]> {
  return (await pool.query<AliasView>(`${SELECT} WHERE project_id = $1 ORDER BY lower(alias), id`, [projectId])).rows;
}

async function getAlias(pool: Pool, projectId: string, id: string): Promise<AliasView> {
  if (!isUuid(id)) throw notFound();
  const { rows } = await pool.query<AliasView>(`${SELECT} WHERE project_id = $1 AND id = $2`, [projectId, id]);
  if (!rows[0]) throw notFound();
  return rows[0];
}

export async function createAlias(
  pool: Pool,
  projectId: string,
  input: AliasCreate,
  createdBy: string | null,
): Promise<AliasView> {
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO model_aliases (project_id, alias, provider, target_provider, target_model, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
      [projectId, input.alias, input.provider ?? null, input.target_provider ?? null, input.target_model, createdBy],
    );
    invalidateProjectPricing(projectId);
    return getAlias(pool, projectId, rows[0]!.id);
  } catch (error) {
    throw isUniqueViolation(error) ? taken(input.alias) : error;
  }
}

export async function updateAlias(pool: Pool, projectId: string, id: string, patch: AliasPatch): Promise<AliasView> {
  const current = await getAlias(pool, projectId, id);
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
  } as AliasView;
  try {
    await pool.query(
      "UPDATE model_aliases SET alias = $3, provider = $4, target_provider = $5, target_model = $6 WHERE project_id = $1 AND id = $2",
      [projectId, id, next.alias, next.provider, next.target_provider, next.target_model],
    );
  } catch (error) {
    throw isUniqueViolation(error) ? taken(next.alias) : error;
  }
  invalidateProjectPricing(projectId);
  return getAlias(pool, projectId, id);
}

export async function deleteAlias(pool: Pool, projectId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound();
  const { rowCount } = await pool.query("DELETE FROM model_aliases WHERE project_id = $1 AND id = $2", [projectId, id]);
  if (!rowCount) throw notFound();
  invalidateProjectPricing(projectId);
}
