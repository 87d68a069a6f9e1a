-- Keeps usage_monthly in step with usage_daily for every writer of usage_daily (ingestion,
-- re-pricing, deletions, the demo seeder), in the writer's transaction: the changed rows (new
-- minus old) grouped by key and month, upserted in key order. A month row left without events
-- (by an update or a deletion) is deleted, as the daily levels delete theirs.
--
-- Plans with joins by index only, like usage_cumulative_apply: a batch changes a few hundred
-- keys of a table that grows to millions of rows.
CREATE OR REPLACE FUNCTION usage_monthly_apply() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $fn$
DECLARE
  measures constant text[] := ARRAY['events', 'error_events', 'unpriced_events', 'tokens_input', 'tokens_cache_read',
    'tokens_cache_write_5m', 'tokens_cache_write_1h', 'tokens_output', 'tokens_reasoning', 'tokens_audio_input',
    'tokens_audio_output', 'tokens_image_input', 'tokens_image_output', 'gpu_seconds', 'cost_token', 'cost_gpu',
    'cost_total', 'latency_count', 'latency_sum_ms', 'latency_histogram_packed'];
  numeric_measures constant text[] := ARRAY['gpu_seconds', 'cost_token', 'cost_gpu', 'cost_total', 'latency_histogram_packed'];
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN '(SELECT *, 1 AS sign FROM monthly_new)'
    WHEN 'DELETE' THEN '(SELECT *, -1 AS sign FROM monthly_old)'
    ELSE '(SELECT *, 1 AS sign FROM monthly_new UNION ALL SELECT *, -1 AS sign FROM monthly_old)'
  END;
  any_changed boolean;
BEGIN
  -- An upsert fires both its INSERT and its UPDATE trigger, often one of them with no rows.
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s AS changed)', changed) INTO any_changed;
  IF NOT any_changed THEN
    RETURN NULL;
  END IF;
  -- Ingestion holds the rollup lock shared; any other writer gets it exclusive (a no-op when the
  -- running-total trigger of the same statement took it already).
  IF current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on' THEN
    EXECUTE format('SELECT lock_project_rollups(project_id, false) FROM (SELECT DISTINCT project_id FROM %s AS changed ORDER BY 1) AS p', changed);
  END IF;
  EXECUTE format($sql$
    INSERT INTO usage_monthly AS m (project_id, month, feature, customer, provider, model, %1$s)
    SELECT project_id, date_trunc('month', day)::date, feature, customer, provider, model, %2$s
      FROM %3$s AS changed
     GROUP BY project_id, date_trunc('month', day)::date, feature, customer, provider, model
     ORDER BY project_id, date_trunc('month', day)::date, feature, customer, provider, model
    ON CONFLICT (project_id, month, feature, customer, provider, model) DO UPDATE SET %4$s$sql$,
    array_to_string(measures, ', '),
    (SELECT string_agg(format('%2$s(sign * %1$I)', m, CASE WHEN m = ANY(numeric_measures) THEN 'sum' ELSE 'sum_int8' END), ', ') FROM unnest(measures) AS m),
    changed,
    (SELECT string_agg(format('%1$I = m.%1$I + EXCLUDED.%1$I', m), ', ') FROM unnest(measures) AS m));
  -- A second statement: one statement cannot both update a row and delete it.
  IF TG_OP <> 'INSERT' THEN
    EXECUTE format($sql$
      DELETE FROM usage_monthly AS m
       USING (SELECT DISTINCT project_id, date_trunc('month', day)::date AS month, feature, customer, provider, model FROM %s AS changed) AS c
       WHERE m.events = 0 AND m.project_id = c.project_id AND m.month = c.month AND m.feature = c.feature
         AND m.customer = c.customer AND m.provider = c.provider AND m.model = c.model$sql$,
      changed);
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE TRIGGER usage_monthly_insert AFTER INSERT ON usage_daily
  REFERENCING NEW TABLE AS monthly_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_monthly_apply();
CREATE OR REPLACE TRIGGER usage_monthly_update AFTER UPDATE ON usage_daily
  REFERENCING OLD TABLE AS monthly_old NEW TABLE AS monthly_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_monthly_apply();
CREATE OR REPLACE TRIGGER usage_monthly_delete AFTER DELETE ON usage_daily
  REFERENCING OLD TABLE AS monthly_old FOR EACH STATEMENT
  EXECUTE FUNCTION usage_monthly_apply();
