-- The project's rollup lock, held to commit (lib/db/rollup-lock.ts, taken by lib/rollups/write.ts).
-- Ingestion takes it shared: concurrent batches then take turns only per key (the running totals'
-- keys rows). Every other rollup writer (re-pricing) takes it exclusive and runs alone: it reads
-- rollups before writing its deltas, and would otherwise wait for rows a batch holds while the
-- batch waits for its own. Two-key advisory locks never collide with the one-key locks used elsewhere.
CREATE OR REPLACE FUNCTION lock_project_rollups(project uuid, shared boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF shared THEN
    PERFORM pg_advisory_xact_lock_shared(hashtext('inferledger.rollups'), hashtext(project::text));
  ELSE
    PERFORM pg_advisory_xact_lock(hashtext('inferledger.rollups'), hashtext(project::text));
  END IF;
END
$$;
