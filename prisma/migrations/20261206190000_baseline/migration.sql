-- The schema's tables, constraints and indexes. Functions, the aggregate and the triggers that
-- keep the rollups in step live in prisma/functions/ (re-applied when they change).
--
-- Every row of tenant data carries its organisation or project id, and every composite key and
-- index leads with it, so a tenant-sharded PostgreSQL can take the schema.
-- Money columns are numeric(38,15): exact dollars to the femtodollar (see lib/money).

-- ---------------------------------------------------------------------------------------------
-- Accounts and tenancy
-- ---------------------------------------------------------------------------------------------

CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  slug        text NOT NULL UNIQUE,
  timezone    text NOT NULL DEFAULT 'UTC',
  is_demo     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- The weekday the organisation's weeks start on (0 = Sunday ... 6 = Saturday, as JavaScript's
  -- getUTCDay), for the week presets of lib/analytics/period. Monday, the ISO week, by default.
  week_start  integer NOT NULL DEFAULT 1 CHECK (week_start BETWEEN 0 AND 6)
);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL UNIQUE CHECK (email = lower(email)),
  name           text,
  password_hash  text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('owner', 'admin', 'engineer', 'finance', 'viewer')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invitations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  email        text,
  role         text NOT NULL CHECK (role IN ('admin', 'engineer', 'finance', 'viewer')),
  token_hash   text NOT NULL UNIQUE,
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  accepted_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  revoked_at   timestamptz
);
CREATE INDEX invitations_org_idx ON invitations (org_id, created_at);

CREATE TABLE projects (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name        text NOT NULL,
  slug        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- The span or resource attribute names that carry the customer and the feature of the
  -- project's OpenTelemetry GenAI spans, tried before the defaults (inferledger.customer, ...).
  otlp_customer_attributes text[] NOT NULL DEFAULT '{}'::text[],
  otlp_feature_attributes  text[] NOT NULL DEFAULT '{}'::text[],
  UNIQUE (org_id, slug)
);

CREATE TABLE api_keys (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  project_id    uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name          text NOT NULL,
  prefix        text NOT NULL,
  secret_hash   text NOT NULL UNIQUE,
  scopes        text[] NOT NULL CHECK (scopes <@ ARRAY['ingest', 'read', 'admin']::text[] AND cardinality(scopes) > 0),
  created_by    uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_keys_project_idx ON api_keys (project_id, created_at);

-- ---------------------------------------------------------------------------------------------
-- Events
-- ---------------------------------------------------------------------------------------------

-- Attribution dimensions, created on first sight by ingestion.
CREATE TABLE customers (
  project_id     uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  external_id    text NOT NULL,
  display_name   text,
  metadata       jsonb NOT NULL DEFAULT '{}',
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, external_id)
);

CREATE TABLE features (
  project_id     uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  key            text NOT NULL,
  display_name   text,
  metadata       jsonb NOT NULL DEFAULT '{}',
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, key)
);

-- Idempotency ledger: event ids are unique per project across usage and outcome events.
-- Kept apart from the event tables so those can be partitioned by time (a unique index on a
-- partitioned table must include the partition key, which would break per-project uniqueness).
CREATE TABLE event_ids (
  project_id   uuid NOT NULL,
  event_id     text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('usage', 'outcome')),
  occurred_at  timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, event_id)
);

-- Each index here costs a write per ingested event, so there are few: the events explorer walks
-- the primary key backwards (lib/analytics/queries/list-usage-events.ts), nothing reads by
-- received_at.
CREATE TABLE usage_events (
  project_id             uuid NOT NULL,
  event_id               text NOT NULL,
  occurred_at            timestamptz NOT NULL,
  received_at            timestamptz NOT NULL DEFAULT now(),
  customer               text NOT NULL DEFAULT '',
  feature                text NOT NULL DEFAULT '',
  provider               text NOT NULL,
  model                  text NOT NULL,
  service_tier           text NOT NULL DEFAULT 'standard' CHECK (service_tier IN ('standard', 'batch', 'flex', 'priority')),
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
  gpu_type               text,
  gpu_pool               text,
  latency_ms             integer,
  status                 text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
  error_type             text,
  trace_id               text,
  session_id             text,
  metadata               jsonb NOT NULL DEFAULT '{}',
  cost_token             numeric(38,15) NOT NULL DEFAULT 0,
  cost_gpu               numeric(38,15) NOT NULL DEFAULT 0,
  cost_total             numeric(38,15) NOT NULL DEFAULT 0,
  cost_source            text NOT NULL CHECK (cost_source IN ('computed', 'reported', 'unpriced')),
  price_entry_id         text,
  pricing                jsonb NOT NULL DEFAULT '{}',
  -- Usage billed by a unit other than the token (lib/pricing/units.ts): seconds of transcribed
  -- audio, characters of speech, generated images. `unit` is the unit's price key (`second`,
  -- `character`, `image:<size>:<quality>`), `unit_quantity` how many. Their cost is in cost_token
  -- with the tokens' (the model's cost, as against GPU time), so every rollup already sums it;
  -- re-pricing reads the two columns back.
  unit                   text,
  unit_quantity          bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, occurred_at, event_id),
  CONSTRAINT usage_events_unit_check CHECK ((unit IS NULL) = (unit_quantity = 0) AND unit_quantity >= 0)
);
CREATE INDEX usage_events_unpriced_idx ON usage_events (project_id, model) WHERE cost_source = 'unpriced';

