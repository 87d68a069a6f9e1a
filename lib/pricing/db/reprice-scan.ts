/**
 * The core of re-pricing: reads a period's usage events page by page (keyset on the primary
 * key), prices each again with the project's current book and GPU rates, as of its own
 * occurred_at, exactly as ingestion does, and reports what would change. Pure comparison:
 * writing is the caller's (reprice.ts), page by page inside its transaction.
 */
import type { PoolClient, Pool } from "pg";
import { usdToFemto, type Femto } from "@/lib/money";
import { priceUsageEvent, type EventToPrice, type PricedUsage } from "../price-event";
import { type ServiceTier } from "../types";
import { TOKEN_CLASSES, type CanonicalTokens } from "@/lib/token-classes";
import type { ProjectPricing } from "./book";
import { unitFromStored } from "../units";
import { secondsTextToMicros } from "./gpu-price";

const PAGE = 2_000;

export interface RepriceScope {
  readonly from: string;
  readonly to: string;
  readonly model?: string | undefined;
}

export interface StoredEventRow {
  event_id: string;
  at_text: string;
  occurred_at: Date;
  day: string;
  feature: string;
  customer: string;
  provider: string;
  model: string;
  service_tier: ServiceTier;
  gpu_seconds: string;
  gpu_type: string | null;
  gpu_pool: string | null;
  cost_token: string;
  cost_gpu: string;
  cost_total: string;
  cost_source: PricedUsage["source"];
  price_entry_id: string | null;
  reported_usd: string | null;
  usage_unknown: boolean | null;
  unit: string | null;
  unit_quantity: string;
  [tokenColumn: `tokens_${string}`]: number;
}

export interface ChangedEvent {
  readonly row: StoredEventRow;
  readonly priced: PricedUsage;
}

export interface ModelDiff {
  provider: string;
  model: string;
  events: number;
  changed: number;
  unpriced_before: number;
  unpriced_after: number;
  before: Femto;
  after: Femto;
}

export interface ScanTotals {
  matched: number;
  changed: number;
  unpricedBefore: number;
  unpricedAfter: number;
  before: Femto;
  after: Femto;
  oldEntries: Map<string, number>;
  newEntries: Map<string, number>;
  byModel: Map<string, ModelDiff>;
}

type Queryable = Pool | PoolClient;

/** The period's bounds in the organisation's timezone, as usage_daily buckets days. */
export async function periodBounds(
  db: Queryable,
  projectId: string,
  scope: RepriceScope,
): Promise<{ start: Date; end: Date; timezone: string }> {
  const { rows } = await db.query<{ start: Date; end: Date; timezone: string }>(
    `SELECT ($2::date::timestamp AT TIME ZONE o.timezone) AS start, (($3::date + 1)::timestamp AT TIME ZONE o.timezone) AS "end", o.timezone
       FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1`,
    [projectId, scope.from, scope.to],
  );
  if (!rows[0]) throw new Error(`no project ${projectId}`);
  return rows[0];
}

const PAGE_SQL = `
  SELECT event_id, occurred_at::text AS at_text, occurred_at, (occurred_at AT TIME ZONE $5)::date::text AS day,
         feature, customer, provider, model, service_tier, ${TOKEN_CLASSES.map((c) => `tokens_${c}`).join(", ")}, unit, unit_quantity,
         gpu_seconds::text AS gpu_seconds, gpu_type, gpu_pool, cost_token::text AS cost_token, cost_gpu::text AS cost_gpu,
         cost_total::text AS cost_total, cost_source, price_entry_id, pricing->>'reported_usd' AS reported_usd,
         metadata->>'usage_status' = 'unknown' AS usage_unknown
    FROM usage_events
   WHERE project_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND ($4::text IS NULL OR model = $4)
     AND ($6::timestamptz IS NULL OR (occurred_at, event_id) > ($6::timestamptz, $7::text))
   ORDER BY occurred_at, event_id
   LIMIT ${PAGE}`;

