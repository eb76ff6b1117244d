-- The tables the shared runtime works on, as the services' migrations leave them
-- (outbox_event, processed_event): the runtime's own tests create them from here.
CREATE TABLE outbox_event (
    id           uuid        PRIMARY KEY,
    topic        text        NOT NULL,
    aggregate_id text        NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    traceparent  text,
    occurred_at  timestamptz NOT NULL,
    published_at timestamptz,
    position     bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;
CREATE INDEX outbox_event_unpublished_by_aggregate ON outbox_event (aggregate_id, position) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_by_age ON processed_event (processed_at);
