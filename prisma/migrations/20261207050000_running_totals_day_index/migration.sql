-- A period's sums per key come from the running totals: the key's running row at the period's
-- end minus the one before its start (lib/analytics/period-source.ts). Found one key at a time,
-- each bound is an ORDER BY day DESC LIMIT 1 probe (about 8 µs); most keys changed on the day
-- before the period (and on its last day), and those rows are one range of this index, read once
-- and hash-joined to the keys. A key that last changed before the period's end has its row on
-- its last day: looked up by (day, key) here, keys that share a last day read neighbouring
-- entries (a 2,000-customer breakdown's database time 40 → 14 ms on PostgreSQL 15).
CREATE INDEX usage_cumulative_day_idx ON usage_cumulative (project_id, day, feature, customer, provider, model);
CREATE INDEX usage_cumulative_customer_day_idx ON usage_cumulative_customer (project_id, day, customer);
