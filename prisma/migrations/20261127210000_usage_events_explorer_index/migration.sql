-- The events explorer pages newest first with a (received_at, event_id) keyset cursor. Every
-- event of an ingest batch shares its received_at, so an index on received_at alone leaves a
-- sort of a whole batch per page; with event_id as the tie-breaker a page is a plain index walk.
CREATE INDEX usage_events_explorer_idx ON usage_events (project_id, received_at DESC, event_id DESC);
