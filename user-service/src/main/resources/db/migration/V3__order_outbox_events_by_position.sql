-- The shared relay publishes each aggregate's events in the order they were written. A
-- sequence orders them even when two instances' clocks disagree.
ALTER TABLE outbox_event ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY;

DROP INDEX outbox_event_unpublished;
CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;
CREATE INDEX outbox_event_unpublished_by_aggregate ON outbox_event (aggregate_id, position) WHERE published_at IS NULL;
