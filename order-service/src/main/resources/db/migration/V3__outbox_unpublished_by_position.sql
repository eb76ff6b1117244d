-- The shared relay claims the earliest unpublished events by position.
DROP INDEX outbox_event_unpublished;
CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;
