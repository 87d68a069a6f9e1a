-- The rollup levels (usage_daily_model, usage_daily_customer) stay trigger-maintained from
-- usage_daily with the same statement-level triggers and transition tables, so every writer
-- of usage_daily (ingestion, re-pricing, deletion) keeps them in step in its own transaction.
-- Only the trigger functions change, for cost: 20261127190000 summed the 50-bucket latency
-- histograms by unnesting every changed row into 50 rows, regrouping them per bucket and
-- joining the re-aggregated arrays back (about 0.5 s per 1,000-row ingestion batch). Here each
-- bucket is one plain aggregate over the transition rows (sum(latency_histogram[i])) and the
-- merge into the level row is one ARRAY[...] of element-wise sums, with no unnest anywhere.
-- Level rows left at zero events are found from the upsert's RETURNING instead of a second
-- pass over every changed key.
--
-- An empty histogram ('{}', the column default, for rows written without latency) stays
-- empty when nothing with a histogram is added to it.
--
-- fillfactor: the rollup rows are updated in place by every batch that touches their key;
-- free room on each page lets PostgreSQL keep the new row version on the same page (HOT),
-- without a new primary-key index entry. Applies to pages written from now on.

CREATE OR REPLACE FUNCTION usage_rollup_levels_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model,
    events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms,
    latency_histogram)
  SELECT project_id, day, feature, provider, model,
    sum(events)::bigint, sum(error_events)::bigint, sum(unpriced_events)::bigint, sum(tokens_input)::bigint, sum(tokens_cache_read)::bigint, sum(tokens_cache_write_5m)::bigint, sum(tokens_cache_write_1h)::bigint, sum(tokens_output)::bigint, sum(tokens_reasoning)::bigint, sum(tokens_audio_input)::bigint, sum(tokens_audio_output)::bigint, sum(tokens_image_input)::bigint, sum(tokens_image_output)::bigint, sum(gpu_seconds), sum(cost_token), sum(cost_gpu), sum(cost_total), sum(latency_count)::bigint, sum(latency_sum_ms)::bigint,
    CASE WHEN max(cardinality(latency_histogram)) > 0 THEN ARRAY[
      coalesce(sum(latency_histogram[1]), 0), coalesce(sum(latency_histogram[2]), 0), coalesce(sum(latency_histogram[3]), 0), coalesce(sum(latency_histogram[4]), 0), coalesce(sum(latency_histogram[5]), 0),
      coalesce(sum(latency_histogram[6]), 0), coalesce(sum(latency_histogram[7]), 0), coalesce(sum(latency_histogram[8]), 0), coalesce(sum(latency_histogram[9]), 0), coalesce(sum(latency_histogram[10]), 0),
      coalesce(sum(latency_histogram[11]), 0), coalesce(sum(latency_histogram[12]), 0), coalesce(sum(latency_histogram[13]), 0), coalesce(sum(latency_histogram[14]), 0), coalesce(sum(latency_histogram[15]), 0),
      coalesce(sum(latency_histogram[16]), 0), coalesce(sum(latency_histogram[17]), 0), coalesce(sum(latency_histogram[18]), 0), coalesce(sum(latency_histogram[19]), 0), coalesce(sum(latency_histogram[20]), 0),
      coalesce(sum(latency_histogram[21]), 0), coalesce(sum(latency_histogram[22]), 0), coalesce(sum(latency_histogram[23]), 0), coalesce(sum(latency_histogram[24]), 0), coalesce(sum(latency_histogram[25]), 0),
      coalesce(sum(latency_histogram[26]), 0), coalesce(sum(latency_histogram[27]), 0), coalesce(sum(latency_histogram[28]), 0), coalesce(sum(latency_histogram[29]), 0), coalesce(sum(latency_histogram[30]), 0),
      coalesce(sum(latency_histogram[31]), 0), coalesce(sum(latency_histogram[32]), 0), coalesce(sum(latency_histogram[33]), 0), coalesce(sum(latency_histogram[34]), 0), coalesce(sum(latency_histogram[35]), 0),
      coalesce(sum(latency_histogram[36]), 0), coalesce(sum(latency_histogram[37]), 0), coalesce(sum(latency_histogram[38]), 0), coalesce(sum(latency_histogram[39]), 0), coalesce(sum(latency_histogram[40]), 0),
      coalesce(sum(latency_histogram[41]), 0), coalesce(sum(latency_histogram[42]), 0), coalesce(sum(latency_histogram[43]), 0), coalesce(sum(latency_histogram[44]), 0), coalesce(sum(latency_histogram[45]), 0),
      coalesce(sum(latency_histogram[46]), 0), coalesce(sum(latency_histogram[47]), 0), coalesce(sum(latency_histogram[48]), 0), coalesce(sum(latency_histogram[49]), 0), coalesce(sum(latency_histogram[50]), 0)]::bigint[] ELSE '{}'::bigint[] END
  FROM usage_rollup_new
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
    latency_histogram = CASE WHEN cardinality(d.latency_histogram) = 0 AND cardinality(EXCLUDED.latency_histogram) = 0 THEN '{}'::bigint[] ELSE ARRAY[
      coalesce(d.latency_histogram[1], 0) + coalesce(EXCLUDED.latency_histogram[1], 0), coalesce(d.latency_histogram[2], 0) + coalesce(EXCLUDED.latency_histogram[2], 0),
      coalesce(d.latency_histogram[3], 0) + coalesce(EXCLUDED.latency_histogram[3], 0), coalesce(d.latency_histogram[4], 0) + coalesce(EXCLUDED.latency_histogram[4], 0),
      coalesce(d.latency_histogram[5], 0) + coalesce(EXCLUDED.latency_histogram[5], 0), coalesce(d.latency_histogram[6], 0) + coalesce(EXCLUDED.latency_histogram[6], 0),
      coalesce(d.latency_histogram[7], 0) + coalesce(EXCLUDED.latency_histogram[7], 0), coalesce(d.latency_histogram[8], 0) + coalesce(EXCLUDED.latency_histogram[8], 0),
      coalesce(d.latency_histogram[9], 0) + coalesce(EXCLUDED.latency_histogram[9], 0), coalesce(d.latency_histogram[10], 0) + coalesce(EXCLUDED.latency_histogram[10], 0),
      coalesce(d.latency_histogram[11], 0) + coalesce(EXCLUDED.latency_histogram[11], 0), coalesce(d.latency_histogram[12], 0) + coalesce(EXCLUDED.latency_histogram[12], 0),
      coalesce(d.latency_histogram[13], 0) + coalesce(EXCLUDED.latency_histogram[13], 0), coalesce(d.latency_histogram[14], 0) + coalesce(EXCLUDED.latency_histogram[14], 0),
      coalesce(d.latency_histogram[15], 0) + coalesce(EXCLUDED.latency_histogram[15], 0), coalesce(d.latency_histogram[16], 0) + coalesce(EXCLUDED.latency_histogram[16], 0),
      coalesce(d.latency_histogram[17], 0) + coalesce(EXCLUDED.latency_histogram[17], 0), coalesce(d.latency_histogram[18], 0) + coalesce(EXCLUDED.latency_histogram[18], 0),
      coalesce(d.latency_histogram[19], 0) + coalesce(EXCLUDED.latency_histogram[19], 0), coalesce(d.latency_histogram[20], 0) + coalesce(EXCLUDED.latency_histogram[20], 0),
      coalesce(d.latency_histogram[21], 0) + coalesce(EXCLUDED.latency_histogram[21], 0), coalesce(d.latency_histogram[22], 0) + coalesce(EXCLUDED.latency_histogram[22], 0),
      coalesce(d.latency_histogram[23], 0) + coalesce(EXCLUDED.latency_histogram[23], 0), coalesce(d.latency_histogram[24], 0) + coalesce(EXCLUDED.latency_histogram[24], 0),
      coalesce(d.latency_histogram[25], 0) + coalesce(EXCLUDED.latency_histogram[25], 0), coalesce(d.latency_histogram[26], 0) + coalesce(EXCLUDED.latency_histogram[26], 0),
      coalesce(d.latency_histogram[27], 0) + coalesce(EXCLUDED.latency_histogram[27], 0), coalesce(d.latency_histogram[28], 0) + coalesce(EXCLUDED.latency_histogram[28], 0),
      coalesce(d.latency_histogram[29], 0) + coalesce(EXCLUDED.latency_histogram[29], 0), coalesce(d.latency_histogram[30], 0) + coalesce(EXCLUDED.latency_histogram[30], 0),
      coalesce(d.latency_histogram[31], 0) + coalesce(EXCLUDED.latency_histogram[31], 0), coalesce(d.latency_histogram[32], 0) + coalesce(EXCLUDED.latency_histogram[32], 0),
      coalesce(d.latency_histogram[33], 0) + coalesce(EXCLUDED.latency_histogram[33], 0), coalesce(d.latency_histogram[34], 0) + coalesce(EXCLUDED.latency_histogram[34], 0),
      coalesce(d.latency_histogram[35], 0) + coalesce(EXCLUDED.latency_histogram[35], 0), coalesce(d.latency_histogram[36], 0) + coalesce(EXCLUDED.latency_histogram[36], 0),
      coalesce(d.latency_histogram[37], 0) + coalesce(EXCLUDED.latency_histogram[37], 0), coalesce(d.latency_histogram[38], 0) + coalesce(EXCLUDED.latency_histogram[38], 0),
      coalesce(d.latency_histogram[39], 0) + coalesce(EXCLUDED.latency_histogram[39], 0), coalesce(d.latency_histogram[40], 0) + coalesce(EXCLUDED.latency_histogram[40], 0),
      coalesce(d.latency_histogram[41], 0) + coalesce(EXCLUDED.latency_histogram[41], 0), coalesce(d.latency_histogram[42], 0) + coalesce(EXCLUDED.latency_histogram[42], 0),
      coalesce(d.latency_histogram[43], 0) + coalesce(EXCLUDED.latency_histogram[43], 0), coalesce(d.latency_histogram[44], 0) + coalesce(EXCLUDED.latency_histogram[44], 0),
      coalesce(d.latency_histogram[45], 0) + coalesce(EXCLUDED.latency_histogram[45], 0), coalesce(d.latency_histogram[46], 0) + coalesce(EXCLUDED.latency_histogram[46], 0),
      coalesce(d.latency_histogram[47], 0) + coalesce(EXCLUDED.latency_histogram[47], 0), coalesce(d.latency_histogram[48], 0) + coalesce(EXCLUDED.latency_histogram[48], 0),
      coalesce(d.latency_histogram[49], 0) + coalesce(EXCLUDED.latency_histogram[49], 0), coalesce(d.latency_histogram[50], 0) + coalesce(EXCLUDED.latency_histogram[50], 0)]::bigint[] END;

  INSERT INTO usage_daily_customer AS d (project_id, day, customer,
    events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms,
    latency_histogram)
  SELECT project_id, day, customer,
    sum(events)::bigint, sum(error_events)::bigint, sum(unpriced_events)::bigint, sum(tokens_input)::bigint, sum(tokens_cache_read)::bigint, sum(tokens_cache_write_5m)::bigint, sum(tokens_cache_write_1h)::bigint, sum(tokens_output)::bigint, sum(tokens_reasoning)::bigint, sum(tokens_audio_input)::bigint, sum(tokens_audio_output)::bigint, sum(tokens_image_input)::bigint, sum(tokens_image_output)::bigint, sum(gpu_seconds), sum(cost_token), sum(cost_gpu), sum(cost_total), sum(latency_count)::bigint, sum(latency_sum_ms)::bigint,
    CASE WHEN max(cardinality(latency_histogram)) > 0 THEN ARRAY[
      coalesce(sum(latency_histogram[1]), 0), coalesce(sum(latency_histogram[2]), 0), coalesce(sum(latency_histogram[3]), 0), coalesce(sum(latency_histogram[4]), 0), coalesce(sum(latency_histogram[5]), 0),
      coalesce(sum(latency_histogram[6]), 0), coalesce(sum(latency_histogram[7]), 0), coalesce(sum(latency_histogram[8]), 0), coalesce(sum(latency_histogram[9]), 0), coalesce(sum(latency_histogram[10]), 0),
      coalesce(sum(latency_histogram[11]), 0), coalesce(sum(latency_histogram[12]), 0), coalesce(sum(latency_histogram[13]), 0), coalesce(sum(latency_histogram[14]), 0), coalesce(sum(latency_histogram[15]), 0),
      coalesce(sum(latency_histogram[16]), 0), coalesce(sum(latency_histogram[17]), 0), coalesce(sum(latency_histogram[18]), 0), coalesce(sum(latency_histogram[19]), 0), coalesce(sum(latency_histogram[20]), 0),
      coalesce(sum(latency_histogram[21]), 0), coalesce(sum(latency_histogram[22]), 0), coalesce(sum(latency_histogram[23]), 0), coalesce(sum(latency_histogram[24]), 0), coalesce(sum(latency_histogram[25]), 0),
      coalesce(sum(latency_histogram[26]), 0), coalesce(sum(latency_histogram[27]), 0), coalesce(sum(latency_histogram[28]), 0), coalesce(sum(latency_histogram[29]), 0), coalesce(sum(latency_histogram[30]), 0),
      coalesce(sum(latency_histogram[31]), 0), coalesce(sum(latency_histogram[32]), 0), coalesce(sum(latency_histogram[33]), 0), coalesce(sum(latency_histogram[34]), 0), coalesce(sum(latency_histogram[35]), 0),
      coalesce(sum(latency_histogram[36]), 0), coalesce(sum(latency_histogram[37]), 0), coalesce(sum(latency_histogram[38]), 0), coalesce(sum(latency_histogram[39]), 0), coalesce(sum(latency_histogram[40]), 0),
      coalesce(sum(latency_histogram[41]), 0), coalesce(sum(latency_histogram[42]), 0), coalesce(sum(latency_histogram[43]), 0), coalesce(sum(latency_histogram[44]), 0), coalesce(sum(latency_histogram[45]), 0),
      coalesce(sum(latency_histogram[46]), 0), coalesce(sum(latency_histogram[47]), 0), coalesce(sum(latency_histogram[48]), 0), coalesce(sum(latency_histogram[49]), 0), coalesce(sum(latency_histogram[50]), 0)]::bigint[] ELSE '{}'::bigint[] END
  FROM usage_rollup_new
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
    latency_histogram = CASE WHEN cardinality(d.latency_histogram) = 0 AND cardinality(EXCLUDED.latency_histogram) = 0 THEN '{}'::bigint[] ELSE ARRAY[
      coalesce(d.latency_histogram[1], 0) + coalesce(EXCLUDED.latency_histogram[1], 0), coalesce(d.latency_histogram[2], 0) + coalesce(EXCLUDED.latency_histogram[2], 0),
      coalesce(d.latency_histogram[3], 0) + coalesce(EXCLUDED.latency_histogram[3], 0), coalesce(d.latency_histogram[4], 0) + coalesce(EXCLUDED.latency_histogram[4], 0),
      coalesce(d.latency_histogram[5], 0) + coalesce(EXCLUDED.latency_histogram[5], 0), coalesce(d.latency_histogram[6], 0) + coalesce(EXCLUDED.latency_histogram[6], 0),
      coalesce(d.latency_histogram[7], 0) + coalesce(EXCLUDED.latency_histogram[7], 0), coalesce(d.latency_histogram[8], 0) + coalesce(EXCLUDED.latency_histogram[8], 0),
      coalesce(d.latency_histogram[9], 0) + coalesce(EXCLUDED.latency_histogram[9], 0), coalesce(d.latency_histogram[10], 0) + coalesce(EXCLUDED.latency_histogram[10], 0),
      coalesce(d.latency_histogram[11], 0) + coalesce(EXCLUDED.latency_histogram[11], 0), coalesce(d.latency_histogram[12], 0) + coalesce(EXCLUDED.latency_histogram[12], 0),
      coalesce(d.latency_histogram[13], 0) + coalesce(EXCLUDED.latency_histogram[13], 0), coalesce(d.latency_histogram[14], 0) + coalesce(EXCLUDED.latency_histogram[14], 0),
      coalesce(d.latency_histogram[15], 0) + coalesce(EXCLUDED.latency_histogram[15], 0), coalesce(d.latency_histogram[16], 0) + coalesce(EXCLUDED.latency_histogram[16], 0),
      coalesce(d.latency_histogram[17], 0) + coalesce(EXCLUDED.latency_histogram[17], 0), coalesce(d.latency_histogram[18], 0) + coalesce(EXCLUDED.latency_histogram[18], 0),
      coalesce(d.latency_histogram[19], 0) + coalesce(EXCLUDED.latency_histogram[19], 0), coalesce(d.latency_histogram[20], 0) + coalesce(EXCLUDED.latency_histogram[20], 0),
      coalesce(d.latency_histogram[21], 0) + coalesce(EXCLUDED.latency_histogram[21], 0), coalesce(d.latency_histogram[22], 0) + coalesce(EXCLUDED.latency_histogram[22], 0),
      coalesce(d.latency_histogram[23], 0) + coalesce(EXCLUDED.latency_histogram[23], 0), coalesce(d.latency_histogram[24], 0) + coalesce(EXCLUDED.latency_histogram[24], 0),
      coalesce(d.latency_histogram[25], 0) + coalesce(EXCLUDED.latency_histogram[25], 0), coalesce(d.latency_histogram[26], 0) + coalesce(EXCLUDED.latency_histogram[26], 0),
      coalesce(d.latency_histogram[27], 0) + coalesce(EXCLUDED.latency_histogram[27], 0), coalesce(d.latency_histogram[28], 0) + coalesce(EXCLUDED.latency_histogram[28], 0),
      coalesce(d.latency_histogram[29], 0) + coalesce(EXCLUDED.latency_histogram[29], 0), coalesce(d.latency_histogram[30], 0) + coalesce(EXCLUDED.latency_histogram[30], 0),
      coalesce(d.latency_histogram[31], 0) + coalesce(EXCLUDED.latency_histogram[31], 0), coalesce(d.latency_histogram[32], 0) + coalesce(EXCLUDED.latency_histogram[32], 0),
      coalesce(d.latency_histogram[33], 0) + coalesce(EXCLUDED.latency_histogram[33], 0), coalesce(d.latency_histogram[34], 0) + coalesce(EXCLUDED.latency_histogram[34], 0),
      coalesce(d.latency_histogram[35], 0) + coalesce(EXCLUDED.latency_histogram[35], 0), coalesce(d.latency_histogram[36], 0) + coalesce(EXCLUDED.latency_histogram[36], 0),
      coalesce(d.latency_histogram[37], 0) + coalesce(EXCLUDED.latency_histogram[37], 0), coalesce(d.latency_histogram[38], 0) + coalesce(EXCLUDED.latency_histogram[38], 0),
      coalesce(d.latency_histogram[39], 0) + coalesce(EXCLUDED.latency_histogram[39], 0), coalesce(d.latency_histogram[40], 0) + coalesce(EXCLUDED.latency_histogram[40], 0),
      coalesce(d.latency_histogram[41], 0) + coalesce(EXCLUDED.latency_histogram[41], 0), coalesce(d.latency_histogram[42], 0) + coalesce(EXCLUDED.latency_histogram[42], 0),
      coalesce(d.latency_histogram[43], 0) + coalesce(EXCLUDED.latency_histogram[43], 0), coalesce(d.latency_histogram[44], 0) + coalesce(EXCLUDED.latency_histogram[44], 0),
      coalesce(d.latency_histogram[45], 0) + coalesce(EXCLUDED.latency_histogram[45], 0), coalesce(d.latency_histogram[46], 0) + coalesce(EXCLUDED.latency_histogram[46], 0),
      coalesce(d.latency_histogram[47], 0) + coalesce(EXCLUDED.latency_histogram[47], 0), coalesce(d.latency_histogram[48], 0) + coalesce(EXCLUDED.latency_histogram[48], 0),
      coalesce(d.latency_histogram[49], 0) + coalesce(EXCLUDED.latency_histogram[49], 0), coalesce(d.latency_histogram[50], 0) + coalesce(EXCLUDED.latency_histogram[50], 0)]::bigint[] END;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION usage_rollup_levels_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_project_id uuid[];
  v_day date[];
  v_feature text[];
  v_provider text[];
  v_model text[];
  v_customer text[];