CREATE TABLE outcome_events (
  project_id    uuid NOT NULL,
  event_id      text NOT NULL,
  occurred_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  customer      text NOT NULL,
  feature       text NOT NULL DEFAULT '',
  outcome_type  text NOT NULL,
  quantity      numeric(20,6) NOT NULL DEFAULT 1,
  value         numeric(38,15),
  metadata      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (project_id, occurred_at, event_id)
);

-- ---------------------------------------------------------------------------------------------
-- Rollups: dashboards read these, never raw events. Days are in the organisation's timezone.
--
-- Every usage level holds the same measures. Latency histograms are one packed numeric per row:
-- bucket i's count is the i-th group of 18 decimal digits, latency_histogram_packed =
-- sum(count_i * 10^(18 * i)). Adding two packed values adds every bucket at once, exactly, as
-- long as no bucket reaches 10^18 events, so rollups merge histograms with one "+" and readers
-- sum them with one sum() (unpacked in TypeScript: lib/ingest/latency-buckets.ts). Leading and
-- trailing zero digits are not stored.
--
-- fillfactor: the rollup rows are updated in place by every batch that touches their key; free
-- room on each page lets PostgreSQL keep the new row version on the same page (HOT), without a
-- new primary-key index entry.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE usage_daily (
  project_id             uuid NOT NULL,
  day                    date NOT NULL,
  feature                text NOT NULL,
  customer               text NOT NULL,
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
  latency_histogram_packed numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, day, feature, customer, provider, model)
) WITH (fillfactor = 80);

-- Two smaller levels beside usage_daily, so the dashboards answer from a fraction of its rows:
-- usage_daily_model drops the customer (every query that neither groups nor filters by
-- customer), usage_daily_customer keeps only the customer (customer tables and charts without
-- other filters). Ingestion writes both itself, from the per-key sums it computes for the batch
-- (lib/ingest/rollup-deltas.ts); for every other writer of usage_daily the triggers of
-- prisma/functions/usage_rollup_levels_apply.sql keep them in step, in the writer's transaction.
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
  latency_histogram_packed numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, day, feature, provider, model)
) WITH (fillfactor = 70);

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
  latency_histogram_packed numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, day, customer)
) WITH (fillfactor = 70);

