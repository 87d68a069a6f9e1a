/**
 * A project's price book (the committed catalog + its overrides + its aliases) and its GPU
 * rates, loaded from the database and cached per project, because ingestion prices every
 * batch with them. Changes made through this process (lib/pricing/db/store) invalidate the
 * project's entry at once; changes made by another process (the CLI, another app instance)
 * are seen within CACHE_TTL_MS. Re-pricing never uses the cache: it loads fresh.
 */
import type { Pool, PoolClient } from "pg";
import { createPriceBook, type PriceBook } from "../book";
import type { GpuRate } from "../gpu";
import { aliasOf, overrideEntryJson, PRICE_COLUMNS, type AliasRow, type OverrideRow } from "./entries";
import { TOKEN_CLASSES } from "@/lib/token-classes";

const CACHE_TTL_MS = 15_000;
const MAX_PROJECTS = 5_000;

type Queryable = Pool | PoolClient;

export interface ProjectPricing {
  readonly book: PriceBook;
  readonly gpuRates: readonly GpuRate[];
}

interface Cached {
  readonly loadedAt: number;
  readonly pricing: Promise<ProjectPricing>;
}
const cache = new Map<string, Cached>();

const OVERRIDES_SQL = `
  SELECT id::text, provider, model, effective_from, effective_to, tier_bands, markup_pct::text, note,
         ${TOKEN_CLASSES.map((tokenClass) => `${PRICE_COLUMNS[tokenClass]}::text`).join(", ")}
    FROM price_overrides WHERE project_id = $1 ORDER BY provider, model, effective_from, id`;

async function loadOverrideRows(db: Queryable, projectId: string): Promise<OverrideRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(OVERRIDES_SQL, [projectId]);
  return rows.map(toOverrideRow);
}

export function toOverrideRow(row: Record<string, unknown>): OverrideRow {
  const prices: OverrideRow["usd_per_mtok"] = {};
  for (const tokenClass of TOKEN_CLASSES) {
    const value = row[PRICE_COLUMNS[tokenClass]];
    if (typeof value === "string")
      prices[tokenClass] = value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
  }
  return {
    id: String(row.id),
    provider: String(row.provider),
    model: String(row.model),
    effective_from: row.effective_from as Date,
    effective_to: (row.effective_to as Date | null) ?? null,
    usd_per_mtok: prices,
    tier_bands: (row.tier_bands ?? {}) as OverrideRow["tier_bands"],
    markup_pct: (row.markup_pct as string | null) ?? null,
    note: (row.note as string | null) ?? null,
  };
}

/** Reads the project's overrides, aliases and GPU rates, bypassing the cache. */
export async function loadProjectPricing(db: Queryable, projectId: string): Promise<ProjectPricing> {
  // One after another: a transaction's client takes one query at a time.
  const overrides = await loadOverrideRows(db, projectId);
  const aliases = await db.query<AliasRow>(
    "SELECT alias, provider, target_provider, target_model FROM model_aliases WHERE project_id = $1 ORDER BY alias, id",
    [projectId],
  );
  const rates = await db.query<{ gpu_type: string; usd: string; effective_from: Date }>(
    "SELECT gpu_type, usd_per_gpu_hour::text AS usd, effective_from FROM gpu_rates WHERE project_id = $1 ORDER BY gpu_type, effective_from",
    [projectId],
  );
  return {
    book: createPriceBook({ overrides: overrides.map(overrideEntryJson), aliases: aliases.rows.map(aliasOf) }),
    gpuRates: rates.rows.map((rate) => ({
      gpuType: rate.gpu_type,
      usdPerHour: rate.usd,
      effectiveFrom: rate.effective_from.getTime(),
    })),
  };
}

function cachedPricing(pool: Pool, projectId: string, now = Date.now()): Promise<ProjectPricing> {
  const hit = cache.get(projectId);
  if (hit && now - hit.loadedAt < CACHE_TTL_MS) return hit.pricing;
  if (cache.size >= MAX_PROJECTS) cache.clear();
  const pricing = loadProjectPricing(pool, projectId);
  cache.set(projectId, { loadedAt: now, pricing });
  // A failed load must not stay cached.
  pricing.catch(() => cache.get(projectId)?.pricing === pricing && cache.delete(projectId));
  return pricing;
}

/** The project's price book and GPU rates, cached per project: what ingestion and re-pricing price with. */
export function getProjectPricing(pool: Pool, projectId: string): Promise<ProjectPricing> {
  return cachedPricing(pool, projectId);
}

/** The price book ingestion prices a project's events with; cached per project. */
export async function getProjectPriceBook(pool: Pool, projectId: string): Promise<PriceBook> {
  return (await cachedPricing(pool, projectId)).book;
}

/** Drops the project's cached book and rates: called on every override, alias, rate or pool change. */
export function invalidateProjectPricing(projectId: string): void {
  cache.delete(projectId);
}
