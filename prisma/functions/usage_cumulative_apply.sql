-- Keeps the running totals (usage_cumulative and usage_cumulative_customer, with their *_keys
-- tables) in step with usage_daily and usage_daily_customer for every writer (ingestion,
-- re-pricing, deletions), in the writer's transaction, from the changed rows (new minus old).
--
-- Arguments: the running-total table, its keys table, and the key columns (comma-separated).
-- The changed rows are the statement's transition tables, signed (+1 new, -1 old).
-- A batch changes a few hundred keys of tables that grow to millions of rows: every statement
-- should probe the primary keys. The planner sees small running tables early on and would scan
-- and hash them whole, a cost that grows with the table, so this function plans with joins by
-- index only.
CREATE OR REPLACE FUNCTION usage_cumulative_apply() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $fn$
DECLARE
  running_table text := TG_ARGV[0];
  keys_table text := TG_ARGV[1];
  key_columns text[] := string_to_array(TG_ARGV[2], ',');
  measures constant text[] := ARRAY['events', 'error_events', 'unpriced_events', 'tokens_input', 'tokens_cache_read',
    'tokens_cache_write_5m', 'tokens_cache_write_1h', 'tokens_output', 'tokens_reasoning', 'tokens_audio_input',
    'tokens_audio_output', 'tokens_image_input', 'tokens_image_output', 'gpu_seconds', 'cost_token', 'cost_gpu',
    'cost_total', 'latency_count', 'latency_sum_ms', 'latency_histogram_packed'];
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN '(SELECT *, 1 AS sign FROM cumulative_new)'
    WHEN 'DELETE' THEN '(SELECT *, -1 AS sign FROM cumulative_old)'
    ELSE '(SELECT *, 1 AS sign FROM cumulative_new UNION ALL SELECT *, -1 AS sign FROM cumulative_old)'
  END;
  key_list text := (SELECT string_agg(quote_ident(c), ', ') FROM unnest(key_columns) AS c);
  delta_key_list text := (SELECT string_agg('d.' || quote_ident(c), ', ') FROM unnest(key_columns) AS c);
  same_key text := (SELECT string_agg(format('r.%1$I = d.%1$I', c), ' AND ') FROM unnest(key_columns) AS c);
  measure_list text := array_to_string(measures, ', ');
  -- sum() of bigint goes through numeric; sum_int8 (prisma/functions/sum_int8.sql) stays bigint.
  numeric_measures constant text[] := ARRAY['gpu_seconds', 'cost_token', 'cost_gpu', 'cost_total', 'latency_histogram_packed'];
  any_changed boolean;
