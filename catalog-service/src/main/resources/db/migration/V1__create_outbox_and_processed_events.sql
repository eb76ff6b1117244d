-- Events waiting to be published to Kafka, written in the same transaction as the change they
-- describe (transactional outbox); a relay publishes them in order and stamps published_at.
CREATE TABLE outbox_event (
    id           uuid        PRIMARY KEY,
    topic        text        NOT NULL,
    aggregate_id text        NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    traceparent  text,
    occurred_at  timestamptz NOT NULL,
    published_at timestamptz
);

CREATE INDEX outbox_event_unpublished ON outbox_event (occurred_at) WHERE published_at IS NULL;

-- Events a consumer has applied, recorded in the same transaction as their effect so that a
-- redelivered event is recognised and skipped (idempotent consumer).
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
