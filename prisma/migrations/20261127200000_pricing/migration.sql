-- Pricing on the database: a project's price overrides and model aliases (they join the
-- committed catalog in its price book), GPU rates and pools (self-hosted cost), the GPU idle
-- cost of each pool and day with its allocation to the events' dimensions, and the audit of
-- re-pricing runs. Prices are exact decimals: dollars per million tokens or per GPU-hour,
-- as providers and clouds publish them; keys and indexes lead with the project.

CREATE TABLE price_overrides (
  project_id                    uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id                            uuid NOT NULL DEFAULT gen_random_uuid(),
  provider                      text NOT NULL,
  model                         text NOT NULL,
  effective_from                timestamptz NOT NULL,
  effective_to                  timestamptz CHECK (effective_to IS NULL OR effective_to > effective_from),
  -- The base band of the standard tier, $ per million tokens; NULL: the class is not listed
  -- (the engine bills it as its substitute class, e.g. reasoning as output).
  usd_per_mtok_input            numeric(38,15),
  usd_per_mtok_cache_read       numeric(38,15),
  usd_per_mtok_cache_write_5m   numeric(38,15),
  usd_per_mtok_cache_write_1h   numeric(38,15),
  usd_per_mtok_output           numeric(38,15),
  usd_per_mtok_reasoning        numeric(38,15),
  usd_per_mtok_audio_input      numeric(38,15),
  usd_per_mtok_audio_output     numeric(38,15),
  usd_per_mtok_image_input      numeric(38,15),
  usd_per_mtok_image_output     numeric(38,15),
  -- Further bands in the catalog's entry shape: {"standard": [{"above": 200000, "usd_per_mtok":
  -- {...}}], "batch": [{"above": 0, ...}], ...}; the standard base band is the columns above.
  tier_bands                    jsonb NOT NULL DEFAULT '{}',
  markup_pct                    numeric(12,6),
  note                          text,
  created_by                    uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);
CREATE INDEX price_overrides_model_idx ON price_overrides (project_id, provider, model, effective_from);

-- A project's name for a model (an Azure deployment, an internal name) -> the model it means.
CREATE TABLE model_aliases (
  project_id       uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  alias            text NOT NULL,
  -- The provider the alias is used with; NULL: any provider.
  provider         text,
  target_provider  text,
  target_model     text NOT NULL,
  created_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);
CREATE UNIQUE INDEX model_aliases_name_idx ON model_aliases (project_id, lower(alias), (coalesce(provider, '')));

CREATE TABLE gpu_rates (
  project_id        uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  gpu_type          text NOT NULL,
  effective_from    timestamptz NOT NULL,
  usd_per_gpu_hour  numeric(38,15) NOT NULL CHECK (usd_per_gpu_hour >= 0),
  note              text,
  created_by        uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);
CREATE UNIQUE INDEX gpu_rates_when_idx ON gpu_rates (project_id, gpu_type, effective_from);

-- Reserved capacity: gpu_count GPUs of a type held from effective_from (to effective_to). A
-- later record of the same name resizes the pool from its own effective_from.
CREATE TABLE gpu_pools (
  project_id      uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  gpu_type        text NOT NULL,
  gpu_count       integer NOT NULL CHECK (gpu_count >= 0),
  effective_from  timestamptz NOT NULL,
  effective_to    timestamptz CHECK (effective_to IS NULL OR effective_to > effective_from),
  created_by      uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);
CREATE UNIQUE INDEX gpu_pools_when_idx ON gpu_pools (project_id, name, effective_from);

-- One row per pool and day (organisation's timezone): the whole cost of the capacity held,
-- the busy part (its events' GPU time at their rates) and the idle rest. Written by the GPU
-- idle job (lib/pricing/db/gpu-idle.ts); the overview reads it, never raw events.
CREATE TABLE gpu_pool_days (
  project_id        uuid NOT NULL,
  day               date NOT NULL,
  pool              text NOT NULL,
  gpu_type          text NOT NULL,
  held_gpu_seconds  numeric(20,6) NOT NULL,
  busy_gpu_seconds  numeric(20,6) NOT NULL,
  whole_cost        numeric(38,15) NOT NULL,
  busy_cost         numeric(38,15) NOT NULL,
  idle_cost         numeric(38,15) NOT NULL,
  -- Idle cost of a day with no events in the pool: nobody to allocate it to.
  unallocated_idle  numeric(38,15) NOT NULL DEFAULT 0,
  events            bigint NOT NULL DEFAULT 0,
  computed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, day, pool)
);

-- The idle cost of each pool and day allocated pro rata to GPU time, summed per the rollup's
-- dimensions: cost per feature, customer or model including idle = usage_daily + this.
CREATE TABLE gpu_idle_allocations (
  project_id   uuid NOT NULL,
  day          date NOT NULL,
  pool         text NOT NULL,
  feature      text NOT NULL,
  customer     text NOT NULL,
  provider     text NOT NULL,
  model        text NOT NULL,
  gpu_seconds  numeric(20,6) NOT NULL,
  idle_cost    numeric(38,15) NOT NULL,
  PRIMARY KEY (project_id, day, pool, feature, customer, provider, model)
);

-- Audit of re-pricing: who asked, for which period and model, which price entries were
-- replaced by which, how many events changed and the totals before and after.
CREATE TABLE reprice_runs (
  project_id       uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  dedupe_key       text NOT NULL,
  status           text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  requested_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  requested_via    text NOT NULL CHECK (requested_via IN ('session', 'api_key', 'cli')),
  period_from      date NOT NULL,
  period_to        date NOT NULL,
  model            text,
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  events_matched   bigint NOT NULL DEFAULT 0,
  events_changed   bigint NOT NULL DEFAULT 0,
  unpriced_before  bigint NOT NULL DEFAULT 0,
  unpriced_after   bigint NOT NULL DEFAULT 0,
  total_before     numeric(38,15) NOT NULL DEFAULT 0,
  total_after      numeric(38,15) NOT NULL DEFAULT 0,
  -- {"entry id or source": events} of the changed events, before and after.
  old_entries      jsonb NOT NULL DEFAULT '{}',
  new_entries      jsonb NOT NULL DEFAULT '{}',
  diff_by_model    jsonb NOT NULL DEFAULT '[]',
  error            text,
  PRIMARY KEY (project_id, id),
  CHECK (period_to >= period_from)
);
CREATE INDEX reprice_runs_time_idx ON reprice_runs (project_id, started_at DESC);
-- Two schedulers firing the same run at once: only one may be running.
CREATE UNIQUE INDEX reprice_runs_running_idx ON reprice_runs (project_id, dedupe_key) WHERE status = 'running';
