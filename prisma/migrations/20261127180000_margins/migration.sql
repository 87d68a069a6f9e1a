-- Margins: pricing plans, their assignment to customers, imported actual revenue, saved
-- simulator scenarios. Every key and index leads with the project. Plans and scenarios are
-- stored as the JSON that lib/margins parses (money as decimal strings of dollars).

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
