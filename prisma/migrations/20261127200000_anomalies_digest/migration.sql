-- Cost anomalies, their detection runs, and the weekly digest (subscriptions, deliveries and
-- the local outbox). Every table leads with its tenant (project or organisation).

-- One row per (series, day): a re-run of detection updates the row in place (provisional
-- spikes may become level shifts) and never touches the status a person gave it.
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
  severity           text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
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
