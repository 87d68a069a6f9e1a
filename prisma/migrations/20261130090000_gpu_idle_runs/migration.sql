-- When the scheduled GPU idle job (lib/pricing/db/gpu-idle-due.ts) last computed a project's
-- trailing days. A project whose computation writes no pool-day (a pool without a rate, or one
-- that held nothing) must not be due again on every tick: this row, not gpu_pool_days, says when
-- it ran.
CREATE TABLE gpu_idle_runs (
  project_id   uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  computed_at  timestamptz NOT NULL
);
