-- An order whose participant never answers is cancelled as timed-out. The constraint is added
-- NOT VALID and validated apart, so that checking the existing rows does not block writers.
ALTER TABLE customer_order DROP CONSTRAINT customer_order_cancel_reason_check;
ALTER TABLE customer_order ADD CONSTRAINT customer_order_cancel_reason_check
    CHECK (cancel_reason IN ('insufficient-stock', 'payment-declined', 'payment-failed', 'customer-cancelled', 'timed-out'))
    NOT VALID;
ALTER TABLE customer_order VALIDATE CONSTRAINT customer_order_cancel_reason_check;

-- The sweep for orders past their deadline reads only the orders still under way.
CREATE INDEX customer_order_unfinished ON customer_order (updated_at, id) WHERE status IN ('PENDING', 'STOCK_RESERVED');

-- The command a step waits on is found among its order's events.
CREATE INDEX outbox_event_by_aggregate ON outbox_event (aggregate_id, event_type);

-- A step driven again after its deadline passed: its command (event_id) was published again.
-- One row per order and state at most, so a step is driven again once.
CREATE TABLE saga_redrive (
    order_id    uuid        NOT NULL REFERENCES customer_order (id),
    status      text        NOT NULL,
    event_id    uuid        NOT NULL,
    redriven_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, status)
);
