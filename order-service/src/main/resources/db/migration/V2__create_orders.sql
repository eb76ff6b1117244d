-- Orders and their lines. Prices are snapshotted from the catalog when the order is placed;
-- an order has a single currency.
CREATE TABLE customer_order (
    id            uuid          PRIMARY KEY,
    user_id       uuid          NOT NULL,
    status        text          NOT NULL CHECK (status IN ('PENDING', 'STOCK_RESERVED', 'CONFIRMED', 'CANCELLED')),
    cancel_reason text          CHECK (cancel_reason IN ('insufficient-stock', 'payment-declined', 'payment-failed', 'customer-cancelled')),
    total         numeric(12,2) NOT NULL CHECK (total >= 0),
    currency      char(3)       NOT NULL,
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL,
    CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL))
);

CREATE INDEX customer_order_by_user ON customer_order (user_id, created_at DESC, id);

CREATE TABLE order_line (
    order_id   uuid          NOT NULL REFERENCES customer_order (id),
    line_no    integer       NOT NULL,
    product_id uuid          NOT NULL,
    sku        text          NOT NULL,
    name       text          NOT NULL,
    quantity   integer       NOT NULL CHECK (quantity > 0),
    unit_price numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, product_id)
);

-- Every state an order went through, in order; the first row is its placement.
CREATE TABLE order_status_change (
    order_id    uuid        NOT NULL REFERENCES customer_order (id),
    seq         integer     NOT NULL,
    from_status text,
    to_status   text        NOT NULL,
    reason      text,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (order_id, seq)
);

-- A client's Idempotency-Key, unique per user, with a hash of the request it came with: a retry
-- with the same key and body gets the same order, the same key with another body is refused.
CREATE TABLE idempotency_key (
    user_id         uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    order_id        uuid        NOT NULL REFERENCES customer_order (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);

-- The outcome of the payment of an order, as the payment worker recorded it.
CREATE TABLE payment (
    order_id   uuid          PRIMARY KEY REFERENCES customer_order (id),
    status     text          NOT NULL CHECK (status IN ('AUTHORISED', 'DECLINED', 'FAILED', 'VOIDED')),
    reference  text,
    amount     numeric(12,2) NOT NULL,
    currency   char(3)       NOT NULL,
    updated_at timestamptz   NOT NULL
);

-- The relay publishes each aggregate's events in the order they were written. A sequence
-- orders them even when two instances' clocks disagree: transitions of one order are
-- serialised by its row lock, so a later event always gets a larger position.
ALTER TABLE outbox_event ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY;

CREATE INDEX outbox_event_unpublished_by_aggregate ON outbox_event (aggregate_id, position) WHERE published_at IS NULL;
