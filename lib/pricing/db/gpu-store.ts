/** GPU rates ($ per GPU-hour by GPU type, effective-dated) and pools (reserved capacity) of a project. */
import type { Pool } from "pg";
import { invalidateProjectPricing } from "./book";
import { plainDecimal } from "./entries";
import { isUniqueViolation } from "@/lib/db/errors";
import { isUuid } from "@/lib/db/ids";
import { DomainError } from "@/lib/errors";
import type { GpuPoolCreate, GpuPoolPatch, GpuRateCreate, GpuRatePatch } from "../schemas";

interface GpuRateView {
  id: string;
  gpu_type: string;
  effective_from: Date;
  usd_per_gpu_hour: string;
  note: string | null;
}

interface GpuPoolView {
  id: string;
  name: string;
  gpu_type: string;
  gpu_count: number;
  effective_from: Date;
  effective_to: Date | null;
}

const RATE_SELECT =
  "SELECT id::text, gpu_type, effective_from, usd_per_gpu_hour::text AS usd_per_gpu_hour, note FROM gpu_rates";
const POOL_SELECT = "SELECT id::text, name, gpu_type, gpu_count, effective_from, effective_to FROM gpu_pools";

const rateView = (row: GpuRateView): GpuRateView => ({ ...row, usd_per_gpu_hour: plainDecimal(row.usd_per_gpu_hour) });
const without = <T extends object>(patch: T) =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));

export async function listGpuRates(pool: Pool, projectId: string): Promise<GpuRateView[]> {
  const { rows } = await pool.query<GpuRateView>(
    `${RATE_SELECT} WHERE project_id = $1 ORDER BY gpu_type, effective_from DESC`,
    [projectId],
  );
  return rows.map(rateView);
}

async function getGpuRate(pool: Pool, projectId: string, id: string): Promise<GpuRateView> {
  const { rows } = isUuid(id)
    ? await pool.query<GpuRateView>(`${RATE_SELECT} WHERE project_id = $1 AND id = $2`, [projectId, id])
    : { rows: [] };
  if (!rows[0]) throw new DomainError("not_found", "No such GPU rate in this project");
  return rateView(rows[0]);
}

const rateTaken = (rate: { gpu_type: string; effective_from: Date }) =>
  new DomainError(
    "conflict",
    `effective_from: ${rate.gpu_type} already has a rate from ${rate.effective_from.toISOString()}`,
  );

export async function createGpuRate(
  pool: Pool,
  projectId: string,
  input: GpuRateCreate,
  createdBy: string | null,
): Promise<GpuRateView> {
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO gpu_rates (project_id, gpu_type, effective_from, usd_per_gpu_hour, note, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
      [projectId, input.gpu_type, input.effective_from, input.usd_per_gpu_hour, input.note ?? null, createdBy],
    );
    invalidateProjectPricing(projectId);
    return getGpuRate(pool, projectId, rows[0]!.id);
  } catch (error) {
    throw isUniqueViolation(error) ? rateTaken(input) : error;
  }
}

export async function updateGpuRate(
  pool: Pool,
  projectId: string,
  id: string,
  patch: GpuRatePatch,
): Promise<GpuRateView> {
  const next = { ...(await getGpuRate(pool, projectId, id)), ...without(patch) } as GpuRateView;
  try {
    await pool.query(
      "UPDATE gpu_rates SET gpu_type = $3, effective_from = $4, usd_per_gpu_hour = $5, note = $6 WHERE project_id = $1 AND id = $2",
      [projectId, id, next.gpu_type, next.effective_from, next.usd_per_gpu_hour, next.note],
    );
  } catch (error) {
    throw isUniqueViolation(error) ? rateTaken(next) : error;
  }
  invalidateProjectPricing(projectId);
  return getGpuRate(pool, projectId, id);
}

export async function deleteGpuRate(pool: Pool, projectId: string, id: string): Promise<void> {
  const { rowCount } = isUuid(id)
    ? await pool.query("DELETE FROM gpu_rates WHERE project_id = $1 AND id = $2", [projectId, id])
    : { rowCount: 0 };
  if (!rowCount) throw new DomainError("not_found", "No such GPU rate in this project");
  invalidateProjectPricing(projectId);
}