BEGIN
  WITH changed AS (
    INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model,
      events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms,
      latency_histogram)
    SELECT project_id, day, feature, provider, model,
      sum(sign * events)::bigint, sum(sign * error_events)::bigint, sum(sign * unpriced_events)::bigint, sum(sign * tokens_input)::bigint, sum(sign * tokens_cache_read)::bigint, sum(sign * tokens_cache_write_5m)::bigint, sum(sign * tokens_cache_write_1h)::bigint, sum(sign * tokens_output)::bigint, sum(sign * tokens_reasoning)::bigint, sum(sign * tokens_audio_input)::bigint, sum(sign * tokens_audio_output)::bigint, sum(sign * tokens_image_input)::bigint, sum(sign * tokens_image_output)::bigint, sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count)::bigint, sum(sign * latency_sum_ms)::bigint,
      CASE WHEN max(cardinality(latency_histogram)) > 0 THEN ARRAY[
        coalesce(sum(sign * latency_histogram[1]), 0), coalesce(sum(sign * latency_histogram[2]), 0), coalesce(sum(sign * latency_histogram[3]), 0), coalesce(sum(sign * latency_histogram[4]), 0), coalesce(sum(sign * latency_histogram[5]), 0),
        coalesce(sum(sign * latency_histogram[6]), 0), coalesce(sum(sign * latency_histogram[7]), 0), coalesce(sum(sign * latency_histogram[8]), 0), coalesce(sum(sign * latency_histogram[9]), 0), coalesce(sum(sign * latency_histogram[10]), 0),
        coalesce(sum(sign * latency_histogram[11]), 0), coalesce(sum(sign * latency_histogram[12]), 0), coalesce(sum(sign * latency_histogram[13]), 0), coalesce(sum(sign * latency_histogram[14]), 0), coalesce(sum(sign * latency_histogram[15]), 0),
        coalesce(sum(sign * latency_histogram[16]), 0), coalesce(sum(sign * latency_histogram[17]), 0), coalesce(sum(sign * latency_histogram[18]), 0), coalesce(sum(sign * latency_histogram[19]), 0), coalesce(sum(sign * latency_histogram[20]), 0),
        coalesce(sum(sign * latency_histogram[21]), 0), coalesce(sum(sign * latency_histogram[22]), 0), coalesce(sum(sign * latency_histogram[23]), 0), coalesce(sum(sign * latency_histogram[24]), 0), coalesce(sum(sign * latency_histogram[25]), 0),
        coalesce(sum(sign * latency_histogram[26]), 0), coalesce(sum(sign * latency_histogram[27]), 0), coalesce(sum(sign * latency_histogram[28]), 0), coalesce(sum(sign * latency_histogram[29]), 0), coalesce(sum(sign * latency_histogram[30]), 0),
        coalesce(sum(sign * latency_histogram[31]), 0), coalesce(sum(sign * latency_histogram[32]), 0), coalesce(sum(sign * latency_histogram[33]), 0), coalesce(sum(sign * latency_histogram[34]), 0), coalesce(sum(sign * latency_histogram[35]), 0),
        coalesce(sum(sign * latency_histogram[36]), 0), coalesce(sum(sign * latency_histogram[37]), 0), coalesce(sum(sign * latency_histogram[38]), 0), coalesce(sum(sign * latency_histogram[39]), 0), coalesce(sum(sign * latency_histogram[40]), 0),
        coalesce(sum(sign * latency_histogram[41]), 0), coalesce(sum(sign * latency_histogram[42]), 0), coalesce(sum(sign * latency_histogram[43]), 0), coalesce(sum(sign * latency_histogram[44]), 0), coalesce(sum(sign * latency_histogram[45]), 0),
        coalesce(sum(sign * latency_histogram[46]), 0), coalesce(sum(sign * latency_histogram[47]), 0), coalesce(sum(sign * latency_histogram[48]), 0), coalesce(sum(sign * latency_histogram[49]), 0), coalesce(sum(sign * latency_histogram[50]), 0)]::bigint[] ELSE '{}'::bigint[] END
    FROM (SELECT *, 1 AS sign FROM usage_rollup_new UNION ALL SELECT *, -1 AS sign FROM usage_rollup_old) AS delta
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
      latency_histogram = CASE WHEN cardinality(d.latency_histogram) = 0 AND cardinality(EXCLUDED.latency_histogram) = 0 THEN '{}'::bigint[] ELSE ARRAY[
        coalesce(d.latency_histogram[1], 0) + coalesce(EXCLUDED.latency_histogram[1], 0), coalesce(d.latency_histogram[2], 0) + coalesce(EXCLUDED.latency_histogram[2], 0),
        coalesce(d.latency_histogram[3], 0) + coalesce(EXCLUDED.latency_histogram[3], 0), coalesce(d.latency_histogram[4], 0) + coalesce(EXCLUDED.latency_histogram[4], 0),
        coalesce(d.latency_histogram[5], 0) + coalesce(EXCLUDED.latency_histogram[5], 0), coalesce(d.latency_histogram[6], 0) + coalesce(EXCLUDED.latency_histogram[6], 0),
        coalesce(d.latency_histogram[7], 0) + coalesce(EXCLUDED.latency_histogram[7], 0), coalesce(d.latency_histogram[8], 0) + coalesce(EXCLUDED.latency_histogram[8], 0),
        coalesce(d.latency_histogram[9], 0) + coalesce(EXCLUDED.latency_histogram[9], 0), coalesce(d.latency_histogram[10], 0) + coalesce(EXCLUDED.latency_histogram[10], 0),
        coalesce(d.latency_histogram[11], 0) + coalesce(EXCLUDED.latency_histogram[11], 0), coalesce(d.latency_histogram[12], 0) + coalesce(EXCLUDED.latency_histogram[12], 0),
        coalesce(d.latency_histogram[13], 0) + coalesce(EXCLUDED.latency_histogram[13], 0), coalesce(d.latency_histogram[14], 0) + coalesce(EXCLUDED.latency_histogram[14], 0),
        coalesce(d.latency_histogram[15], 0) + coalesce(EXCLUDED.latency_histogram[15], 0), coalesce(d.latency_histogram[16], 0) + coalesce(EXCLUDED.latency_histogram[16], 0),
        coalesce(d.latency_histogram[17], 0) + coalesce(EXCLUDED.latency_histogram[17], 0), coalesce(d.latency_histogram[18], 0) + coalesce(EXCLUDED.latency_histogram[18], 0),
        coalesce(d.latency_histogram[19], 0) + coalesce(EXCLUDED.latency_histogram[19], 0), coalesce(d.latency_histogram[20], 0) + coalesce(EXCLUDED.latency_histogram[20], 0),
        coalesce(d.latency_histogram[21], 0) + coalesce(EXCLUDED.latency_histogram[21], 0), coalesce(d.latency_histogram[22], 0) + coalesce(EXCLUDED.latency_histogram[22], 0),
        coalesce(d.latency_histogram[23], 0) + coalesce(EXCLUDED.latency_histogram[23], 0), coalesce(d.latency_histogram[24], 0) + coalesce(EXCLUDED.latency_histogram[24], 0),
        coalesce(d.latency_histogram[25], 0) + coalesce(EXCLUDED.latency_histogram[25], 0), coalesce(d.latency_histogram[26], 0) + coalesce(EXCLUDED.latency_histogram[26], 0),
        coalesce(d.latency_histogram[27], 0) + coalesce(EXCLUDED.latency_histogram[27], 0), coalesce(d.latency_histogram[28], 0) + coalesce(EXCLUDED.latency_histogram[28], 0),
        coalesce(d.latency_histogram[29], 0) + coalesce(EXCLUDED.latency_histogram[29], 0), coalesce(d.latency_histogram[30], 0) + coalesce(EXCLUDED.latency_histogram[30], 0),
        coalesce(d.latency_histogram[31], 0) + coalesce(EXCLUDED.latency_histogram[31], 0), coalesce(d.latency_histogram[32], 0) + coalesce(EXCLUDED.latency_histogram[32], 0),
        coalesce(d.latency_histogram[33], 0) + coalesce(EXCLUDED.latency_histogram[33], 0), coalesce(d.latency_histogram[34], 0) + coalesce(EXCLUDED.latency_histogram[34], 0),
        coalesce(d.latency_histogram[35], 0) + coalesce(EXCLUDED.latency_histogram[35], 0), coalesce(d.latency_histogram[36], 0) + coalesce(EXCLUDED.latency_histogram[36], 0),
        coalesce(d.latency_histogram[37], 0) + coalesce(EXCLUDED.latency_histogram[37], 0), coalesce(d.latency_histogram[38], 0) + coalesce(EXCLUDED.latency_histogram[38], 0),
        coalesce(d.latency_histogram[39], 0) + coalesce(EXCLUDED.latency_histogram[39], 0), coalesce(d.latency_histogram[40], 0) + coalesce(EXCLUDED.latency_histogram[40], 0),
        coalesce(d.latency_histogram[41], 0) + coalesce(EXCLUDED.latency_histogram[41], 0), coalesce(d.latency_histogram[42], 0) + coalesce(EXCLUDED.latency_histogram[42], 0),
        coalesce(d.latency_histogram[43], 0) + coalesce(EXCLUDED.latency_histogram[43], 0), coalesce(d.latency_histogram[44], 0) + coalesce(EXCLUDED.latency_histogram[44], 0),
        coalesce(d.latency_histogram[45], 0) + coalesce(EXCLUDED.latency_histogram[45], 0), coalesce(d.latency_histogram[46], 0) + coalesce(EXCLUDED.latency_histogram[46], 0),
        coalesce(d.latency_histogram[47], 0) + coalesce(EXCLUDED.latency_histogram[47], 0), coalesce(d.latency_histogram[48], 0) + coalesce(EXCLUDED.latency_histogram[48], 0),
        coalesce(d.latency_histogram[49], 0) + coalesce(EXCLUDED.latency_histogram[49], 0), coalesce(d.latency_histogram[50], 0) + coalesce(EXCLUDED.latency_histogram[50], 0)]::bigint[] END
    RETURNING d.project_id, d.day, d.feature, d.provider, d.model, d.events
  )
  SELECT array_agg(project_id), array_agg(day), array_agg(feature), array_agg(provider), array_agg(model) INTO v_project_id, v_day, v_feature, v_provider, v_model FROM changed WHERE events = 0;
  IF v_project_id IS NOT NULL THEN
    DELETE FROM usage_daily_model AS l
     USING unnest(v_project_id, v_day, v_feature, v_provider, v_model) AS z(project_id, day, feature, provider, model)
     WHERE l.project_id = z.project_id AND l.day = z.day AND l.feature = z.feature AND l.provider = z.provider AND l.model = z.model AND l.events = 0;
  END IF;

  WITH changed AS (
    INSERT INTO usage_daily_customer AS d (project_id, day, customer,
      events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms,
      latency_histogram)
    SELECT project_id, day, customer,
      sum(sign * events)::bigint, sum(sign * error_events)::bigint, sum(sign * unpriced_events)::bigint, sum(sign * tokens_input)::bigint, sum(sign * tokens_cache_read)::bigint, sum(sign * tokens_cache_write_5m)::bigint, sum(sign * tokens_cache_write_1h)::bigint, sum(sign * tokens_output)::bigint, sum(sign * tokens_reasoning)::bigint, sum(sign * tokens_audio_input)::bigint, sum(sign * tokens_audio_output)::bigint, sum(sign * tokens_image_input)::bigint, sum(sign * tokens_image_output)::bigint, sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count)::bigint, sum(sign * latency_sum_ms)::bigint,
      CASE WHEN max(cardinality(latency_histogram)) > 0 THEN ARRAY[
        coalesce(sum(sign * latency_histogram[1]), 0), coalesce(sum(sign * latency_histogram[2]), 0), coalesce(sum(sign * latency_histogram[3]), 0), coalesce(sum(sign * latency_histogram[4]), 0), coalesce(sum(sign * latency_histogram[5]), 0),
        coalesce(sum(sign * latency_histogram[6]), 0), coalesce(sum(sign * latency_histogram[7]), 0), coalesce(sum(sign * latency_histogram[8]), 0), coalesce(sum(sign * latency_histogram[9]), 0), coalesce(sum(sign * latency_histogram[10]), 0),
        coalesce(sum(sign * latency_histogram[11]), 0), coalesce(sum(sign * latency_histogram[12]), 0), coalesce(sum(sign * latency_histogram[13]), 0), coalesce(sum(sign * latency_histogram[14]), 0), coalesce(sum(sign * latency_histogram[15]), 0),
        coalesce(sum(sign * latency_histogram[16]), 0), coalesce(sum(sign * latency_histogram[17]), 0), coalesce(sum(sign * latency_histogram[18]), 0), coalesce(sum(sign * latency_histogram[19]), 0), coalesce(sum(sign * latency_histogram[20]), 0),
        coalesce(sum(sign * latency_histogram[21]), 0), coalesce(sum(sign * latency_histogram[22]), 0), coalesce(sum(sign * latency_histogram[23]), 0), coalesce(sum(sign * latency_histogram[24]), 0), coalesce(sum(sign * latency_histogram[25]), 0),
        coalesce(sum(sign * latency_histogram[26]), 0), coalesce(sum(sign * latency_histogram[27]), 0), coalesce(sum(sign * latency_histogram[28]), 0), coalesce(sum(sign * latency_histogram[29]), 0), coalesce(sum(sign * latency_histogram[30]), 0),
        coalesce(sum(sign * latency_histogram[31]), 0), coalesce(sum(sign * latency_histogram[32]), 0), coalesce(sum(sign * latency_histogram[33]), 0), coalesce(sum(sign * latency_histogram[34]), 0), coalesce(sum(sign * latency_histogram[35]), 0),
        coalesce(sum(sign * latency_histogram[36]), 0), coalesce(sum(sign * latency_histogram[37]), 0), coalesce(sum(sign * latency_histogram[38]), 0), coalesce(sum(sign * latency_histogram[39]), 0), coalesce(sum(sign * latency_histogram[40]), 0),
        coalesce(sum(sign * latency_histogram[41]), 0), coalesce(sum(sign * latency_histogram[42]), 0), coalesce(sum(sign * latency_histogram[43]), 0), coalesce(sum(sign * latency_histogram[44]), 0), coalesce(sum(sign * latency_histogram[45]), 0),
        coalesce(sum(sign * latency_histogram[46]), 0), coalesce(sum(sign * latency_histogram[47]), 0), coalesce(sum(sign * latency_histogram[48]), 0), coalesce(sum(sign * latency_histogram[49]), 0), coalesce(sum(sign * latency_histogram[50]), 0)]::bigint[] ELSE '{}'::bigint[] END
    FROM (SELECT *, 1 AS sign FROM usage_rollup_new UNION ALL SELECT *, -1 AS sign FROM usage_rollup_old) AS delta
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
      latency_histogram = CASE WHEN cardinality(d.latency_histogram) = 0 AND cardinality(EXCLUDED.latency_histogram) = 0 THEN '{}'::bigint[] ELSE ARRAY[
        coalesce(d.latency_histogram[1], 0) + coalesce(EXCLUDED.latency_histogram[1], 0), coalesce(d.latency_histogram[2], 0) + coalesce(EXCLUDED.latency_histogram[2], 0),
        coalesce(d.latency_histogram[3], 0) + coalesce(EXCLUDED.latency_histogram[3], 0), coalesce(d.latency_histogram[4], 0) + coalesce(EXCLUDED.latency_histogram[4], 0),
        coalesce(d.latency_histogram[5], 0) + coalesce(EXCLUDED.latency_histogram[5], 0), coalesce(d.latency_histogram[6], 0) + coalesce(EXCLUDED.latency_histogram[6], 0),
        coalesce(d.latency_histogram[7], 0) + coalesce(EXCLUDED.latency_histogram[7], 0), coalesce(d.latency_histogram[8], 0) + coalesce(EXCLUDED.latency_histogram[8], 0),
        coalesce(d.latency_histogram[9], 0) + coalesce(EXCLUDED.latency_histogram[9], 0), coalesce(d.latency_histogram[10], 0) + coalesce(EXCLUDED.latency_histogram[10], 0),
        coalesce(d.latency_histogram[11], 0) + coalesce(EXCLUDED.latency_histogram[11], 0), coalesce(d.latency_histogram[12], 0) + coalesce(EXCLUDED.latency_histogram[12], 0),
        coalesce(d.latency_histogram[13], 0) + coalesce(EXCLUDED.latency_histogram[13], 0), coalesce(d.latency_histogram[14], 0) + coalesce(EXCLUDED.latency_histogram[14], 0),
        coalesce(d.latency_histogram[15], 0) + coalesce(EXCLUDED.latency_histogram[15], 0), coalesce(d.latency_histogram[16], 0) + coalesce(EXCLUDED.latency_histogram[16], 0),
        coalesce(d.latency_histogram[17], 0) + coalesce(EXCLUDED.latency_histogram[17], 0), coalesce(d.latency_histogram[18], 0) + coalesce(EXCLUDED.latency_histogram[18], 0),
        coalesce(d.latency_histogram[19], 0) + coalesce(EXCLUDED.latency_histogram[19], 0), coalesce(d.latency_histogram[20], 0) + coalesce(EXCLUDED.latency_histogram[20], 0),
        coalesce(d.latency_histogram[21], 0) + coalesce(EXCLUDED.latency_histogram[21], 0), coalesce(d.latency_histogram[22], 0) + coalesce(EXCLUDED.latency_histogram[22], 0),
        coalesce(d.latency_histogram[23], 0) + coalesce(EXCLUDED.latency_histogram[23], 0), coalesce(d.latency_histogram[24], 0) + coalesce(EXCLUDED.latency_histogram[24], 0),
        coalesce(d.latency_histogram[25], 0) + coalesce(EXCLUDED.latency_histogram[25], 0), coalesce(d.latency_histogram[26], 0) + coalesce(EXCLUDED.latency_histogram[26], 0),
        coalesce(d.latency_histogram[27], 0) + coalesce(EXCLUDED.latency_histogram[27], 0), coalesce(d.latency_histogram[28], 0) + coalesce(EXCLUDED.latency_histogram[28], 0),
        coalesce(d.latency_histogram[29], 0) + coalesce(EXCLUDED.latency_histogram[29], 0), coalesce(d.latency_histogram[30], 0) + coalesce(EXCLUDED.latency_histogram[30], 0),
        coalesce(d.latency_histogram[31], 0) + coalesce(EXCLUDED.latency_histogram[31], 0), coalesce(d.latency_histogram[32], 0) + coalesce(EXCLUDED.latency_histogram[32], 0),
        coalesce(d.latency_histogram[33], 0) + coalesce(EXCLUDED.latency_histogram[33], 0), coalesce(d.latency_histogram[34], 0) + coalesce(EXCLUDED.latency_histogram[34], 0),
        coalesce(d.latency_histogram[35], 0) + coalesce(EXCLUDED.latency_histogram[35], 0), coalesce(d.latency_histogram[36], 0) + coalesce(EXCLUDED.latency_histogram[36], 0),
        coalesce(d.latency_histogram[37], 0) + coalesce(EXCLUDED.latency_histogram[37], 0), coalesce(d.latency_histogram[38], 0) + coalesce(EXCLUDED.latency_histogram[38], 0),
        coalesce(d.latency_histogram[39], 0) + coalesce(EXCLUDED.latency_histogram[39], 0), coalesce(d.latency_histogram[40], 0) + coalesce(EXCLUDED.latency_histogram[40], 0),
        coalesce(d.latency_histogram[41], 0) + coalesce(EXCLUDED.latency_histogram[41], 0), coalesce(d.latency_histogram[42], 0) + coalesce(EXCLUDED.latency_histogram[42], 0),
        coalesce(d.latency_histogram[43], 0) + coalesce(EXCLUDED.latency_histogram[43], 0), coalesce(d.latency_histogram[44], 0) + coalesce(EXCLUDED.latency_histogram[44], 0),
        coalesce(d.latency_histogram[45], 0) + coalesce(EXCLUDED.latency_histogram[45], 0), coalesce(d.latency_histogram[46], 0) + coalesce(EXCLUDED.latency_histogram[46], 0),
        coalesce(d.latency_histogram[47], 0) + coalesce(EXCLUDED.latency_histogram[47], 0), coalesce(d.latency_histogram[48], 0) + coalesce(EXCLUDED.latency_histogram[48], 0),
        coalesce(d.latency_histogram[49], 0) + coalesce(EXCLUDED.latency_histogram[49], 0), coalesce(d.latency_histogram[50], 0) + coalesce(EXCLUDED.latency_histogram[50], 0)]::bigint[] END
    RETURNING d.project_id, d.day, d.customer, d.events
  )
  SELECT array_agg(project_id), array_agg(day), array_agg(customer) INTO v_project_id, v_day, v_customer FROM changed WHERE events = 0;
  IF v_project_id IS NOT NULL THEN
    DELETE FROM usage_daily_customer AS l
     USING unnest(v_project_id, v_day, v_customer) AS z(project_id, day, customer)
     WHERE l.project_id = z.project_id AND l.day = z.day AND l.customer = z.customer AND l.events = 0;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION usage_rollup_levels_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_project_id uuid[];
  v_day date[];
  v_feature text[];
  v_provider text[];
  v_model text[];
  v_customer text[];
