-- Two smaller rollup levels beside usage_daily, so the dashboards answer from a fraction of
-- its rows: usage_daily_model drops the customer (every query that neither groups nor
-- filters by customer), usage_daily_customer keeps only the customer (customer tables and
-- charts without other filters). Both hold the same measures as usage_daily.
--
-- They are kept in step with usage_daily by statement-level triggers with transition tables:
-- whatever writes usage_daily (ingestion, re-pricing, deletion), the same transaction adds the
-- difference of the changed rows (new minus old) to both levels, grouped and in key order so
-- concurrent batches lock in one order. Readers never see the levels disagree with usage_daily.

CREATE TABLE usage_daily_model (
  project_id             uuid NOT NULL,
  day                    date NOT NULL,
  feature                text NOT NULL,
  provider               text NOT NULL,
  model                  text NOT NULL,
  events                 bigint NOT NULL DEFAULT 0,
  error_events           bigint NOT NULL DEFAULT 0,
  unpriced_events        bigint NOT NULL DEFAULT 0,
  tokens_input           bigint NOT NULL DEFAULT 0,
  tokens_cache_read      bigint NOT NULL DEFAULT 0,
  tokens_cache_write_5m  bigint NOT NULL DEFAULT 0,
  tokens_cache_write_1h  bigint NOT NULL DEFAULT 0,
  tokens_output          bigint NOT NULL DEFAULT 0,
  tokens_reasoning       bigint NOT NULL DEFAULT 0,
  tokens_audio_input     bigint NOT NULL DEFAULT 0,
  tokens_audio_output    bigint NOT NULL DEFAULT 0,
  tokens_image_input     bigint NOT NULL DEFAULT 0,
  tokens_image_output    bigint NOT NULL DEFAULT 0,
  gpu_seconds            numeric(20,6) NOT NULL DEFAULT 0,
  cost_token             numeric(38,15) NOT NULL DEFAULT 0,
  cost_gpu               numeric(38,15) NOT NULL DEFAULT 0,
  cost_total             numeric(38,15) NOT NULL DEFAULT 0,
  latency_count          bigint NOT NULL DEFAULT 0,
  latency_sum_ms         bigint NOT NULL DEFAULT 0,
  latency_histogram      bigint[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (project_id, day, feature, provider, model)
);

CREATE TABLE usage_daily_customer (
  project_id             uuid NOT NULL,
  day                    date NOT NULL,
  customer               text NOT NULL,
  events                 bigint NOT NULL DEFAULT 0,
  error_events           bigint NOT NULL DEFAULT 0,
  unpriced_events        bigint NOT NULL DEFAULT 0,
  tokens_input           bigint NOT NULL DEFAULT 0,
  tokens_cache_read      bigint NOT NULL DEFAULT 0,
  tokens_cache_write_5m  bigint NOT NULL DEFAULT 0,
  tokens_cache_write_1h  bigint NOT NULL DEFAULT 0,
  tokens_output          bigint NOT NULL DEFAULT 0,
  tokens_reasoning       bigint NOT NULL DEFAULT 0,
  tokens_audio_input     bigint NOT NULL DEFAULT 0,
  tokens_audio_output    bigint NOT NULL DEFAULT 0,
  tokens_image_input     bigint NOT NULL DEFAULT 0,
  tokens_image_output    bigint NOT NULL DEFAULT 0,
  gpu_seconds            numeric(20,6) NOT NULL DEFAULT 0,
  cost_token             numeric(38,15) NOT NULL DEFAULT 0,
  cost_gpu               numeric(38,15) NOT NULL DEFAULT 0,
  cost_total             numeric(38,15) NOT NULL DEFAULT 0,
  latency_count          bigint NOT NULL DEFAULT 0,
  latency_sum_ms         bigint NOT NULL DEFAULT 0,
  latency_histogram      bigint[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (project_id, day, customer)
);


CREATE FUNCTION usage_rollup_levels_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    WITH delta AS (SELECT *, 1 AS sign FROM usage_rollup_new)
    INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
    SELECT s.project_id, s.day, s.feature, s.provider, s.model, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
    FROM (SELECT project_id, day, feature, provider, model, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, feature, provider, model)
      AS s(project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
    LEFT JOIN (
      SELECT project_id, day, feature, provider, model, array_agg(c ORDER BY i) AS histogram
      FROM (SELECT project_id, day, feature, provider, model, b.i, sum(sign * b.c) AS c
            FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
            GROUP BY project_id, day, feature, provider, model, b.i) AS per_bucket
      GROUP BY project_id, day, feature, provider, model
    ) AS h USING (project_id, day, feature, provider, model)
    ORDER BY s.project_id, s.day, s.feature, s.provider, s.model
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
      latency_histogram = ARRAY(
        SELECT coalesce(x, 0) + coalesce(y, 0)
        FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);

    WITH delta AS (SELECT *, 1 AS sign FROM usage_rollup_new)
    INSERT INTO usage_daily_customer AS d (project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
    SELECT s.project_id, s.day, s.customer, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
    FROM (SELECT project_id, day, customer, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, customer)
      AS s(project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
    LEFT JOIN (
      SELECT project_id, day, customer, array_agg(c ORDER BY i) AS histogram
      FROM (SELECT project_id, day, customer, b.i, sum(sign * b.c) AS c
            FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
            GROUP BY project_id, day, customer, b.i) AS per_bucket
      GROUP BY project_id, day, customer
    ) AS h USING (project_id, day, customer)
    ORDER BY s.project_id, s.day, s.customer
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
      latency_histogram = ARRAY(
        SELECT coalesce(x, 0) + coalesce(y, 0)
        FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);
    RETURN NULL;
END
$fn$;

CREATE FUNCTION usage_rollup_levels_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    WITH delta AS (SELECT *, 1 AS sign FROM usage_rollup_new UNION ALL SELECT *, -1 AS sign FROM usage_rollup_old)
    INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
    SELECT s.project_id, s.day, s.feature, s.provider, s.model, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
    FROM (SELECT project_id, day, feature, provider, model, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, feature, provider, model)
      AS s(project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
    LEFT JOIN (
      SELECT project_id, day, feature, provider, model, array_agg(c ORDER BY i) AS histogram
      FROM (SELECT project_id, day, feature, provider, model, b.i, sum(sign * b.c) AS c
            FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
            GROUP BY project_id, day, feature, provider, model, b.i) AS per_bucket
      GROUP BY project_id, day, feature, provider, model
    ) AS h USING (project_id, day, feature, provider, model)
    ORDER BY s.project_id, s.day, s.feature, s.provider, s.model
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
      latency_histogram = ARRAY(
        SELECT coalesce(x, 0) + coalesce(y, 0)
        FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);

    WITH delta AS (SELECT *, 1 AS sign FROM usage_rollup_new UNION ALL SELECT *, -1 AS sign FROM usage_rollup_old)
    INSERT INTO usage_daily_customer AS d (project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
    SELECT s.project_id, s.day, s.customer, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
    FROM (SELECT project_id, day, customer, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, customer)
      AS s(project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
    LEFT JOIN (
      SELECT project_id, day, customer, array_agg(c ORDER BY i) AS histogram
      FROM (SELECT project_id, day, customer, b.i, sum(sign * b.c) AS c
            FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
            GROUP BY project_id, day, customer, b.i) AS per_bucket
      GROUP BY project_id, day, customer
    ) AS h USING (project_id, day, customer)
    ORDER BY s.project_id, s.day, s.customer
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
      latency_histogram = ARRAY(
        SELECT coalesce(x, 0) + coalesce(y, 0)
        FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);
    -- A level row whose usage_daily rows are all gone is removed, not left at zero.
    DELETE FROM usage_daily_model AS l USING (SELECT DISTINCT project_id, day, feature, provider, model FROM usage_rollup_old) AS o
    WHERE l.project_id = o.project_id AND l.day = o.day AND l.feature = o.feature AND l.provider = o.provider AND l.model = o.model AND l.events = 0;
    -- A level row whose usage_daily rows are all gone is removed, not left at zero.
    DELETE FROM usage_daily_customer AS l USING (SELECT DISTINCT project_id, day, customer FROM usage_rollup_old) AS o
    WHERE l.project_id = o.project_id AND l.day = o.day AND l.customer = o.customer AND l.events = 0;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION usage_rollup_levels_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    WITH delta AS (SELECT *, -1 AS sign FROM usage_rollup_old)
    INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
    SELECT s.project_id, s.day, s.feature, s.provider, s.model, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
    FROM (SELECT project_id, day, feature, provider, model, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, feature, provider, model)
      AS s(project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
    LEFT JOIN (
      SELECT project_id, day, feature, provider, model, array_agg(c ORDER BY i) AS histogram
      FROM (SELECT project_id, day, feature, provider, model, b.i, sum(sign * b.c) AS c
            FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
            GROUP BY project_id, day, feature, provider, model, b.i) AS per_bucket
      GROUP BY project_id, day, feature, provider, model
    ) AS h USING (project_id, day, feature, provider, model)
    ORDER BY s.project_id, s.day, s.feature, s.provider, s.model
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
      latency_histogram = ARRAY(
        SELECT coalesce(x, 0) + coalesce(y, 0)
        FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);

    WITH delta AS (SELECT *, -1 AS sign FROM usage_rollup_old)
    INSERT INTO usage_daily_customer AS d (project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
    SELECT s.project_id, s.day, s.customer, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
    FROM (SELECT project_id, day, customer, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, customer)
      AS s(project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
    LEFT JOIN (
      SELECT project_id, day, customer, array_agg(c ORDER BY i) AS histogram
      FROM (SELECT project_id, day, customer, b.i, sum(sign * b.c) AS c
            FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
            GROUP BY project_id, day, customer, b.i) AS per_bucket
      GROUP BY project_id, day, customer
    ) AS h USING (project_id, day, customer)
    ORDER BY s.project_id, s.day, s.customer
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
      latency_histogram = ARRAY(
        SELECT coalesce(x, 0) + coalesce(y, 0)
        FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);
    -- A level row whose usage_daily rows are all gone is removed, not left at zero.
    DELETE FROM usage_daily_model AS l USING (SELECT DISTINCT project_id, day, feature, provider, model FROM usage_rollup_old) AS o
    WHERE l.project_id = o.project_id AND l.day = o.day AND l.feature = o.feature AND l.provider = o.provider AND l.model = o.model AND l.events = 0;
    -- A level row whose usage_daily rows are all gone is removed, not left at zero.
    DELETE FROM usage_daily_customer AS l USING (SELECT DISTINCT project_id, day, customer FROM usage_rollup_old) AS o
    WHERE l.project_id = o.project_id AND l.day = o.day AND l.customer = o.customer AND l.events = 0;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER usage_rollup_levels_insert AFTER INSERT ON usage_daily
  REFERENCING NEW TABLE AS usage_rollup_new FOR EACH STATEMENT EXECUTE FUNCTION usage_rollup_levels_insert();
CREATE TRIGGER usage_rollup_levels_update AFTER UPDATE ON usage_daily
  REFERENCING OLD TABLE AS usage_rollup_old NEW TABLE AS usage_rollup_new FOR EACH STATEMENT EXECUTE FUNCTION usage_rollup_levels_update();
CREATE TRIGGER usage_rollup_levels_delete AFTER DELETE ON usage_daily
  REFERENCING OLD TABLE AS usage_rollup_old FOR EACH STATEMENT EXECUTE FUNCTION usage_rollup_levels_delete();

-- Rows already in usage_daily when this migration runs.
WITH delta AS (SELECT *, 1 AS sign FROM usage_daily)
INSERT INTO usage_daily_model AS d (project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
SELECT s.project_id, s.day, s.feature, s.provider, s.model, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
FROM (SELECT project_id, day, feature, provider, model, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, feature, provider, model)
  AS s(project_id, day, feature, provider, model, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
LEFT JOIN (
  SELECT project_id, day, feature, provider, model, array_agg(c ORDER BY i) AS histogram
  FROM (SELECT project_id, day, feature, provider, model, b.i, sum(sign * b.c) AS c
        FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
        GROUP BY project_id, day, feature, provider, model, b.i) AS per_bucket
  GROUP BY project_id, day, feature, provider, model
) AS h USING (project_id, day, feature, provider, model)
ORDER BY s.project_id, s.day, s.feature, s.provider, s.model
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
  latency_histogram = ARRAY(
    SELECT coalesce(x, 0) + coalesce(y, 0)
    FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);

WITH delta AS (SELECT *, 1 AS sign FROM usage_daily)
INSERT INTO usage_daily_customer AS d (project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram)
SELECT s.project_id, s.day, s.customer, s.events, s.error_events, s.unpriced_events, s.tokens_input, s.tokens_cache_read, s.tokens_cache_write_5m, s.tokens_cache_write_1h, s.tokens_output, s.tokens_reasoning, s.tokens_audio_input, s.tokens_audio_output, s.tokens_image_input, s.tokens_image_output, s.gpu_seconds, s.cost_token, s.cost_gpu, s.cost_total, s.latency_count, s.latency_sum_ms, coalesce(h.histogram, '{}')
FROM (SELECT project_id, day, customer, sum(sign * events), sum(sign * error_events), sum(sign * unpriced_events), sum(sign * tokens_input), sum(sign * tokens_cache_read), sum(sign * tokens_cache_write_5m), sum(sign * tokens_cache_write_1h), sum(sign * tokens_output), sum(sign * tokens_reasoning), sum(sign * tokens_audio_input), sum(sign * tokens_audio_output), sum(sign * tokens_image_input), sum(sign * tokens_image_output), sum(sign * gpu_seconds), sum(sign * cost_token), sum(sign * cost_gpu), sum(sign * cost_total), sum(sign * latency_count), sum(sign * latency_sum_ms) FROM delta GROUP BY project_id, day, customer)
  AS s(project_id, day, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms)
LEFT JOIN (
  SELECT project_id, day, customer, array_agg(c ORDER BY i) AS histogram
  FROM (SELECT project_id, day, customer, b.i, sum(sign * b.c) AS c
        FROM delta, unnest(latency_histogram) WITH ORDINALITY AS b(c, i)
        GROUP BY project_id, day, customer, b.i) AS per_bucket
  GROUP BY project_id, day, customer
) AS h USING (project_id, day, customer)
ORDER BY s.project_id, s.day, s.customer
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
  latency_histogram = ARRAY(
    SELECT coalesce(x, 0) + coalesce(y, 0)
    FROM unnest(d.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS m(x, y, i) ORDER BY i);
