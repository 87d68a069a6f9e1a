/** The set-based statements of a re-pricing run (one round trip per page, one for the rollups). */

export const UPDATE_EVENTS_SQL = `
  UPDATE usage_events AS e
     SET cost_token = u.cost_token, cost_gpu = u.cost_gpu, cost_total = u.cost_total,
         cost_source = u.cost_source, price_entry_id = u.price_entry_id, pricing = u.pricing
    FROM unnest($2::text[], $3::timestamptz[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[], $8::text[], $9::jsonb[])
         AS u(event_id, occurred_at, cost_token, cost_gpu, cost_total, cost_source, price_entry_id, pricing)
   WHERE e.project_id = $1 AND e.occurred_at = u.occurred_at AND e.event_id = u.event_id`;

const KEYS = `SELECT DISTINCT * FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::text[]) AS k(day, feature, customer, provider, model)`;

/**
 * What the affected rollup keys lack to agree with their events (the source of truth): each
 * key's cost sums and unpriced count from its events minus its usage_daily row, where they
 * differ. Run under the exclusive rollup lock, so no batch changes either side meanwhile; the
 * differences go to every level through lib/rollups, as signed deltas.
 */
export const ROLLUP_DIFFERENCES_SQL = `
  WITH k AS (${KEYS}),
  s AS (
    SELECT k.day, k.feature, k.customer, k.provider, k.model,
           sum(e.cost_token) AS cost_token, sum(e.cost_gpu) AS cost_gpu, sum(e.cost_total) AS cost_total,
           count(*) FILTER (WHERE e.cost_source = 'unpriced') AS unpriced_events
      FROM k JOIN usage_events e
        ON e.project_id = $1 AND e.feature = k.feature AND e.customer = k.customer AND e.provider = k.provider AND e.model = k.model
       AND e.occurred_at >= (k.day::timestamp AT TIME ZONE $7) AND e.occurred_at < ((k.day + 1)::timestamp AT TIME ZONE $7)
     GROUP BY k.day, k.feature, k.customer, k.provider, k.model
  )
  SELECT s.day::text AS day, s.feature, s.customer, s.provider, s.model,
         (s.cost_token - d.cost_token)::text AS cost_token, (s.cost_gpu - d.cost_gpu)::text AS cost_gpu,
         (s.cost_total - d.cost_total)::text AS cost_total, (s.unpriced_events - d.unpriced_events)::text AS unpriced_events
    FROM s JOIN usage_daily AS d
      ON d.project_id = $1 AND d.day = s.day AND d.feature = s.feature AND d.customer = s.customer
     AND d.provider = s.provider AND d.model = s.model
   WHERE (d.cost_token, d.cost_gpu, d.cost_total, d.unpriced_events) IS DISTINCT FROM (s.cost_token, s.cost_gpu, s.cost_total, s.unpriced_events)`;

export const INSERT_RUN_SQL = `
  INSERT INTO reprice_runs (project_id, dedupe_key, status, requested_by, requested_via, period_from, period_to, model,
                            started_at, finished_at, events_matched, events_changed, unpriced_before, unpriced_after,
                            total_before, total_after, old_entries, new_entries, diff_by_model, error)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
  RETURNING id::text`;
