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

INSERT INTO plan_versions (project_id, plan_id, version, effective_from, name, definition, created_by, created_at)
SELECT project_id, id, 1, NULL, name, definition, created_by, created_at FROM pricing_plans;

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
