-- The weekday an organisation's weeks start on (0 = Sunday ... 6 = Saturday, as JavaScript's
-- getUTCDay), for the week presets of lib/analytics/period. Monday, the ISO week, by default.
ALTER TABLE organizations ADD COLUMN week_start integer NOT NULL DEFAULT 1 CHECK (week_start BETWEEN 0 AND 6);