function eventToPriceOf(row: StoredEventRow): EventToPrice {
  const tokens: CanonicalTokens = {};
  for (const tokenClass of TOKEN_CLASSES) {
    const count = Number(row[`tokens_${tokenClass}`] ?? 0);
    if (count) tokens[tokenClass] = count;
  }
  const gpuMicros = secondsTextToMicros(row.gpu_seconds);
  return {
    occurredMs: row.occurred_at.getTime(),
    provider: row.provider,
    model: row.model,
    serviceTier: row.service_tier,
    tokens,
    units: unitFromStored(row.unit, Number(row.unit_quantity)) ?? null,
    gpuMicros: Number(gpuMicros),
    hasGpu: row.gpu_type !== null || row.gpu_pool !== null || gpuMicros > 0n,
    gpuType: row.gpu_type,
    gpuPool: row.gpu_pool,
    reportedCost: row.reported_usd === null ? null : usdToFemto(row.reported_usd),
    usageUnknown: row.usage_unknown === true && Object.keys(tokens).length === 0 && row.unit === null,
  };
}

/** Prices one stored event with the current book and rates, exactly as ingestion would now. */
function repriceEvent(row: StoredEventRow, pricing: ProjectPricing): PricedUsage {
  return priceUsageEvent(eventToPriceOf(row), pricing);
}

function isSame(row: StoredEventRow, priced: PricedUsage): boolean {
  return (
    row.cost_source === priced.source &&
    (row.price_entry_id ?? null) === priced.priceEntryId &&
    usdToFemto(row.cost_total) === priced.costTotal &&
    usdToFemto(row.cost_token) === priced.costToken &&
    usdToFemto(row.cost_gpu) === priced.costGpu
  );
}

function emptyTotals(): ScanTotals {
  return {
    matched: 0,
    changed: 0,
    unpricedBefore: 0,
    unpricedAfter: 0,
    before: 0n,
    after: 0n,
    oldEntries: new Map(),
    newEntries: new Map(),
    byModel: new Map(),
  };
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const entryKey = (source: string, entryId: string | null) => entryId ?? source;

function account(totals: ScanTotals, row: StoredEventRow, priced: PricedUsage, changed: boolean): void {
  const before = usdToFemto(row.cost_total);
  const key = `${row.provider}\u0000${row.model}`;
  let diff = totals.byModel.get(key);
  if (!diff)
    totals.byModel.set(
      key,
      (diff = {
        provider: row.provider,
        model: row.model,
        events: 0,
        changed: 0,
        unpriced_before: 0,
        unpriced_after: 0,
        before: 0n,
        after: 0n,
      }),
    );
  const wasUnpriced = row.cost_source === "unpriced" ? 1 : 0;
  const isUnpriced = priced.source === "unpriced" ? 1 : 0;
  totals.matched++;
  totals.before += before;
  totals.after += priced.costTotal;
  totals.unpricedBefore += wasUnpriced;
  totals.unpricedAfter += isUnpriced;
  diff.events++;
  diff.before += before;
  diff.after += priced.costTotal;
  diff.unpriced_before += wasUnpriced;
  diff.unpriced_after += isUnpriced;
  if (!changed) return;
  totals.changed++;
  diff.changed++;
  bump(totals.oldEntries, entryKey(row.cost_source, row.price_entry_id));
  bump(totals.newEntries, entryKey(priced.source, priced.priceEntryId));
}

/**
 * Walks the scope's events in primary-key order, PAGE at a time; `onChanged` receives each
 * page's changed events (the run writes them; the preview passes nothing).
 */
export async function scanEvents(
  db: Queryable,
  projectId: string,
  scope: RepriceScope,
  pricing: ProjectPricing,
  onChanged?: (changed: ChangedEvent[]) => Promise<void>,
): Promise<ScanTotals> {
  const { start, end, timezone } = await periodBounds(db, projectId, scope);
  const totals = emptyTotals();
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const page: { rows: StoredEventRow[] } = await db.query<StoredEventRow>(PAGE_SQL, [
      projectId,
      start,
      end,
      scope.model ?? null,
      timezone,
      cursor?.at ?? null,
      cursor?.id ?? null,
    ]);
    const rows: StoredEventRow[] = page.rows;
    if (rows.length === 0) break;
    const changed: ChangedEvent[] = [];
    for (const row of rows) {
      const priced = repriceEvent(row, pricing);
      const differs = !isSame(row, priced);
      account(totals, row, priced, differs);
      if (differs) changed.push({ row, priced });
    }
    if (changed.length && onChanged) await onChanged(changed);
    const last: StoredEventRow = rows[rows.length - 1]!;
    cursor = { at: last.at_text, id: last.event_id };
    if (rows.length < PAGE) break;
  }
  return totals;
}
