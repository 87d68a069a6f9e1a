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
