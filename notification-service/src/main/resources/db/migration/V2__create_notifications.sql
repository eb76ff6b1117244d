-- Who the service can write to: filled from UserRegistered events, never read from user-service's
-- database. Order events carry only the user id; the address is looked up here at delivery time.
CREATE TABLE recipient (
    user_id       uuid        PRIMARY KEY,
    email         text        NOT NULL,
    display_name  text        NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
);

-- One notification per user and source event. seq orders a user's notifications for the live
-- stream: it is the SSE event id, and Last-Event-ID replays "seq > the last one seen". Inserts for
-- one user are serialised (advisory lock) so that a user's seq values become visible in order.
CREATE TABLE notification (
    id              uuid        PRIMARY KEY,
    seq             bigserial   NOT NULL UNIQUE,
    user_id         uuid        NOT NULL,
    source_event_id uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('WELCOME', 'ORDER_CONFIRMED', 'ORDER_CANCELLED')),
    title           text        NOT NULL,
    message         text        NOT NULL,
    details         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz,
    CONSTRAINT notification_once_per_event UNIQUE (user_id, source_event_id)
);

CREATE INDEX notification_by_user ON notification (user_id, seq);

CREATE INDEX notification_unread_by_user ON notification (user_id) WHERE read_at IS NULL;

-- The delivery task queue: one row per notification and channel, claimed by workers with
-- FOR UPDATE SKIP LOCKED. A claimed row's next_attempt_at is pushed out by a lease, so a worker
-- that dies mid-send leaves the row to be retried once the lease runs out. FAILED is the dead letter.
CREATE TABLE notification_delivery (
    id                 uuid        PRIMARY KEY,
    notification_id    uuid        NOT NULL REFERENCES notification (id),
    user_id            uuid        NOT NULL,
    source_event_id    uuid        NOT NULL,
    channel            text        NOT NULL CHECK (channel IN ('EMAIL')),
    status             text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    awaiting_recipient boolean     NOT NULL DEFAULT false,
    last_error         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz,
    CONSTRAINT delivery_once_per_event_and_channel UNIQUE (user_id, source_event_id, channel)
);

CREATE INDEX delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'PENDING';

CREATE INDEX delivery_by_notification ON notification_delivery (notification_id);

CREATE INDEX delivery_pending_by_user ON notification_delivery (user_id) WHERE status = 'PENDING';
