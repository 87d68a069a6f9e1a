/**
 * Project price overrides: list, create, update, delete. Every statement filters by the
 * project; a row is validated by compiling it as the engine will (createPriceBook) before
 * it is written, so a stored override always prices. Changes drop the cached book.
 */
import type { Pool } from "pg";
import { ZodError } from "zod";
import { compileOverride } from "../entry-schema";
import { TOKEN_CLASSES } from "@/lib/token-classes";
import { invalidateProjectPricing, toOverrideRow } from "./book";
import { overrideEntryJson, overrideEntryId, PRICE_COLUMNS, type OverrideRow } from "./entries";
import { isUuid } from "@/lib/db/ids";
import { DomainError, invalidField } from "@/lib/errors";
import { loadCatalog } from "../catalog";
import { canonicalProvider } from "../providers";
import type { OverrideCreate, OverridePatch } from "../schemas";

interface OverrideView extends OverrideRow {
  entry_id: string;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT id::text, provider, model, effective_from, effective_to, tier_bands, markup_pct::text, note, created_at, updated_at,
  ${TOKEN_CLASSES.map((tokenClass) => `${PRICE_COLUMNS[tokenClass]}::text`).join(", ")} FROM price_overrides`;

function toView(row: Record<string, unknown>): OverrideView {
  const base = toOverrideRow(row);
  return {
    ...base,
    entry_id: overrideEntryId(base.id),
    created_at: row.created_at as Date,
    updated_at: row.updated_at as Date,
  };
}

export async function listOverrides(pool: Pool, projectId: string): Promise<OverrideView[]> {
  const { rows } = await pool.query(
    `${SELECT} WHERE project_id = $1 ORDER BY provider, model, effective_from DESC, id`,
    [projectId],
  );
  return rows.map(toView);
}

export async function getOverride(pool: Pool, projectId: string, id: string): Promise<OverrideView> {
  if (!isUuid(id)) throw new DomainError("not_found", "No such override in this project");
  const { rows } = await pool.query(`${SELECT} WHERE project_id = $1 AND id = $2`, [projectId, id]);
  if (!rows[0]) throw new DomainError("not_found", "No such override in this project");
  return toView(rows[0]);
}

/**
 * Overrides hold token prices only: one on a model the catalog bills per second, character or
 * image would leave that model's calls unpriced, so it is refused until overrides take unit prices.
 */
function refuseUnitPricedModel(row: OverrideRow): void {
  const provider = canonicalProvider(row.provider);
  const model = row.model.toLowerCase();
  const entry = loadCatalog().entries.find(
    (candidate) => candidate.unitPrices && candidate.provider === provider && candidate.model.toLowerCase() === model,
  );
  const unit = entry && Object.keys(entry.unitPrices!)[0]?.split(":")[0];
  if (unit) {
    throw invalidField(
      "model",
      `${row.model} is billed per ${unit}; overrides set prices per million tokens only, so this one would leave its calls unpriced`,
    );
  }
}

/** Throws a field-naming error when the engine would refuse the row. */
function assertPrices(row: OverrideRow): void {
  refuseUnitPricedModel(row);
  try {
    compileOverride(overrideEntryJson(row));
  } catch (error) {
    const detail =
      error instanceof ZodError
        ? error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")
        : String(error);
    throw new DomainError("invalid", `tier_bands: ${detail}`);
  }
}

function values(row: OverrideRow): unknown[] {
  return [
    row.provider,
    row.model,
    row.effective_from,
    row.effective_to,
    JSON.stringify(row.tier_bands),
    row.markup_pct,
    row.note,
    ...TOKEN_CLASSES.map((tokenClass) => row.usd_per_mtok[tokenClass] ?? null),
  ];
}
const COLUMNS = [
  "provider",
  "model",
  "effective_from",
  "effective_to",
  "tier_bands",
  "markup_pct",
  "note",
  ...TOKEN_CLASSES.map((c) => PRICE_COLUMNS[c]),
];

export async function createOverride(
  pool: Pool,
  projectId: string,
  input: OverrideCreate,
  createdBy: string | null,
): Promise<OverrideView> {
  const row: OverrideRow = {
    id: "00000000-0000-0000-0000-000000000000",
    provider: input.provider,
    model: input.model,
    effective_from: input.effective_from,
    effective_to: input.effective_to ?? null,
    usd_per_mtok: input.usd_per_mtok,
    tier_bands: input.tier_bands ?? {},
    markup_pct: input.markup_pct ?? null,
    note: input.note ?? null,
  };
  assertPrices(row);
  const params = values(row);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO price_overrides (project_id, created_by, ${COLUMNS.join(", ")})
     VALUES ($1, $2, ${COLUMNS.map((_, i) => `$${i + 3}`).join(", ")}) RETURNING id::text`,
    [projectId, createdBy, ...params],
  );
  invalidateProjectPricing(projectId);
  return getOverride(pool, projectId, rows[0]!.id);
}

export async function updateOverride(
  pool: Pool,
  projectId: string,
  id: string,
  patch: OverridePatch,
): Promise<OverrideView> {
  const current = await getOverride(pool, projectId, id);
  const next: OverrideRow = {
    ...current,
    ...(patch.provider === undefined ? {} : { provider: patch.provider }),
    ...(patch.model === undefined ? {} : { model: patch.model }),
    ...(patch.effective_from === undefined ? {} : { effective_from: patch.effective_from }),
    ...(patch.effective_to === undefined ? {} : { effective_to: patch.effective_to }),
    ...(patch.usd_per_mtok === undefined ? {} : { usd_per_mtok: patch.usd_per_mtok }),
    ...(patch.tier_bands === undefined ? {} : { tier_bands: patch.tier_bands }),
    ...(patch.markup_pct === undefined ? {} : { markup_pct: patch.markup_pct }),
    ...(patch.note === undefined ? {} : { note: patch.note }),
  };
  if (next.effective_to && next.effective_to <= next.effective_from)
    throw new DomainError("invalid", "effective_to: must be after effective_from");
  assertPrices(next);
  await pool.query(
    `UPDATE price_overrides SET ${COLUMNS.map((column, i) => `${column} = $${i + 3}`).join(", ")}, updated_at = now()
      WHERE project_id = $1 AND id = $2`,
    [projectId, id, ...values(next)],
  );
  invalidateProjectPricing(projectId);
  return getOverride(pool, projectId, id);
}

export async function deleteOverride(pool: Pool, projectId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw new DomainError("not_found", "No such override in this project");
  const { rowCount } = await pool.query("DELETE FROM price_overrides WHERE project_id = $1 AND id = $2", [
    projectId,
    id,
  ]);
  if (!rowCount) throw new DomainError("not_found", "No such override in this project");
  invalidateProjectPricing(projectId);
}