-- Running totals per key, so a period's sums per customer cost two rows per key whatever the
-- period's length: sum over [from, to] = running(to) - running(from - 1), running(d) being the
-- key's latest row on or before d.
--
-- usage_cumulative holds usage_daily's full key (customer tables filtered by feature, model or
-- provider), usage_cumulative_customer the customer only (usage_daily_customer's key). A key has
-- a row on every day it had a change, holding the sums of all its days up to and including that
-- day. The *_keys tables list the keys (the lookups start from them) with the first and last day
-- they changed, and their rows are the locks that make writers of one key take turns.
-- Kept by the triggers of prisma/functions/usage_cumulative_apply.sql for every writer.
CREATE TABLE usage_cumulative (
  project_id               uuid NOT NULL,
  feature                  text NOT NULL,
  customer                 text NOT NULL,
  provider                 text NOT NULL,
  model                    text NOT NULL,
  day                      date NOT NULL,
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
  PRIMARY KEY (project_id, feature, customer, provider, model, day)
) WITH (fillfactor = 70);

CREATE TABLE usage_cumulative_keys (
  project_id  uuid NOT NULL,
  feature     text NOT NULL,
  customer    text NOT NULL,
  provider    text NOT NULL,
  model       text NOT NULL,
  first_day   date NOT NULL,
  last_day    date NOT NULL,
  PRIMARY KEY (project_id, feature, customer, provider, model)
) WITH (fillfactor = 70);

CREATE TABLE usage_cumulative_customer (
  project_id               uuid NOT NULL,
  customer                 text NOT NULL,
  day                      date NOT NULL,
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
  PRIMARY KEY (project_id, customer, day)
) WITH (fillfactor = 70);

CREATE TABLE usage_cumulative_customer_keys (
  project_id  uuid NOT NULL,
  customer    text NOT NULL,
  first_day   date NOT NULL,
  last_day    date NOT NULL,
  PRIMARY KEY (project_id, customer)
) WITH (fillfactor = 70);

-- usage_daily's full key per calendar month (month = its first day), the read model of the
-- margins report. Plans charge per calendar month and change only on effective dates, so a
-- 90-day report reads one row per key and month instead of one per key and day. Days inside a
-- month are read from usage_daily only where a period edge or an effective date cuts the month
-- (lib/margins/db/usage-segments.ts). Kept by the triggers of prisma/functions/usage_monthly_apply.sql
-- for every writer of usage_daily; a month row left without events is deleted.
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

CREATE TABLE outcome_daily (
  project_id    uuid NOT NULL,
  day           date NOT NULL,
  feature       text NOT NULL,
  customer      text NOT NULL,
  outcome_type  text NOT NULL,
  events        bigint NOT NULL DEFAULT 0,
  quantity      numeric(20,6) NOT NULL DEFAULT 0,
  value         numeric(38,15) NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, day, feature, customer, outcome_type)
);

-- ---------------------------------------------------------------------------------------------
-- Margins: pricing plans, their versions and assignment to customers, imported actual revenue,
-- closed months, saved simulator scenarios. Plans and scenarios are stored as the JSON that
-- lib/margins parses (money as decimal strings of dollars).
-- ---------------------------------------------------------------------------------------------

CREATE TABLE pricing_plans (
  project_id   uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id           text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  name         text NOT NULL,
  type         text NOT NULL CHECK (type IN ('usage', 'outcome', 'subscription', 'hybrid')),
  definition   jsonb NOT NULL,
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  archived_at  timestamptz,
  PRIMARY KEY (project_id, id)
);

-- customer NULL: the project's default plan. plan_id NULL on a customer: back to the default;
-- on the default: no plan. One row per (project, customer or default, effective day).
CREATE TABLE plan_assignments (
  project_id      uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  customer        text,
  plan_id         text,
  effective_from  date NOT NULL,
  created_by      uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id),
  FOREIGN KEY (project_id, plan_id) REFERENCES pricing_plans (project_id, id)
);
CREATE UNIQUE INDEX plan_assignments_when_idx ON plan_assignments (project_id, (coalesce(customer, '')), effective_from);

-- One log row per import attempt; rejected attempts write no revenue rows.
CREATE TABLE revenue_import_batches (
  project_id    uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  status        text NOT NULL CHECK (status IN ('applied', 'rejected')),
  filename      text,
  rows_read     integer NOT NULL,
  rows_rejected integer NOT NULL,
  total         numeric(38,15) NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]',
  imported_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  imported_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);
CREATE INDEX revenue_import_batches_time_idx ON revenue_import_batches (project_id, imported_at DESC);

-- Actual revenue per customer and calendar month; a later import of the same month replaces it.
CREATE TABLE revenue_imports (
  project_id   uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  customer     text NOT NULL,
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  revenue      numeric(38,15) NOT NULL,
  import_id    uuid NOT NULL,
  imported_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  imported_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, customer, month),
  FOREIGN KEY (project_id, import_id) REFERENCES revenue_import_batches (project_id, id)
);
CREATE INDEX revenue_imports_month_idx ON revenue_imports (project_id, month);

CREATE TABLE scenarios (
  project_id   uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  definition   jsonb NOT NULL,
  created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);

-- Effective-dated plan versions (lib/margins/plan-versions.ts). An edit adds a version from a
-- day (default: the first day of the next month); each day is charged by the version in force
-- then. Version 1 has no start: it prices everything before the next version. pricing_plans
-- keeps the latest version's definition for pickers and comparisons.
CREATE TABLE plan_versions (
  project_id      uuid NOT NULL,
  plan_id         text NOT NULL,
  version         integer NOT NULL CHECK (version >= 1),
  effective_from  date,
  name            text NOT NULL,
  definition      jsonb NOT NULL,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, plan_id, version),
  FOREIGN KEY (project_id, plan_id) REFERENCES pricing_plans (project_id, id) ON DELETE CASCADE
);

