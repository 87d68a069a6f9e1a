-- Ingestion now writes usage_daily_model and usage_daily_customer itself, from the per-key sums
-- it computes for the batch anyway (lib/ingest/rollup-deltas.ts): re-grouping every changed
-- usage_daily row in the triggers cost more than half of a 1,000-event batch's write time.
-- Its transaction sets inferledger.levels_written = 'on' (SET LOCAL), and the triggers stand
-- aside for it. Every other writer of usage_daily (re-pricing, deletions, hand-written SQL)
-- leaves the setting unset and keeps the levels in step through the triggers, as before.
DROP TRIGGER usage_rollup_levels_insert ON usage_daily;
DROP TRIGGER usage_rollup_levels_update ON usage_daily;
DROP TRIGGER usage_rollup_levels_delete ON usage_daily;

CREATE TRIGGER usage_rollup_levels_insert AFTER INSERT ON usage_daily
  REFERENCING NEW TABLE AS usage_rollup_new FOR EACH STATEMENT
  WHEN (current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION usage_rollup_levels_insert();
CREATE TRIGGER usage_rollup_levels_update AFTER UPDATE ON usage_daily
  REFERENCING OLD TABLE AS usage_rollup_old NEW TABLE AS usage_rollup_new FOR EACH STATEMENT
  WHEN (current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION usage_rollup_levels_update();
CREATE TRIGGER usage_rollup_levels_delete AFTER DELETE ON usage_daily
  REFERENCING OLD TABLE AS usage_rollup_old FOR EACH STATEMENT
  WHEN (current_setting('inferledger.levels_written', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION usage_rollup_levels_delete();
