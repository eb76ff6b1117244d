CREATE TABLE category (
    id          uuid        PRIMARY KEY,
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Money is an exact NUMERIC with its ISO 4217 currency, never a float.
CREATE TABLE product (
    id            uuid          PRIMARY KEY,
    sku           text          NOT NULL UNIQUE,
    name          text          NOT NULL,
    description   text          NOT NULL DEFAULT '',
    price         numeric(12,2) NOT NULL CHECK (price >= 0),
    currency      char(3)       NOT NULL,
    category_id   uuid          NOT NULL REFERENCES category (id),
    attributes    jsonb         NOT NULL DEFAULT '{}'::jsonb,
    image_urls    text[]        NOT NULL DEFAULT '{}',
    version       bigint        NOT NULL DEFAULT 0,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    -- Full-text search over name (weight A) and description (weight B), kept in step by
    -- PostgreSQL itself and served by the GIN index below.
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
    ) STORED
);

CREATE INDEX product_search_vector ON product USING gin (search_vector);
-- Listing orders: every sort key ends with the id so that pages are stable.
CREATE INDEX product_category_price ON product (category_id, price, id);
CREATE INDEX product_category_name ON product (category_id, name, id);
CREATE INDEX product_price ON product (price, id);
CREATE INDEX product_name ON product (name, id);
CREATE INDEX product_created ON product (created_at, id);

-- Stock per product. Reservations only ever move units with conditional updates, and the
-- checks make overselling impossible even for a statement that forgot the condition.
CREATE TABLE inventory (
    product_id uuid        PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
    on_hand    integer     NOT NULL CHECK (on_hand >= 0),
    reserved   integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inventory_reserved_within_on_hand CHECK (reserved <= on_hand)
);

-- One reservation per order: the order id is the idempotency key of the saga's calls.
CREATE TABLE reservation (
    order_id   uuid        PRIMARY KEY,
    status     text        NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'COMMITTED')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- No foreign key to product: a reservation's history outlives a deleted product.
CREATE TABLE reservation_line (
    order_id   uuid    NOT NULL REFERENCES reservation (order_id) ON DELETE CASCADE,
    product_id uuid    NOT NULL,
    quantity   integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
