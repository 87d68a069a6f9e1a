-- Cost per outcome is now one series per outcome type (series id "cost_per_outcome/<type>...",
-- lib/anomalies/metrics.ts): the anomalies of the old series, which divided all cost by all
-- outcome types together, measured nothing real. The next detection run stores the new series'
-- anomalies over its whole window.
DELETE FROM anomalies WHERE metric = 'cost_per_outcome' AND series_id NOT LIKE 'cost\_per\_outcome/%';
