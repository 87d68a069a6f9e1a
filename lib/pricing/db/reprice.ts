/**
 * Re-pricing: after a price was added or corrected, the events of a period (optionally of
 * one model) are priced again with the project's current book, each as of its own
 * occurred_at, and every aggregate follows.
 *
 * - `previewReprice` reads and prices, writes nothing: events affected, totals before and
 *   after, the difference by model, and which price entries would be replaced by which.
 * - `runReprice` does the same inside ONE transaction per run, under a per-project advisory
 *   lock (two schedulers firing at once serialise): changed events are updated set-based
 *   (UPDATE ... FROM unnest, a page at a time), the affected rollup keys get the difference
 *   between their events' cost sums and unpriced counts and their rows, through the rollups'
 *   one write path (every level follows), and an audit row is written in the same transaction. Idempotent: a second run finds every event already priced so and
 *   changes nothing (its audit row says 0 events changed). A failed run rolls back whole and
 *   leaves a `failed` audit row.
 */
import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { femtoToUsd, type Femto } from "@/lib/money";
import { loadCatalog } from "../catalog";
import { loadProjectPricing, type ProjectPricing } from "./book";
import { lockProjectRollups } from "@/lib/db/rollup-lock";
import { MEASURES, measureIndex, parseScaled, zeroValues } from "@/lib/rollups/measures";
import { applyUsageDeltas, type UsageDelta } from "@/lib/rollups/write";
import { INSERT_RUN_SQL, ROLLUP_DIFFERENCES_SQL, UPDATE_EVENTS_SQL } from "./reprice-sql";
import { periodBounds, scanEvents, type ChangedEvent, type RepriceScope, type ScanTotals } from "./reprice-scan";

export interface RepriceModelDiff {
  provider: string;
  model: string;
  events: number;
  changed: number;
  unpriced_before: number;
  unpriced_after: number;
  total_before: string;
  total_after: string;
  difference: string;
}

export interface RepricePreview {
  from: string;
  to: string;
  model: string | null;
  events_matched: number;
  events_changed: number;
  unpriced_before: number;
  unpriced_after: number;
  total_before: string;
  total_after: string;
  difference: string;
  /** Entry id (or cost source when none) -> changed events priced by it, before and after. */
  old_entries: Record<string, number>;
  new_entries: Record<string, number>;
  by_model: RepriceModelDiff[];
}

interface RepriceRun extends RepricePreview {
  run_id: string;
  dedupe_key: string;
}

export interface Requester {
  userId: string | null;
  via: "session" | "api_key" | "cli";
}

const LOCK_NAMESPACE = "inferledger:reprice:";

function summarise(scope: RepriceScope, totals: ScanTotals): RepricePreview {
  const usd = (femto: Femto) => femtoToUsd(femto);
  return {
    from: scope.from,
    to: scope.to,
    model: scope.model ?? null,
    events_matched: totals.matched,
    events_changed: totals.changed,
    unpriced_before: totals.unpricedBefore,
    unpriced_after: totals.unpricedAfter,
    total_before: usd(totals.before),
    total_after: usd(totals.after),
    difference: usd(totals.after - totals.before),
    old_entries: Object.fromEntries(totals.oldEntries),
    new_entries: Object.fromEntries(totals.newEntries),
    by_model: [...totals.byModel.values()]
      .map((diff) => ({
        provider: diff.provider,
        model: diff.model,
        events: diff.events,
        changed: diff.changed,
        unpriced_before: diff.unpriced_before,
        unpriced_after: diff.unpriced_after,
        total_before: usd(diff.before),
        total_after: usd(diff.after),
        difference: usd(diff.after - diff.before),
      }))
      .sort((a, b) => b.changed - a.changed || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model)),
  };
}

export async function previewReprice(pool: Pool, projectId: string, scope: RepriceScope): Promise<RepricePreview> {
  const pricing = await loadProjectPricing(pool, projectId);
  return summarise(scope, await scanEvents(pool, projectId, scope, pricing));
}

