-- Accounts and tenancy. Every row of tenant data carries its organisation or project id,
-- and every composite index leads with it so a tenant-sharded Postgres can take the schema.

CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  slug        text NOT NULL UNIQUE,
  timezone    text NOT NULL DEFAULT 'UTC',
  is_demo     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
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

-- Money columns are numeric(38,15): exact dollars to the femtodollar (see lib/money).
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
  PRIMARY KEY (project_id, occurred_at, event_id)
);
CREATE INDEX usage_events_received_idx ON usage_events (project_id, received_at DESC);
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

-- Daily rollups in the organisation's timezone: dashboards read these, never raw events.
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
  latency_histogram      bigint[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (project_id, day, feature, customer, provider, model)
);

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