export async function listGpuPools(pool: Pool, projectId: string): Promise<GpuPoolView[]> {
  return (
    await pool.query<GpuPoolView>(`${POOL_SELECT} WHERE project_id = $1 ORDER BY name, effective_from`, [projectId])
  ).rows;
}

async function getGpuPool(pool: Pool, projectId: string, id: string): Promise<GpuPoolView> {
  const { rows } = isUuid(id)
    ? await pool.query<GpuPoolView>(`${POOL_SELECT} WHERE project_id = $1 AND id = $2`, [projectId, id])
    : { rows: [] };
  if (!rows[0]) throw new DomainError("not_found", "No such GPU pool record in this project");
  return rows[0];
}

const poolTaken = (record: { name: string; effective_from: Date }) =>
  new DomainError(
    "conflict",
    `effective_from: pool ${record.name} already has a record from ${record.effective_from.toISOString()}`,
  );

/** A pool's records must agree on the GPU type: one pool holds one type. */
async function assertOneType(
  pool: Pool,
  projectId: string,
  name: string,
  gpuType: string,
  exceptId: string | null,
): Promise<void> {
  const { rows } = await pool.query<{ gpu_type: string }>(
    "SELECT gpu_type FROM gpu_pools WHERE project_id = $1 AND name = $2 AND gpu_type <> $3 AND ($4::uuid IS NULL OR id <> $4) LIMIT 1",
    [projectId, name, gpuType, exceptId],
  );
  if (rows[0])
    throw new DomainError("invalid", `gpu_type: pool ${name} holds ${rows[0].gpu_type}; a pool holds one GPU type`);
}

export async function createGpuPool(
  pool: Pool,
  projectId: string,
  input: GpuPoolCreate,
  createdBy: string | null,
): Promise<GpuPoolView> {
  await assertOneType(pool, projectId, input.name, input.gpu_type, null);
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO gpu_pools (project_id, name, gpu_type, gpu_count, effective_from, effective_to, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text`,
      [
        projectId,
        input.name,
        input.gpu_type,
        input.gpu_count,
        input.effective_from,
        input.effective_to ?? null,
        createdBy,
      ],
    );
    invalidateProjectPricing(projectId);
    return getGpuPool(pool, projectId, rows[0]!.id);
  } catch (error) {
    throw isUniqueViolation(error) ? poolTaken(input) : error;
  }
}

export async function updateGpuPool(
  pool: Pool,
  projectId: string,
  id: string,
  patch: GpuPoolPatch,
): Promise<GpuPoolView> {
  const next = { ...(await getGpuPool(pool, projectId, id)), ...without(patch) } as GpuPoolView;
  if (next.effective_to && next.effective_to <= next.effective_from)
    throw new DomainError("invalid", "effective_to: must be after effective_from");
  await assertOneType(pool, projectId, next.name, next.gpu_type, id);
  try {
    await pool.query(
      "UPDATE gpu_pools SET name = $3, gpu_type = $4, gpu_count = $5, effective_from = $6, effective_to = $7 WHERE project_id = $1 AND id = $2",
      [projectId, id, next.name, next.gpu_type, next.gpu_count, next.effective_from, next.effective_to],
    );
  } catch (error) {
    throw isUniqueViolation(error) ? poolTaken(next) : error;
  }
  invalidateProjectPricing(projectId);
  return getGpuPool(pool, projectId, id);
}

export async function deleteGpuPool(pool: Pool, projectId: string, id: string): Promise<void> {
  const { rowCount } = isUuid(id)
    ? await pool.query("DELETE FROM gpu_pools WHERE project_id = $1 AND id = $2", [projectId, id])
    : { rowCount: 0 };
  if (!rowCount) throw new DomainError("not_found", "No such GPU pool record in this project");
  invalidateProjectPricing(projectId);
}
