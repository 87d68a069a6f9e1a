-- Budgets, alert channels and the alerts sent through them (issue 18). Budgets belong to a
-- project; channels, alerts and their delivery log to the organisation. Every table leads with
-- its tenant.

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
  PRIMARY KEY (org_id, id),
  CHECK ((kind = 'webhook') = (signing_secret IS NOT NULL))
);

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
