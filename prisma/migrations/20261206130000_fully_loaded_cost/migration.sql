-- Fully loaded cost (lib/pricing/fully-loaded.ts): a pool's bill and busy cost come from
-- gpu_pool_days, its users' GPU-seconds from gpu_idle_allocations (both existing).

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