-- Closed months: the revenue of every customer for the month, frozen when it was closed (by a
-- finance lead, or by importing billing for it). A closed month's revenue never changes again.
CREATE TABLE closed_months (
  project_id  uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  source      text NOT NULL CHECK (source IN ('manual', 'imported')),
  closed_by   uuid,
  closed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, month)
);

CREATE TABLE closed_revenue (
  project_id  uuid NOT NULL,
  month       date NOT NULL,
  customer    text NOT NULL,
  revenue     numeric(38,15) NOT NULL,
  PRIMARY KEY (project_id, month, customer),
  FOREIGN KEY (project_id, month) REFERENCES closed_months (project_id, month) ON DELETE CASCADE
);

-- ---------------------------------------------------------------------------------------------
-- Pricing: a project's price overrides and model aliases (they join the committed catalog in
-- its price book), GPU rates and pools (self-hosted cost), the GPU idle cost of each pool and
-- day with its allocation to the events' dimensions, fixed costs, and the audit of re-pricing
-- runs. Prices are exact decimals: dollars per million tokens or per GPU-hour, as providers
-- and clouds publish them.
-- ---------------------------------------------------------------------------------------------

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

-- When the scheduled GPU idle job (lib/pricing/db/gpu-idle-due.ts) last computed a project's
-- trailing days. A project whose computation writes no pool-day (a pool without a rate, or one
-- that held nothing) must not be due again on every tick: this row, not gpu_pool_days, says when
-- it ran.
CREATE TABLE gpu_idle_runs (
  project_id   uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  computed_at  timestamptz NOT NULL
);

-- Fully loaded cost (lib/pricing/fully-loaded.ts): a pool's bill and busy cost come from
-- gpu_pool_days, its users' GPU-seconds from gpu_idle_allocations.
-- How a pool's idle cost is loaded onto usage: split by busy GPU-seconds (the default, when a
-- pool has no row here) or kept as a named unallocated overhead line.
CREATE TABLE gpu_pool_rules (
  project_id  uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  pool        text NOT NULL,
  idle_rule   text NOT NULL CHECK (idle_rule IN ('proportional', 'overhead')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, pool)
);

-- Fixed costs a finance lead adds: a monthly amount (negative for a committed-use discount) from
-- one month to another (inclusive; open-ended when effective_to is null), prorated by days for a
-- period covering part of a month, allocated like idle GPU time.
CREATE TABLE fixed_costs (
  project_id      uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  monthly_amount  numeric(38,15) NOT NULL,
  rule            text NOT NULL CHECK (rule IN ('proportional', 'overhead')),
  effective_from  date NOT NULL CHECK (extract(day FROM effective_from) = 1),
  effective_to    date CHECK (effective_to IS NULL OR (extract(day FROM effective_to) = 1 AND effective_to >= effective_from)),
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
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

-- ---------------------------------------------------------------------------------------------
-- Anomalies and their detection runs
-- ---------------------------------------------------------------------------------------------

-- One row per (series, day): a re-run of detection updates the row in place (provisional
-- spikes may become level shifts) and never touches the status a person gave it.
-- Improvements (a cost or unit-cost fall, a cache hit rate rise) are "notable", never critical:
-- severity is ranked by dollar impact and direction (lib/anomalies/impact.ts).
CREATE TABLE anomalies (
  project_id         uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  series_id          text NOT NULL,
  metric             text NOT NULL CHECK (metric IN ('cost', 'cost_per_outcome', 'tokens_per_request', 'cache_hit_rate')),
  dimension          text CHECK (dimension IN ('feature', 'customer', 'model')),
  dimension_value    text,
  day                date NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('spike', 'drop', 'level_shift', 'drift')),
  direction          text NOT NULL CHECK (direction IN ('up', 'down')),
  expected           double precision NOT NULL,
  actual             double precision NOT NULL,
  band_low           double precision NOT NULL,
  band_high          double precision NOT NULL,
  score              double precision NOT NULL,
  dollar_impact      numeric(38,15),
  severity           text NOT NULL CHECK (severity IN ('notable', 'low', 'medium', 'high', 'critical')),
  root_causes        jsonb NOT NULL DEFAULT '[]',
  description        text NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved', 'muted')),
  status_changed_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  status_changed_at  timestamptz,
  provisional        boolean NOT NULL DEFAULT false,
  detected_at        timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id),
  UNIQUE (project_id, series_id, day),
  CHECK ((dimension IS NULL) = (dimension_value IS NULL))
);
CREATE INDEX anomalies_project_day_idx ON anomalies (project_id, day DESC);
CREATE INDEX anomalies_project_detected_idx ON anomalies (project_id, detected_at DESC);

