-- The purge of rows past their retention (platform.retention.*) finds them by age, without
-- scanning the table.
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

CREATE INDEX processed_event_by_age ON processed_event (processed_at);
