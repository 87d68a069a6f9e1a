-- Keeps usage_daily_model and usage_daily_customer in step with usage_daily for every writer
-- other than ingestion (re-pricing, deletions, hand-written SQL). Ingestion writes the two levels
-- itself from the per-key sums it computes for the batch anyway (lib/ingest/rollup-deltas.ts):
-- its transaction sets inferledger.levels_written = 'on' (SET LOCAL) and these triggers stand
-- aside for it.
--
-- The changed rows are the statement's transition tables, signed (+1 new, -1 old), and every
-- measure is a plain signed sum, grouped and in key order so concurrent writers lock in one
-- order. Dynamic SQL picks the transition tables the trigger has; planning per statement is fine
-- for these rare bulk writers. A level row left without events is deleted, not left at zero.
CREATE OR REPLACE FUNCTION usage_rollup_levels_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN '(SELECT *, 1 AS sign FROM usage_rollup_new)'
    WHEN 'DELETE' THEN '(SELECT *, -1 AS sign FROM usage_rollup_old)'
    ELSE '(SELECT *, 1 AS sign FROM usage_rollup_new UNION ALL SELECT *, -1 AS sign FROM usage_rollup_old)'
  END;
  v_project_id uuid[];
  v_day date[];
  v_feature text[];
  v_provider text[];
  v_model text[];
  v_customer text[];