BEGIN
  WITH changed AS (
    INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model,
      events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms,
      latency_histogram)
    SELECT project_id, day, feature, provider, model,
      sum(sign * events)::bigint, sum(sign * error_events)::bigint, sum(sign * unpriced_events)::bigint, sum(sign * tokens_input)::bigint, sum(sign * tokens_cache_read)::bigint, sum(sign * tokens_cache_write_5m)::bigint, sum(sign * tokens_cache_write_1h)::bigint, sum(sign * tokens_output)::bigint, sum(sign * tokens_reasoning)::bigint, sum(sign * tokens_audio_input)::bigint, sum(sign * tokens_audio_output)::bigint, sum(sign * tokens_image_input)::bigint, sum(sign * tokens_image_output)::bigint, sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count)::bigint, sum(sign * latency_sum_ms)::bigint,
      CASE WHEN max(cardinality(latency_histogram)) > 0 THEN ARRAY[
        coalesce(sum(sign * latency_histogram[1]), 0), coalesce(sum(sign * latency_histogram[2]), 0), coalesce(sum(sign * latency_histogram[3]), 0), coalesce(sum(sign * latency_histogram[4]), 0), coalesce(sum(sign * latency_histogram[5]), 0),
        coalesce(sum(sign * latency_histogram[6]), 0), coalesce(sum(sign * latency_histogram[7]), 0), coalesce(sum(sign * latency_histogram[8]), 0), coalesce(sum(sign * latency_histogram[9]), 0), coalesce(sum(sign * latency_histogram[10]), 0),
        coalesce(sum(sign * latency_histogram[11]), 0), coalesce(sum(sign * latency_histogram[12]), 0), coalesce(sum(sign * latency_histogram[13]), 0), coalesce(sum(sign * latency_histogram[14]), 0), coalesce(sum(sign * latency_histogram[15]), 0),
        coalesce(sum(sign * latency_histogram[16]), 0), coalesce(sum(sign * latency_histogram[17]), 0), coalesce(sum(sign * latency_histogram[18]), 0), coalesce(sum(sign * latency_histogram[19]), 0), coalesce(sum(sign * latency_histogram[20]), 0),
        coalesce(sum(sign * latency_histogram[21]), 0), coalesce(sum(sign * latency_histogram[22]), 0), coalesce(sum(sign * latency_histogram[23]), 0), coalesce(sum(sign * latency_histogram[24]), 0), coalesce(sum(sign * latency_histogram[25]), 0),
        coalesce(sum(sign * latency_histogram[26]), 0), coalesce(sum(sign * latency_histogram[27]), 0), coalesce(sum(sign * latency_histogram[28]), 0), coalesce(sum(sign * latency_histogram[29]), 0), coalesce(sum(sign * latency_histogram[30]), 0),
        coalesce(sum(sign * latency_histogram[31]), 0), coalesce(sum(sign * latency_histogram[32]), 0), coalesce(sum(sign * latency_histogram[33]), 0), coalesce(sum(sign * latency_histogram[34]), 0), coalesce(sum(sign * latency_histogram[35]), 0),
        coalesce(sum(sign * latency_histogram[36]), 0), coalesce(sum(sign * latency_histogram[37]), 0), coalesce(sum(sign * latency_histogram[38]), 0), coalesce(sum(sign * latency_histogram[39]), 0), coalesce(sum(sign * latency_histogram[40]), 0),
        coalesce(sum(sign * latency_histogram[41]), 0), coalesce(sum(sign * latency_histogram[42]), 0), coalesce(sum(sign * latency_histogram[43]), 0), coalesce(sum(sign * latency_histogram[44]), 0), coalesce(sum(sign * latency_histogram[45]), 0),
        coalesce(sum(sign * latency_histogram[46]), 0), coalesce(sum(sign * latency_histogram[47]), 0), coalesce(sum(sign * latency_histogram[48]), 0), coalesce(sum(sign * latency_histogram[49]), 0), coalesce(sum(sign * latency_histogram[50]), 0)]::bigint[] ELSE '{}'::bigint[] END
    FROM (SELECT *, -1 AS sign FROM usage_rollup_old) AS delta
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
      latency_histogram = CASE WHEN cardinality(d.latency_histogram) = 0 AND cardinality(EXCLUDED.latency_histogram) = 0 THEN '{}'::bigint[] ELSE ARRAY[
        coalesce(d.latency_histogram[1], 0) + coalesce(EXCLUDED.latency_histogram[1], 0), coalesce(d.latency_histogram[2], 0) + coalesce(EXCLUDED.latency_histogram[2], 0),
        coalesce(d.latency_histogram[3], 0) + coalesce(EXCLUDED.latency_histogram[3], 0), coalesce(d.latency_histogram[4], 0) + coalesce(EXCLUDED.latency_histogram[4], 0),
        coalesce(d.latency_histogram[5], 0) + coalesce(EXCLUDED.latency_histogram[5], 0), coalesce(d.latency_histogram[6], 0) + coalesce(EXCLUDED.latency_histogram[6], 0),
        coalesce(d.latency_histogram[7], 0) + coalesce(EXCLUDED.latency_histogram[7], 0), coalesce(d.latency_histogram[8], 0) + coalesce(EXCLUDED.latency_histogram[8], 0),
        coalesce(d.latency_histogram[9], 0) + coalesce(EXCLUDED.latency_histogram[9], 0), coalesce(d.latency_histogram[10], 0) + coalesce(EXCLUDED.latency_histogram[10], 0),
        coalesce(d.latency_histogram[11], 0) + coalesce(EXCLUDED.latency_histogram[11], 0), coalesce(d.latency_histogram[12], 0) + coalesce(EXCLUDED.latency_histogram[12], 0),
        coalesce(d.latency_histogram[13], 0) + coalesce(EXCLUDED.latency_histogram[13], 0), coalesce(d.latency_histogram[14], 0) + coalesce(EXCLUDED.latency_histogram[14], 0),
        coalesce(d.latency_histogram[15], 0) + coalesce(EXCLUDED.latency_histogram[15], 0), coalesce(d.latency_histogram[16], 0) + coalesce(EXCLUDED.latency_histogram[16], 0),
        coalesce(d.latency_histogram[17], 0) + coalesce(EXCLUDED.latency_histogram[17], 0), coalesce(d.latency_histogram[18], 0) + coalesce(EXCLUDED.latency_histogram[18], 0),
        coalesce(d.latency_histogram[19], 0) + coalesce(EXCLUDED.latency_histogram[19], 0), coalesce(d.latency_histogram[20], 0) + coalesce(EXCLUDED.latency_histogram[20], 0),
        coalesce(d.latency_histogram[21], 0) + coalesce(EXCLUDED.latency_histogram[21], 0), coalesce(d.latency_histogram[22], 0) + coalesce(EXCLUDED.latency_histogram[22], 0),
        coalesce(d.latency_histogram[23], 0) + coalesce(EXCLUDED.latency_histogram[23], 0), coalesce(d.latency_histogram[24], 0) + coalesce(EXCLUDED.latency_histogram[24], 0),
        coalesce(d.latency_histogram[25], 0) + coalesce(EXCLUDED.latency_histogram[25], 0), coalesce(d.latency_histogram[26], 0) + coalesce(EXCLUDED.latency_histogram[26], 0),
        coalesce(d.latency_histogram[27], 0) + coalesce(EXCLUDED.latency_histogram[27], 0), coalesce(d.latency_histogram[28], 0) + coalesce(EXCLUDED.latency_histogram[28], 0),
        coalesce(d.latency_histogram[29], 0) + coalesce(EXCLUDED.latency_histogram[29], 0), coalesce(d.latency_histogram[30], 0) + coalesce(EXCLUDED.latency_histogram[30], 0),
        coalesce(d.latency_histogram[31], 0) + coalesce(EXCLUDED.latency_histogram[31], 0), coalesce(d.latency_histogram[32], 0) + coalesce(EXCLUDED.latency_histogram[32], 0),
        coalesce(d.latency_histogram[33], 0) + coalesce(EXCLUDED.latency_histogram[33], 0), coalesce(d.latency_histogram[34], 0) + coalesce(EXCLUDED.latency_histogram[34], 0),
        coalesce(d.latency_histogram[35], 0) + coalesce(EXCLUDED.latency_histogram[35], 0), coalesce(d.latency_histogram[36], 0) + coalesce(EXCLUDED.latency_histogram[36], 0),
        coalesce(d.latency_histogram[37], 0) + coalesce(EXCLUDED.latency_histogram[37], 0), coalesce(d.latency_histogram[38], 0) + coalesce(EXCLUDED.latency_histogram[38], 0),
        coalesce(d.latency_histogram[39], 0) + coalesce(EXCLUDED.latency_histogram[39], 0), coalesce(d.latency_histogram[40], 0) + coalesce(EXCLUDED.latency_histogram[40], 0),
        coalesce(d.latency_histogram[41], 0) + coalesce(EXCLUDED.latency_histogram[41], 0), coalesce(d.latency_histogram[42], 0) + coalesce(EXCLUDED.latency_histogram[42], 0),
        coalesce(d.latency_histogram[43], 0) + coalesce(EXCLUDED.latency_histogram[43], 0), coalesce(d.latency_histogram[44], 0) + coalesce(EXCLUDED.latency_histogram[44], 0),
        coalesce(d.latency_histogram[45], 0) + coalesce(EXCLUDED.latency_histogram[45], 0), coalesce(d.latency_histogram[46], 0) + coalesce(EXCLUDED.latency_histogram[46], 0),
        coalesce(d.latency_histogram[47], 0) + coalesce(EXCLUDED.latency_histogram[47], 0), coalesce(d.latency_histogram[48], 0) + coalesce(EXCLUDED.latency_histogram[48], 0),
        coalesce(d.latency_histogram[49], 0) + coalesce(EXCLUDED.latency_histogram[49], 0), coalesce(d.latency_histogram[50], 0) + coalesce(EXCLUDED.latency_histogram[50], 0)]::bigint[] END
    RETURNING d.project_id, d.day, d.feature, d.provider, d.model, d.events
  )
  SELECT array_agg(project_id), array_agg(day), array_agg(feature), array_agg(provider), array_agg(model) INTO v_project_id, v_day, v_feature, v_provider, v_model FROM changed WHERE events = 0;
  IF v_project_id IS NOT NULL THEN
    DELETE FROM usage_daily_model AS l
     USING unnest(v_project_id, v_day, v_feature, v_provider, v_model) AS z(project_id, day, feature, provider, model)
     WHERE l.project_id = z.project_id AND l.day = z.day AND l.feature = z.feature AND l.provider = z.provider AND l.model = z.model AND l.events = 0;
  END IF;

  WITH changed AS (
    INSERT INTO usage_daily_customer AS d (project_id, day, customer,
      events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms,
      latency_histogram)
    SELECT project_id, day, customer,
      sum(sign * events)::bigint, sum(sign * error_events)::bigint, sum(sign * unpriced_events)::bigint, sum(sign * tokens_input)::bigint, sum(sign * tokens_cache_read)::bigint, sum(sign * tokens_cache_write_5m)::bigint, sum(sign * tokens_cache_write_1h)::bigint, sum(sign * tokens_output)::bigint, sum(sign * tokens_reasoning)::bigint, sum(sign * tokens_audio_input)::bigint, sum(sign * tokens_audio_output)::bigint, sum(sign * tokens_image_input)::bigint, sum(sign * tokens_image_output)::bigint, sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count)::bigint, sum(sign * latency_sum_ms)::bigint,
      CASE WHEN max(cardinality(latency_histogram)) > 0 THEN ARRAY[
        coalesce(sum(sign * latency_histogram[1]), 0), coalesce(sum(sign * latency_histogram[2]), 0), coalesce(sum(sign * latency_histogram[3]), 0), coalesce(sum(sign * latency_histogram[4]), 0), coalesce(sum(sign * latency_histogram[5]), 0),
        coalesce(sum(sign * latency_histogram[6]), 0), coalesce(sum(sign * latency_histogram[7]), 0), coalesce(sum(sign * latency_histogram[8]), 0), coalesce(sum(sign * latency_histogram[9]), 0), coalesce(sum(sign * latency_histogram[10]), 0),
        coalesce(sum(sign * latency_histogram[11]), 0), coalesce(sum(sign * latency_histogram[12]), 0), coalesce(sum(sign * latency_histogram[13]), 0), coalesce(sum(sign * latency_histogram[14]), 0), coalesce(sum(sign * latency_histogram[15]), 0),
        coalesce(sum(sign * latency_histogram[16]), 0), coalesce(sum(sign * latency_histogram[17]), 0), coalesce(sum(sign * latency_histogram[18]), 0), coalesce(sum(sign * latency_histogram[19]), 0), coalesce(sum(sign * latency_histogram[20]), 0),
        coalesce(sum(sign * latency_histogram[21]), 0), coalesce(sum(sign * latency_histogram[22]), 0), coalesce(sum(sign * latency_histogram[23]), 0), coalesce(sum(sign * latency_histogram[24]), 0), coalesce(sum(sign * latency_histogram[25]), 0),
        coalesce(sum(sign * latency_histogram[26]), 0), coalesce(sum(sign * latency_histogram[27]), 0), coalesce(sum(sign * latency_histogram[28]), 0), coalesce(sum(sign * latency_histogram[29]), 0), coalesce(sum(sign * latency_histogram[30]), 0),
        coalesce(sum(sign * latency_histogram[31]), 0), coalesce(sum(sign * latency_histogram[32]), 0), coalesce(sum(sign * latency_histogram[33]), 0), coalesce(sum(sign * latency_histogram[34]), 0), coalesce(sum(sign * latency_histogram[35]), 0),
        coalesce(sum(sign * latency_histogram[36]), 0), coalesce(sum(sign * latency_histogram[37]), 0), coalesce(sum(sign * latency_histogram[38]), 0), coalesce(sum(sign * latency_histogram[39]), 0), coalesce(sum(sign * latency_histogram[40]), 0),
        coalesce(sum(sign * latency_histogram[41]), 0), coalesce(sum(sign * latency_histogram[42]), 0), coalesce(sum(sign * latency_histogram[43]), 0), coalesce(sum(sign * latency_histogram[44]), 0), coalesce(sum(sign * latency_histogram[45]), 0),
        coalesce(sum(sign * latency_histogram[46]), 0), coalesce(sum(sign * latency_histogram[47]), 0), coalesce(sum(sign * latency_histogram[48]), 0), coalesce(sum(sign * latency_histogram[49]), 0), coalesce(sum(sign * latency_histogram[50]), 0)]::bigint[] ELSE '{}'::bigint[] END
    FROM (SELECT *, -1 AS sign FROM usage_rollup_old) AS delta
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
      latency_histogram = CASE WHEN cardinality(d.latency_histogram) = 0 AND cardinality(EXCLUDED.latency_histogram) = 0 THEN '{}'::bigint[] ELSE ARRAY[
        coalesce(d.latency_histogram[1], 0) + coalesce(EXCLUDED.latency_histogram[1], 0), coalesce(d.latency_histogram[2], 0) + coalesce(EXCLUDED.latency_histogram[2], 0),
        coalesce(d.latency_histogram[3], 0) + coalesce(EXCLUDED.latency_histogram[3], 0), coalesce(d.latency_histogram[4], 0) + coalesce(EXCLUDED.latency_histogram[4], 0),
        coalesce(d.latency_histogram[5], 0) + coalesce(EXCLUDED.latency_histogram[5], 0), coalesce(d.latency_histogram[6], 0) + coalesce(EXCLUDED.latency_histogram[6], 0),
        coalesce(d.latency_histogram[7], 0) + coalesce(EXCLUDED.latency_histogram[7], 0), coalesce(d.latency_histogram[8], 0) + coalesce(EXCLUDED.latency_histogram[8], 0),
        coalesce(d.latency_histogram[9], 0) + coalesce(EXCLUDED.latency_histogram[9], 0), coalesce(d.latency_histogram[10], 0) + coalesce(EXCLUDED.latency_histogram[10], 0),
        coalesce(d.latency_histogram[11], 0) + coalesce(EXCLUDED.latency_histogram[11], 0), coalesce(d.latency_histogram[12], 0) + coalesce(EXCLUDED.latency_histogram[12], 0),
        coalesce(d.latency_histogram[13], 0) + coalesce(EXCLUDED.latency_histogram[13], 0), coalesce(d.latency_histogram[14], 0) + coalesce(EXCLUDED.latency_histogram[14], 0),
        coalesce(d.latency_histogram[15], 0) + coalesce(EXCLUDED.latency_histogram[15], 0), coalesce(d.latency_histogram[16], 0) + coalesce(EXCLUDED.latency_histogram[16], 0),
        coalesce(d.latency_histogram[17], 0) + coalesce(EXCLUDED.latency_histogram[17], 0), coalesce(d.latency_histogram[18], 0) + coalesce(EXCLUDED.latency_histogram[18], 0),
        coalesce(d.latency_histogram[19], 0) + coalesce(EXCLUDED.latency_histogram[19], 0), coalesce(d.latency_histogram[20], 0) + coalesce(EXCLUDED.latency_histogram[20], 0),
        coalesce(d.latency_histogram[21], 0) + coalesce(EXCLUDED.latency_histogram[21], 0), coalesce(d.latency_histogram[22], 0) + coalesce(EXCLUDED.latency_histogram[22], 0),
        coalesce(d.latency_histogram[23], 0) + coalesce(EXCLUDED.latency_histogram[23], 0), coalesce(d.latency_histogram[24], 0) + coalesce(EXCLUDED.latency_histogram[24], 0),
        coalesce(d.latency_histogram[25], 0) + coalesce(EXCLUDED.latency_histogram[25], 0), coalesce(d.latency_histogram[26], 0) + coalesce(EXCLUDED.latency_histogram[26], 0),
        coalesce(d.latency_histogram[27], 0) + coalesce(EXCLUDED.latency_histogram[27], 0), coalesce(d.latency_histogram[28], 0) + coalesce(EXCLUDED.latency_histogram[28], 0),
        coalesce(d.latency_histogram[29], 0) + coalesce(EXCLUDED.latency_histogram[29], 0), coalesce(d.latency_histogram[30], 0) + coalesce(EXCLUDED.latency_histogram[30], 0),
        coalesce(d.latency_histogram[31], 0) + coalesce(EXCLUDED.latency_histogram[31], 0), coalesce(d.latency_histogram[32], 0) + coalesce(EXCLUDED.latency_histogram[32], 0),
        coalesce(d.latency_histogram[33], 0) + coalesce(EXCLUDED.latency_histogram[33], 0), coalesce(d.latency_histogram[34], 0) + coalesce(EXCLUDED.latency_histogram[34], 0),
        coalesce(d.latency_histogram[35], 0) + coalesce(EXCLUDED.latency_histogram[35], 0), coalesce(d.latency_histogram[36], 0) + coalesce(EXCLUDED.latency_histogram[36], 0),
        coalesce(d.latency_histogram[37], 0) + coalesce(EXCLUDED.latency_histogram[37], 0), coalesce(d.latency_histogram[38], 0) + coalesce(EXCLUDED.latency_histogram[38], 0),
        coalesce(d.latency_histogram[39], 0) + coalesce(EXCLUDED.latency_histogram[39], 0), coalesce(d.latency_histogram[40], 0) + coalesce(EXCLUDED.latency_histogram[40], 0),
        coalesce(d.latency_histogram[41], 0) + coalesce(EXCLUDED.latency_histogram[41], 0), coalesce(d.latency_histogram[42], 0) + coalesce(EXCLUDED.latency_histogram[42], 0),
        coalesce(d.latency_histogram[43], 0) + coalesce(EXCLUDED.latency_histogram[43], 0), coalesce(d.latency_histogram[44], 0) + coalesce(EXCLUDED.latency_histogram[44], 0),
        coalesce(d.latency_histogram[45], 0) + coalesce(EXCLUDED.latency_histogram[45], 0), coalesce(d.latency_histogram[46], 0) + coalesce(EXCLUDED.latency_histogram[46], 0),
        coalesce(d.latency_histogram[47], 0) + coalesce(EXCLUDED.latency_histogram[47], 0), coalesce(d.latency_histogram[48], 0) + coalesce(EXCLUDED.latency_histogram[48], 0),
        coalesce(d.latency_histogram[49], 0) + coalesce(EXCLUDED.latency_histogram[49], 0), coalesce(d.latency_histogram[50], 0) + coalesce(EXCLUDED.latency_histogram[50], 0)]::bigint[] END
    RETURNING d.project_id, d.day, d.customer, d.events
  )
  SELECT array_agg(project_id), array_agg(day), array_agg(customer) INTO v_project_id, v_day, v_customer FROM changed WHERE events = 0;
  IF v_project_id IS NOT NULL THEN
    DELETE FROM usage_daily_customer AS l
     USING unnest(v_project_id, v_day, v_customer) AS z(project_id, day, customer)
     WHERE l.project_id = z.project_id AND l.day = z.day AND l.customer = z.customer AND l.events = 0;
  END IF;
  RETURN NULL;
END
$fn$;

ALTER TABLE usage_daily SET (fillfactor = 80);
ALTER TABLE usage_daily_model SET (fillfactor = 70);
ALTER TABLE usage_daily_customer SET (fillfactor = 70);

-- One index fewer to maintain per ingested event: usage_events_explorer_idx
-- (project_id, received_at DESC, event_id DESC) serves every scan the older
-- (project_id, received_at DESC) index served, as its leading columns.
DROP INDEX usage_events_received_idx;
