-- usage_monthly: usage_daily's full key per calendar month (month = its first day), the read
-- model of the margins report. Plans charge per calendar month and change only on effective
-- dates, so a 90-day report needs one row per key and month where it read one per key and day
-- (600,000 rows for 2,000 customers at 10M events). Days inside a month are read from
-- usage_daily only where a period edge or an effective date cuts the month (lib/margins/db/usage-segments.ts).
--
-- Kept like the running totals (migration usage_cumulative): statement triggers on usage_daily
-- add the changed rows (new minus old, grouped by key and month, in key order) for every writer
-- of usage_daily (ingestion, re-pricing, deletions, the demo seeder), in the writer's
-- transaction. A month row left without events (by an update or a deletion) is deleted, as the
-- daily levels delete theirs.
CREATE TABLE usage_monthly (
  project_id               uuid NOT NULL,
  month                    date NOT NULL,
  feature                  text NOT NULL,
  customer                 text NOT NULL,
  provider                 text NOT NULL,
  model                    text NOT NULL,
  events                   bigint NOT NULL DEFAULT 0,
  error_events             bigint NOT NULL DEFAULT 0,
  unpriced_events          bigint NOT NULL DEFAULT 0,
  tokens_input             bigint NOT NULL DEFAULT 0,
  tokens_cache_read        bigint NOT NULL DEFAULT 0,
  tokens_cache_write_5m    bigint NOT NULL DEFAULT 0,
  tokens_cache_write_1h    bigint NOT NULL DEFAULT 0,
  tokens_output            bigint NOT NULL DEFAULT 0,
  tokens_reasoning         bigint NOT NULL DEFAULT 0,
  tokens_audio_input       bigint NOT NULL DEFAULT 0,
  tokens_audio_output      bigint NOT NULL DEFAULT 0,
  tokens_image_input       bigint NOT NULL DEFAULT 0,
  tokens_image_output      bigint NOT NULL DEFAULT 0,
  gpu_seconds              numeric(20,6) NOT NULL DEFAULT 0,
  cost_token               numeric(38,15) NOT NULL DEFAULT 0,
  cost_gpu                 numeric(38,15) NOT NULL DEFAULT 0,
  cost_total               numeric(38,15) NOT NULL DEFAULT 0,
  latency_count            bigint NOT NULL DEFAULT 0,
  latency_sum_ms           bigint NOT NULL DEFAULT 0,
  latency_histogram_packed numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, month, feature, customer, provider, model)
) WITH (fillfactor = 70);

-- Plans with joins by index only, like usage_cumulative_apply: a batch changes a few hundred
-- keys of a table that grows to millions of rows.
CREATE FUNCTION usage_monthly_apply() RETURNS trigger LANGUAGE plpgsql
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

CREATE TRIGGER usage_monthly_insert AFTER INSERT ON usage_daily
  REFERENCING NEW TABLE AS monthly_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_monthly_apply();
CREATE TRIGGER usage_monthly_update AFTER UPDATE ON usage_daily
  REFERENCING OLD TABLE AS monthly_old NEW TABLE AS monthly_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_monthly_apply();
CREATE TRIGGER usage_monthly_delete AFTER DELETE ON usage_daily
  REFERENCING OLD TABLE AS monthly_old FOR EACH STATEMENT
  EXECUTE FUNCTION usage_monthly_apply();

-- Existing history, in one pass.
INSERT INTO usage_monthly (project_id, month, feature, customer, provider, model,
  events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram_packed)
SELECT project_id, date_trunc('month', day)::date, feature, customer, provider, model,
  sum(events), sum(error_events), sum(unpriced_events), sum(tokens_input), sum(tokens_cache_read), sum(tokens_cache_write_5m), sum(tokens_cache_write_1h), sum(tokens_output), sum(tokens_reasoning), sum(tokens_audio_input), sum(tokens_audio_output), sum(tokens_image_input), sum(tokens_image_output), sum(gpu_seconds), sum(cost_token), sum(cost_gpu), sum(cost_total), sum(latency_count), sum(latency_sum_ms), sum(latency_histogram_packed)
  FROM usage_daily
 GROUP BY project_id, date_trunc('month', day)::date, feature, customer, provider, model;
