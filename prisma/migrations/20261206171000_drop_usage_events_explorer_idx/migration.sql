-- The events explorer walks the primary key (project_id, occurred_at, event_id) backwards
-- (lib/analytics/queries/list-usage-events.ts); no query reads usage_events by received_at any
-- more, so this index only cost a write per ingested event.
DROP INDEX usage_events_explorer_idx;
