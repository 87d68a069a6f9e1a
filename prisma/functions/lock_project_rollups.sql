-- The project's rollup lock, held to commit (lib/db/rollup-lock.ts). Ingestion takes it shared
-- before its rollup upsert: concurrent batches then take turns per key (step 1 of
-- usage_cumulative_apply). Every other writer (re-pricing before it locks its rollup rows; the
-- rollup triggers for any other statement) takes it exclusive, so it runs alone: ingestion and
-- re-pricing lock rows of different levels in different orders and would otherwise wait for each
-- other's rows. Two-key advisory locks never collide with the one-key locks used elsewhere.
CREATE OR REPLACE FUNCTION lock_project_rollups(project uuid, shared boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF shared THEN
    PERFORM pg_advisory_xact_lock_shared(hashtext('inferledger.rollups'), hashtext(project::text));
  ELSE
    PERFORM pg_advisory_xact_lock(hashtext('inferledger.rollups'), hashtext(project::text));
  END IF;
END
$$;