-- One run per project and judged day: the scheduler claims the row before it runs, so two
-- schedulers never run the same day twice; a failed or abandoned run can be claimed again.
CREATE TABLE detection_runs (
  project_id         uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  day                date NOT NULL,
  status             text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  trigger            text NOT NULL CHECK (trigger IN ('schedule', 'manual', 'cli')),
  started_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz,
  series_count       integer NOT NULL DEFAULT 0,
  anomalies_found    integer NOT NULL DEFAULT 0,
  anomalies_created  integer NOT NULL DEFAULT 0,
  anomalies_updated  integer NOT NULL DEFAULT 0,
  error              text,
  PRIMARY KEY (project_id, day)
);

-- Intraday anomaly detection (lib/anomalies/db/today.ts) runs every few minutes on today's
-- partial data. Each run claims (project, slot), slot = the start of its interval, so several
-- schedulers or app instances firing in the same interval detect once.
CREATE TABLE intraday_detection_runs (
  project_id         uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  slot               timestamptz NOT NULL,
  day                date NOT NULL,
  started_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz,
  anomalies_found    integer NOT NULL DEFAULT 0,
  anomalies_created  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, slot)
);

-- ---------------------------------------------------------------------------------------------
-- The weekly digest: subscriptions, deliveries and the local outbox
-- ---------------------------------------------------------------------------------------------

-- A member's digest preference per organisation. No row: the role's default applies
-- (on for owner, admin and finance), Monday 08:00 in the organisation's time zone.
CREATE TABLE digest_subscriptions (
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  project_id  uuid REFERENCES projects(id) ON DELETE SET NULL,
  enabled     boolean NOT NULL,
  weekday     integer NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7),
  hour        integer NOT NULL DEFAULT 8 CHECK (hour BETWEEN 0 AND 23),
  timezone    text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);

-- The claim row that makes a digest go at most once per member and week: a sender inserts it
-- (ON CONFLICT DO NOTHING) or moves it from 'failed' to 'pending' in one UPDATE before sending.
-- 'sent' is final. A 'pending' row whose sender died is left alone (never risk a second email).
CREATE TABLE digest_deliveries (
  org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  week_key         text NOT NULL CHECK (week_key ~ '^[0-9]{4}-W[0-9]{2}$'),
  project_id       uuid,
  status           text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  next_attempt_at  timestamptz,
  message_id       text,
  transport        text CHECK (transport IN ('smtp', 'outbox')),
  claimed_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id, week_key)
);
CREATE INDEX digest_deliveries_retry_idx ON digest_deliveries (next_attempt_at) WHERE status = 'failed';

