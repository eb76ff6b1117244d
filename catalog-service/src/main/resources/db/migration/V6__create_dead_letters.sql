-- The records this service's consumers gave up on (their dead letter topics), for the
-- admin API: listed with their cause, replayed to the topic they came from. A record's
-- position on its dead letter topic is unique, so a dead letter read twice is stored once.
CREATE TABLE dead_letter (
    id                uuid PRIMARY KEY,
    dlt_topic         text        NOT NULL,
    dlt_partition     integer     NOT NULL,
    dlt_offset        bigint      NOT NULL,
    origin_topic      text        NOT NULL,
    origin_partition  integer,
    origin_offset     bigint,
    consumer_group    text,
    record_key        bytea,
    payload           bytea,
    -- The record's own headers (eventId, traceparent...), values in Base64.
    headers           jsonb       NOT NULL,
    exception_class   text,
    exception_message text,
    dead_lettered_at  timestamptz NOT NULL,
    replayed_at       timestamptz,
    CONSTRAINT dead_letter_position UNIQUE (dlt_topic, dlt_partition, dlt_offset)
);

CREATE INDEX dead_letter_newest ON dead_letter (dead_lettered_at DESC);
