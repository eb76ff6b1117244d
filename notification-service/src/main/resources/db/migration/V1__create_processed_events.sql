-- Events a consumer has applied, recorded in the same transaction as their effect so that a
-- redelivered event is recognised and skipped (idempotent consumer).
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
