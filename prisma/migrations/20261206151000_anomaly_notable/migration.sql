-- Improvements (a cost or unit-cost fall, a cache hit rate rise) are "notable", never critical:
-- severity is ranked by dollar impact and direction (lib/anomalies/impact.ts).
ALTER TABLE anomalies DROP CONSTRAINT anomalies_severity_check;
ALTER TABLE anomalies ADD CONSTRAINT anomalies_severity_check CHECK (severity IN ('notable', 'low', 'medium', 'high', 'critical'));
