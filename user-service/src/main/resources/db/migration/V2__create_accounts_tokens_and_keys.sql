-- Accounts. Emails are stored normalised (trimmed, lower case); the unique index on lower(email)
-- keeps them unique case-insensitively even for rows written by other means, and is the conflict
-- target that lets several instances seed the first administrator at once without duplicates.
CREATE TABLE user_account (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT user_account_roles_known
        CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['CUSTOMER', 'ADMIN']::text[])
);

CREATE UNIQUE INDEX user_account_email_unique ON user_account (lower(email));

CREATE INDEX user_account_admins ON user_account (id) WHERE 'ADMIN' = ANY (roles);

-- Refresh tokens: only a SHA-256 hash of each opaque token is kept. Every use rotates the token
-- within its family; presenting a rotated token again revokes the whole family.
CREATE TABLE refresh_token (
    id         uuid        PRIMARY KEY,
    family_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz,
    CONSTRAINT refresh_token_hash_unique UNIQUE (token_hash)
);

CREATE INDEX refresh_token_family ON refresh_token (family_id);

CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- Keys that sign access tokens. The newest key signs and has no retire_at; a rotation gives the
-- keys it supersedes a retire_at, when every token they signed has expired, and until then they
-- keep verifying. The private key is encrypted with
-- AES-256-GCM under a key derived from USERS_KEY_ENCRYPTION_SECRET (nonce || ciphertext || tag).
CREATE TABLE signing_key (
    kid                   text        PRIMARY KEY,
    public_key            bytea       NOT NULL,
    private_key_encrypted bytea       NOT NULL,
    created_at            timestamptz NOT NULL,
    retire_at             timestamptz
);