BEGIN
  -- An upsert fires both its INSERT and its UPDATE trigger, often one of them with no rows.
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s AS changed)', changed) INTO any_changed;
  IF NOT any_changed THEN
    RETURN NULL;
  END IF;

  -- The steps rely on each statement seeing what the previous lock holder committed.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'usage rollups are written at READ COMMITTED only, not %', current_setting('transaction_isolation');
  END IF;

  -- Ingestion holds the rollup lock shared; any other writer gets it exclusive here.
  IF current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on' THEN
    EXECUTE format('SELECT lock_project_rollups(project_id, false) FROM (SELECT DISTINCT project_id FROM %s AS changed ORDER BY 1) AS p', changed);
  END IF;

  -- 1. Lock the changed keys in key order (creating the new ones): from here to commit, writers
  --    of a key take turns, so each reads the running totals the one before it committed (every
  --    statement below takes a new snapshot). ON CONFLICT DO UPDATE locks a conflicting row even
  --    where its WHERE skips the write.
  EXECUTE format($sql$
    INSERT INTO %1$I AS k (project_id, %2$s, first_day, last_day)
    SELECT project_id, %2$s, min(day), max(day) FROM %3$s AS changed
    GROUP BY project_id, %2$s ORDER BY project_id, %2$s
    ON CONFLICT (project_id, %2$s) DO UPDATE SET
      first_day = least(k.first_day, EXCLUDED.first_day), last_day = greatest(k.last_day, EXCLUDED.last_day)
      WHERE EXCLUDED.first_day < k.first_day OR EXCLUDED.last_day > k.last_day$sql$,
    keys_table, key_list, changed);

  -- 2. A changed day without a row gets one: a copy of the key's running total before that day.
  EXECUTE format($sql$
    INSERT INTO %1$I (project_id, %2$s, day, %3$s)
    SELECT d.project_id, %4$s, d.day, %5$s
    FROM (SELECT DISTINCT project_id, %2$s, day FROM %6$s AS changed) AS d
    LEFT JOIN LATERAL (
      SELECT %3$s FROM %1$I AS r WHERE r.project_id = d.project_id AND %7$s AND r.day < d.day ORDER BY r.day DESC LIMIT 1
    ) AS p ON true
    WHERE NOT EXISTS (SELECT 1 FROM %1$I AS r WHERE r.project_id = d.project_id AND %7$s AND r.day = d.day)$sql$,
    running_table, key_list, measure_list, delta_key_list,
    (SELECT string_agg(format('coalesce(p.%1$I, 0)', m), ', ') FROM unnest(measures) AS m),
    changed, same_key);

  -- 3. Every row of a key from its first changed day on adds the key's changes up to its day:
  --    each d row holds the running sum of the changes, valid from d.day until d.next_day.
  EXECUTE format($sql$
    UPDATE %1$I AS r SET %2$s
    FROM (
      SELECT project_id, %3$s, day, lead(day, 1, 'infinity') OVER w AS next_day, %4$s
      FROM (SELECT project_id, %3$s, day, %5$s FROM %6$s AS changed GROUP BY project_id, %3$s, day) AS per_day
      WINDOW w AS (PARTITION BY project_id, %3$s ORDER BY day)
    ) AS d
    WHERE r.project_id = d.project_id AND %7$s AND r.day >= d.day AND r.day < d.next_day$sql$,
    running_table,
    (SELECT string_agg(format('%1$I = r.%1$I + d.%1$I', m), ', ') FROM unnest(measures) AS m),
    key_list,
    (SELECT string_agg(format('%2$s(%1$I) OVER w AS %1$I', m, CASE WHEN m = ANY(numeric_measures) THEN 'sum' ELSE 'sum_int8' END), ', ') FROM unnest(measures) AS m),
    (SELECT string_agg(format('%2$s(sign * %1$I) AS %1$I', m, CASE WHEN m = ANY(numeric_measures) THEN 'sum' ELSE 'sum_int8' END), ', ') FROM unnest(measures) AS m),
    changed, same_key);
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE TRIGGER usage_cumulative_insert AFTER INSERT ON usage_daily
  REFERENCING NEW TABLE AS cumulative_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_cumulative_apply('usage_cumulative', 'usage_cumulative_keys', 'feature,customer,provider,model');
CREATE OR REPLACE TRIGGER usage_cumulative_update AFTER UPDATE ON usage_daily
  REFERENCING OLD TABLE AS cumulative_old NEW TABLE AS cumulative_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_cumulative_apply('usage_cumulative', 'usage_cumulative_keys', 'feature,customer,provider,model');
CREATE OR REPLACE TRIGGER usage_cumulative_delete AFTER DELETE ON usage_daily
  REFERENCING OLD TABLE AS cumulative_old FOR EACH STATEMENT
  EXECUTE FUNCTION usage_cumulative_apply('usage_cumulative', 'usage_cumulative_keys', 'feature,customer,provider,model');

CREATE OR REPLACE TRIGGER usage_cumulative_insert AFTER INSERT ON usage_daily_customer
  REFERENCING NEW TABLE AS cumulative_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_cumulative_apply('usage_cumulative_customer', 'usage_cumulative_customer_keys', 'customer');
CREATE OR REPLACE TRIGGER usage_cumulative_update AFTER UPDATE ON usage_daily_customer
  REFERENCING OLD TABLE AS cumulative_old NEW TABLE AS cumulative_new FOR EACH STATEMENT
  EXECUTE FUNCTION usage_cumulative_apply('usage_cumulative_customer', 'usage_cumulative_customer_keys', 'customer');
CREATE OR REPLACE TRIGGER usage_cumulative_delete AFTER DELETE ON usage_daily_customer
  REFERENCING OLD TABLE AS cumulative_old FOR EACH STATEMENT
  EXECUTE FUNCTION usage_cumulative_apply('usage_cumulative_customer', 'usage_cumulative_customer_keys', 'customer');