BEGIN
  -- usage_daily_model: add the delta per key, then drop the keys left without events.
  EXECUTE format($sql$
    WITH changed AS (
      INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model,
        events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram_packed)
      SELECT project_id, day, feature, provider, model,
        sum(sign * events)::bigint, sum(sign * error_events)::bigint, sum(sign * unpriced_events)::bigint, sum(sign * tokens_input)::bigint, sum(sign * tokens_cache_read)::bigint, sum(sign * tokens_cache_write_5m)::bigint, sum(sign * tokens_cache_write_1h)::bigint, sum(sign * tokens_output)::bigint, sum(sign * tokens_reasoning)::bigint, sum(sign * tokens_audio_input)::bigint, sum(sign * tokens_audio_output)::bigint, sum(sign * tokens_image_input)::bigint, sum(sign * tokens_image_output)::bigint, sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count)::bigint, sum(sign * latency_sum_ms)::bigint, sum(sign * latency_histogram_packed)
      FROM %s AS delta
      GROUP BY project_id, day, feature, provider, model
      ORDER BY project_id, day, feature, provider, model
      ON CONFLICT (project_id, day, feature, provider, model) DO UPDATE SET
        events = d.events + EXCLUDED.events,
        error_events = d.error_events + EXCLUDED.error_events,
        unpriced_events = d.unpriced_events + EXCLUDED.unpriced_events,
        tokens_input = d.tokens_input + EXCLUDED.tokens_input,
        tokens_cache_read = d.tokens_cache_read + EXCLUDED.tokens_cache_read,
        tokens_cache_write_5m = d.tokens_cache_write_5m + EXCLUDED.tokens_cache_write_5m,
        tokens_cache_write_1h = d.tokens_cache_write_1h + EXCLUDED.tokens_cache_write_1h,
        tokens_output = d.tokens_output + EXCLUDED.tokens_output,
        tokens_reasoning = d.tokens_reasoning + EXCLUDED.tokens_reasoning,
        tokens_audio_input = d.tokens_audio_input + EXCLUDED.tokens_audio_input,
        tokens_audio_output = d.tokens_audio_output + EXCLUDED.tokens_audio_output,
        tokens_image_input = d.tokens_image_input + EXCLUDED.tokens_image_input,
        tokens_image_output = d.tokens_image_output + EXCLUDED.tokens_image_output,
        gpu_seconds = d.gpu_seconds + EXCLUDED.gpu_seconds,
        cost_token = d.cost_token + EXCLUDED.cost_token,
        cost_gpu = d.cost_gpu + EXCLUDED.cost_gpu,
        cost_total = d.cost_total + EXCLUDED.cost_total,
        latency_count = d.latency_count + EXCLUDED.latency_count,
        latency_sum_ms = d.latency_sum_ms + EXCLUDED.latency_sum_ms,
        latency_histogram_packed = d.latency_histogram_packed + EXCLUDED.latency_histogram_packed
      RETURNING d.project_id, d.day, d.feature, d.provider, d.model, d.events
    )
    SELECT array_agg(project_id), array_agg(day), array_agg(feature), array_agg(provider), array_agg(model) FROM changed WHERE events = 0$sql$, delta)
  INTO v_project_id, v_day, v_feature, v_provider, v_model;
  IF v_project_id IS NOT NULL THEN
    DELETE FROM usage_daily_model AS l
     USING unnest(v_project_id, v_day, v_feature, v_provider, v_model) AS z(project_id, day, feature, provider, model)
     WHERE l.project_id = z.project_id AND l.day = z.day AND l.feature = z.feature AND l.provider = z.provider AND l.model = z.model AND l.events = 0;
  END IF;

  -- usage_daily_customer: add the delta per key, then drop the keys left without events.
  EXECUTE format($sql$
    WITH changed AS (
      INSERT INTO usage_daily_customer AS d (project_id, day, customer,
        events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram_packed)
      SELECT project_id, day, customer,
        sum(sign * events)::bigint, sum(sign * error_events)::bigint, sum(sign * unpriced_events)::bigint, sum(sign * tokens_input)::bigint, sum(sign * tokens_cache_read)::bigint, sum(sign * tokens_cache_write_5m)::bigint, sum(sign * tokens_cache_write_1h)::bigint, sum(sign * tokens_output)::bigint, sum(sign * tokens_reasoning)::bigint, sum(sign * tokens_audio_input)::bigint, sum(sign * tokens_audio_output)::bigint, sum(sign * tokens_image_input)::bigint, sum(sign * tokens_image_output)::bigint, sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count)::bigint, sum(sign * latency_sum_ms)::bigint, sum(sign * latency_histogram_packed)
      FROM %s AS delta
      GROUP BY project_id, day, customer
      ORDER BY project_id, day, customer
      ON CONFLICT (project_id, day, customer) DO UPDATE SET
        events = d.events + EXCLUDED.events,
        error_events = d.error_events + EXCLUDED.error_events,
        unpriced_events = d.unpriced_events + EXCLUDED.unpriced_events,
        tokens_input = d.tokens_input + EXCLUDED.tokens_input,
        tokens_cache_read = d.tokens_cache_read + EXCLUDED.tokens_cache_read,
        tokens_cache_write_5m = d.tokens_cache_write_5m + EXCLUDED.tokens_cache_write_5m,
        tokens_cache_write_1h = d.tokens_cache_write_1h + EXCLUDED.tokens_cache_write_1h,
        tokens_output = d.tokens_output + EXCLUDED.tokens_output,
        tokens_reasoning = d.tokens_reasoning + EXCLUDED.tokens_reasoning,
        tokens_audio_input = d.tokens_audio_input + EXCLUDED.tokens_audio_input,
        tokens_audio_output = d.tokens_audio_output + EXCLUDED.tokens_audio_output,
        tokens_image_input = d.tokens_image_input + EXCLUDED.tokens_image_input,
        tokens_image_output = d.tokens_image_output + EXCLUDED.tokens_image_output,
        gpu_seconds = d.gpu_seconds + EXCLUDED.gpu_seconds,
        cost_token = d.cost_token + EXCLUDED.cost_token,
        cost_gpu = d.cost_gpu + EXCLUDED.cost_gpu,
        cost_total = d.cost_total + EXCLUDED.cost_total,
        latency_count = d.latency_count + EXCLUDED.latency_count,
        latency_sum_ms = d.latency_sum_ms + EXCLUDED.latency_sum_ms,
        latency_histogram_packed = d.latency_histogram_packed + EXCLUDED.latency_histogram_packed
      RETURNING d.project_id, d.day, d.customer, d.events
    )
    SELECT array_agg(project_id), array_agg(day), array_agg(customer) FROM changed WHERE events = 0$sql$, delta)
  INTO v_project_id, v_day, v_customer;
  IF v_project_id IS NOT NULL THEN
    DELETE FROM usage_daily_customer AS l
     USING unnest(v_project_id, v_day, v_customer) AS z(project_id, day, customer)
     WHERE l.project_id = z.project_id AND l.day = z.day AND l.customer = z.customer AND l.events = 0;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE TRIGGER usage_rollup_levels_insert AFTER INSERT ON usage_daily
  REFERENCING NEW TABLE AS usage_rollup_new FOR EACH STATEMENT
  WHEN (current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION usage_rollup_levels_apply();
CREATE OR REPLACE TRIGGER usage_rollup_levels_update AFTER UPDATE ON usage_daily
  REFERENCING OLD TABLE AS usage_rollup_old NEW TABLE AS usage_rollup_new FOR EACH STATEMENT
  WHEN (current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION usage_rollup_levels_apply();
CREATE OR REPLACE TRIGGER usage_rollup_levels_delete AFTER DELETE ON usage_daily
  REFERENCING OLD TABLE AS usage_rollup_old FOR EACH STATEMENT
  WHEN (current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION usage_rollup_levels_apply();