/** Same scope and same prices -> same key: the audit shows which runs repeated which. */
async function dedupeKey(client: PoolClient, projectId: string, scope: RepriceScope): Promise<string> {
  const { rows } = await client.query<{ state: string }>(
    `SELECT concat_ws('|',
       (SELECT string_agg(id::text || updated_at::text, ',' ORDER BY id) FROM price_overrides WHERE project_id = $1),
       (SELECT string_agg(id::text || alias || target_model, ',' ORDER BY id) FROM model_aliases WHERE project_id = $1),
       (SELECT string_agg(id::text || usd_per_gpu_hour::text || effective_from::text, ',' ORDER BY id) FROM gpu_rates WHERE project_id = $1)) AS state`,
    [projectId],
  );
  const prices = createHash("sha256")
    .update(`${loadCatalog().version}|${rows[0]?.state ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  return `${scope.from}..${scope.to}|${scope.model ?? "*"}|${prices}`;
}

async function writePage(
  client: PoolClient,
  projectId: string,
  changed: readonly ChangedEvent[],
  keys: Set<string>,
): Promise<void> {
  await client.query(UPDATE_EVENTS_SQL, [
    projectId,
    changed.map((c) => c.row.event_id),
    changed.map((c) => c.row.at_text),
    changed.map((c) => femtoToUsd(c.priced.costToken)),
    changed.map((c) => femtoToUsd(c.priced.costGpu)),
    changed.map((c) => femtoToUsd(c.priced.costTotal)),
    changed.map((c) => c.priced.source),
    changed.map((c) => c.priced.priceEntryId),
    changed.map((c) => c.priced.pricing),
  ]);
  for (const { row } of changed)
    keys.add(JSON.stringify([row.day, row.feature, row.customer, row.provider, row.model]));
}

async function recomputeRollups(
  client: PoolClient,
  projectId: string,
  timezone: string,
  keys: Set<string>,
): Promise<void> {
  if (keys.size === 0) return;
  const tuples = [...keys].map((key) => JSON.parse(key) as [string, string, string, string, string]);
  const columns = [0, 1, 2, 3, 4].map((i) => tuples.map((tuple) => tuple[i]));
  // Exclusive first: every batch that wrote these keys has committed, and none writes until we do.
  await lockProjectRollups(client, projectId, "exclusive");
  const { rows } = await client.query<RollupDifference>(ROLLUP_DIFFERENCES_SQL, [projectId, ...columns, timezone]);
  await applyUsageDeltas(client, projectId, rows.map(differenceDelta), "exclusive");
}

interface RollupDifference {
  day: string;
  feature: string;
  customer: string;
  provider: string;
  model: string;
  cost_token: string;
  cost_gpu: string;
  cost_total: string;
  unpriced_events: string;
}

const DIFFERENCE_MEASURES = ["cost_token", "cost_gpu", "cost_total", "unpriced_events"] as const;

function differenceDelta(row: RollupDifference): UsageDelta {
  const values = zeroValues();
  for (const column of DIFFERENCE_MEASURES) {
    const at = measureIndex(column);
    values[at] = parseScaled(row[column], MEASURES[at]!.scale);
  }
  const { day, feature, customer, provider, model } = row;
  return { day, feature, customer, provider, model, values };
}

export async function runReprice(
  pool: Pool,
  projectId: string,
  scope: RepriceScope,
  requester: Requester,
): Promise<RepriceRun> {
  const client = await pool.connect();
  let key = "";
  const startedAt = new Date();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK_NAMESPACE + projectId]);
    key = await dedupeKey(client, projectId, scope);
    const pricing: ProjectPricing = await loadProjectPricing(client, projectId);
    const { timezone } = await periodBounds(client, projectId, scope);
    const keys = new Set<string>();
    const totals = await scanEvents(client, projectId, scope, pricing, (changed) =>
      writePage(client, projectId, changed, keys),
    );
    await recomputeRollups(client, projectId, timezone, keys);
    const preview = summarise(scope, totals);
    const { rows } = await client.query<{ id: string }>(
      INSERT_RUN_SQL,
      auditValues(projectId, key, "succeeded", requester, scope, startedAt, preview, null),
    );
    await client.query("COMMIT");
    return { ...preview, run_id: rows[0]!.id, dedupe_key: key };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await recordFailure(pool, projectId, key, requester, scope, startedAt, error);
    throw error;
  } finally {
    client.release();
  }
}

function auditValues(
  projectId: string,
  key: string,
  status: "succeeded" | "failed",
  requester: Requester,
  scope: RepriceScope,
  startedAt: Date,
  preview: RepricePreview | null,
  error: string | null,
): unknown[] {
  return [
    projectId,
    key,
    status,
    requester.userId,
    requester.via,
    scope.from,
    scope.to,
    scope.model ?? null,
    startedAt,
    preview?.events_matched ?? 0,
    preview?.events_changed ?? 0,
    preview?.unpriced_before ?? 0,
    preview?.unpriced_after ?? 0,
    preview?.total_before ?? "0",
    preview?.total_after ?? "0",
    JSON.stringify(preview?.old_entries ?? {}),
    JSON.stringify(preview?.new_entries ?? {}),
    JSON.stringify(preview?.by_model ?? []),
    error,
  ];
}

async function recordFailure(
  pool: Pool,
  projectId: string,
  key: string,
  requester: Requester,
  scope: RepriceScope,
  startedAt: Date,
  error: unknown,
): Promise<void> {
  const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
  await pool
    .query(
      INSERT_RUN_SQL,
      auditValues(projectId, key || "failed-before-start", "failed", requester, scope, startedAt, null, message),
    )
    .catch((cause: Error) => console.error("[reprice] could not record the failed run:", cause.message));
}

interface RepriceRunView {
  id: string;
  status: string;
  requested_by: string | null;
  requested_via: string;
  period_from: string;
  period_to: string;
  model: string | null;
  started_at: Date;
  finished_at: Date | null;
  events_matched: number;
  events_changed: number;
  unpriced_before: number;
  unpriced_after: number;
  total_before: string;
  total_after: string;
  error: string | null;
}

export async function listRepriceRuns(pool: Pool, projectId: string, limit = 20): Promise<RepriceRunView[]> {
  const { rows } = await pool.query<RepriceRunView>(
    `SELECT r.id::text, r.status, u.email AS requested_by, r.requested_via, r.period_from::text, r.period_to::text, r.model,
            r.started_at, r.finished_at, r.events_matched, r.events_changed, r.unpriced_before, r.unpriced_after,
            r.total_before::text, r.total_after::text, r.error
       FROM reprice_runs r LEFT JOIN users u ON u.id = r.requested_by
      WHERE r.project_id = $1 ORDER BY r.started_at DESC, r.id LIMIT $2`,
    [projectId, limit],
  );
  return rows;
}
