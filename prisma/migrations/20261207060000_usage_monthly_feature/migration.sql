-- usage_monthly summed over providers and models: one row per month, feature and customer.
-- The margins report reads month rows without token counts (no plan of the project counts
-- tokens) per customer and feature; from usage_monthly that was a hash aggregate of 24,716 rows
-- into 13,460 at 90 days (45 of its 57 ms in PostgreSQL 15). Kept like every level by
-- lib/rollups (write.ts) from the same deltas.
CREATE TABLE usage_monthly_feature (
  project_id               uuid NOT NULL,
  month                    date NOT NULL,
  feature                  text COLLATE "C" NOT NULL,
  customer                 text COLLATE "C" NOT NULL,
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
  PRIMARY KEY (project_id, month, feature, customer)
) WITH (fillfactor = 70);

INSERT INTO usage_monthly_feature (project_id, month, feature, customer, events, error_events, unpriced_events, tokens_input, tokens_cache_read, tokens_cache_write_5m, tokens_cache_write_1h, tokens_output, tokens_reasoning, tokens_audio_input, tokens_audio_output, tokens_image_input, tokens_image_output, gpu_seconds, cost_token, cost_gpu, cost_total, latency_count, latency_sum_ms, latency_histogram_packed)
SELECT project_id, month, feature, customer,
       sum(events)::bigint,
       sum(error_events)::bigint,
       sum(unpriced_events)::bigint,
       sum(tokens_input)::bigint,
       sum(tokens_cache_read)::bigint,
       sum(tokens_cache_write_5m)::bigint,
       sum(tokens_cache_write_1h)::bigint,
       sum(tokens_output)::bigint,
       sum(tokens_reasoning)::bigint,
       sum(tokens_audio_input)::bigint,
       sum(tokens_audio_output)::bigint,
       sum(tokens_image_input)::bigint,
       sum(tokens_image_output)::bigint,
       sum(gpu_seconds)::numeric(20,6),
       sum(cost_token)::numeric(38,15),
       sum(cost_gpu)::numeric(38,15),
       sum(cost_total)::numeric(38,15),
       sum(latency_count)::bigint,
       sum(latency_sum_ms)::bigint,
       sum(latency_histogram_packed)::numeric
  FROM usage_monthly
 GROUP BY project_id, month, feature, customer;