-- Where email goes when SMTP_URL is unset; the app lists and shows these.
CREATE TABLE outbox_messages (
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id     uuid,
  to_address  text NOT NULL,
  subject     text NOT NULL,
  html        text NOT NULL,
  text        text NOT NULL,
  headers     jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX outbox_messages_org_created_idx ON outbox_messages (org_id, created_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Budgets, alert channels and the alerts sent through them. Budgets belong to a project;
-- channels, alerts and their delivery log to the organisation.
-- ---------------------------------------------------------------------------------------------

-- A spend limit per period on a project or a slice of it (any of feature, customer, model,
-- provider; NULL = every value). Periods are calendar days in the organisation's timezone.
-- Thresholds are percentages of the amount, on actual spend and on the forecast at period end.
CREATE TABLE budgets (
  project_id           uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  name                 text NOT NULL,
  period               text NOT NULL CHECK (period IN ('month', 'quarter', 'custom')),
  custom_from          date,
  custom_to            date,
  amount               numeric(38,15) NOT NULL CHECK (amount > 0),
  feature              text,
  customer             text,
  model                text,
  provider             text,
  actual_thresholds    integer[] NOT NULL DEFAULT '{50,80,100}',
  forecast_thresholds  integer[] NOT NULL DEFAULT '{100}',
  cost_basis           text NOT NULL DEFAULT 'usage' CHECK (cost_basis IN ('usage', 'fully_loaded')),
  muted                boolean NOT NULL DEFAULT false,
  created_by           uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id),
  CHECK ((period = 'custom') = (custom_from IS NOT NULL AND custom_to IS NOT NULL)),
  CHECK (custom_to >= custom_from)
);

-- Where alerts go: an email address, a Slack incoming webhook or a signed generic webhook.
-- anomaly_min_severity NULL: the channel takes no anomaly alerts. A channel failing
-- `consecutive_failures` times in a row is disabled (disabled_at) and the owners are emailed.
-- A member's own alert preference is a personal email channel (user_id set): the same claims,
-- retries, delivery log and auto-disable as the organisation's channels, one per member.
CREATE TABLE alert_channels (
  org_id                uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  kind                  text NOT NULL CHECK (kind IN ('email', 'slack', 'webhook')),
  name                  text NOT NULL,
  target                text NOT NULL,
  signing_secret        text,
  budget_alerts         boolean NOT NULL DEFAULT true,
  anomaly_min_severity  text CHECK (anomaly_min_severity IN ('low', 'medium', 'high', 'critical')),
  muted                 boolean NOT NULL DEFAULT false,
  consecutive_failures  integer NOT NULL DEFAULT 0,
  disabled_at           timestamptz,
  disabled_reason       text,
  created_by            uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  user_id               uuid REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (org_id, id),
  CHECK ((kind = 'webhook') = (signing_secret IS NOT NULL)),
  CONSTRAINT alert_channels_member_email CHECK (user_id IS NULL OR kind = 'email')
);
CREATE UNIQUE INDEX alert_channels_member_idx ON alert_channels (org_id, user_id) WHERE user_id IS NOT NULL;

-- One row per thing that alerts, keyed by its dedupe key (budget, period, kind and threshold;
-- or the anomaly): the job INSERTs it ON CONFLICT DO NOTHING, so only one of several
-- schedulers creates it and its deliveries, in the same statement.
CREATE TABLE alerts (
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  dedupe_key  text NOT NULL,
  project_id  uuid REFERENCES projects(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('budget_actual', 'budget_forecast', 'anomaly', 'test')),
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, dedupe_key)
);

-- One row per alert and channel: the delivery's state. A sender moves it to 'sending' in one
-- UPDATE (only one scheduler gets it back), then to 'delivered', 'failed' (retried after
-- next_attempt_at) or 'abandoned'. A 'sending' row whose sender died is left alone.
CREATE TABLE alert_deliveries (
  org_id            uuid NOT NULL,
  dedupe_key        text NOT NULL,
  channel_id        uuid NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'abandoned')),
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL DEFAULT now(),
  last_status_code  integer,
  last_error        text,
  delivered_at      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, dedupe_key, channel_id),
  FOREIGN KEY (org_id, dedupe_key) REFERENCES alerts(org_id, dedupe_key) ON DELETE CASCADE,
  FOREIGN KEY (org_id, channel_id) REFERENCES alert_channels(org_id, id) ON DELETE CASCADE
);
CREATE INDEX alert_deliveries_due_idx ON alert_deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');

-- Every attempt, for the channel's delivery log: HTTP status code (NULL for email or a
-- connection failure), the error, how long it took.
CREATE TABLE alert_delivery_log (
  org_id       uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  channel_id   uuid NOT NULL,
  dedupe_key   text NOT NULL,
  attempt      integer NOT NULL,
  ok           boolean NOT NULL,
  status_code  integer,
  error        text,
  duration_ms  integer NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, channel_id) REFERENCES alert_channels(org_id, id) ON DELETE CASCADE
);
CREATE INDEX alert_delivery_log_channel_idx ON alert_delivery_log (org_id, channel_id, created_at DESC);

-- Who changed a budget or a channel, when, and the row before and after.
CREATE TABLE alert_audit_log (
  org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  project_id  uuid,
  entity      text NOT NULL CHECK (entity IN ('budget', 'channel')),
  entity_id   uuid NOT NULL,
  action      text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  actor_id    uuid REFERENCES users(id) ON DELETE SET NULL,
  before      jsonb,
  after       jsonb,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX alert_audit_log_entity_idx ON alert_audit_log (org_id, entity_id, at DESC);
