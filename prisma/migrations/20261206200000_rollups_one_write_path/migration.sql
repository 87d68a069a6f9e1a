-- Every usage rollup level is kept by one function (lib/rollups/write.ts, applyUsageDeltas) that
-- ingestion, re-pricing and every other writer call with signed deltas. The statement triggers
-- that kept the smaller daily levels, the monthly read model and the running totals in step with
-- usage_daily are dropped: nothing needs them for correctness any more.
DROP TRIGGER IF EXISTS usage_rollup_levels_insert ON usage_daily;
DROP TRIGGER IF EXISTS usage_rollup_levels_update ON usage_daily;
DROP TRIGGER IF EXISTS usage_rollup_levels_delete ON usage_daily;
DROP TRIGGER IF EXISTS usage_cumulative_insert ON usage_daily;
DROP TRIGGER IF EXISTS usage_cumulative_update ON usage_daily;
DROP TRIGGER IF EXISTS usage_cumulative_delete ON usage_daily;
DROP TRIGGER IF EXISTS usage_cumulative_insert ON usage_daily_customer;
DROP TRIGGER IF EXISTS usage_cumulative_update ON usage_daily_customer;
DROP TRIGGER IF EXISTS usage_cumulative_delete ON usage_daily_customer;
DROP TRIGGER IF EXISTS usage_monthly_insert ON usage_daily;
DROP TRIGGER IF EXISTS usage_monthly_update ON usage_daily;
DROP TRIGGER IF EXISTS usage_monthly_delete ON usage_daily;
DROP FUNCTION IF EXISTS usage_rollup_levels_apply();
DROP FUNCTION IF EXISTS usage_cumulative_apply();
DROP FUNCTION IF EXISTS usage_monthly_apply();
