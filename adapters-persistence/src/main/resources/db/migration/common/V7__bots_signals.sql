-- Bots: webhook-driven traders. Sizing is one kind and one number; risk limits are nullable (not set);
-- allowed symbols are BASE/QUOTE codes joined by ',' (codes never contain one; empty: every symbol).
-- name_key is the name in lower case: names are unique per workspace ignoring case, and H2 has no index on an
-- expression. venue_account_id has no foreign key here: the venue account store comes in its own migration.
CREATE TABLE bots (
    id                          UUID                     NOT NULL PRIMARY KEY,
    workspace_id                UUID                     NOT NULL REFERENCES workspaces (id),
    name                        VARCHAR(100)             NOT NULL,
    name_key                    VARCHAR(100)             NOT NULL,
    description                 VARCHAR(1000)            NOT NULL,
    asset_type                  VARCHAR(16)              NOT NULL,
    venue_account_id            UUID                     NOT NULL,
    environment                 VARCHAR(8)               NOT NULL,
    sizing_kind                 VARCHAR(24)              NOT NULL,
    sizing_value                NUMERIC(38, 18)          NOT NULL,
    stop_loss_percent           NUMERIC(38, 18),
    take_profit_percent         NUMERIC(38, 18),
    max_daily_loss              NUMERIC(38, 18),
    max_open_positions          INTEGER,
    allowed_symbols             VARCHAR(4200)            NOT NULL,
    status                      VARCHAR(8)               NOT NULL,
    webhook_secret              VARCHAR(4000)            NOT NULL,
    previous_secret             VARCHAR(4000),
    previous_secret_valid_until TIMESTAMP WITH TIME ZONE,
    config_version              INTEGER                  NOT NULL,
    created_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bots_name_per_workspace UNIQUE (workspace_id, name_key),
    CONSTRAINT bots_asset_type CHECK (asset_type IN ('CRYPTO', 'STOCKS')),
    CONSTRAINT bots_environment CHECK (environment IN ('PAPER', 'LIVE')),
    CONSTRAINT bots_sizing_kind CHECK (sizing_kind IN ('FIXED_QUOTE', 'PERCENT_OF_EQUITY', 'FIXED_UNITS')),
    CONSTRAINT bots_status CHECK (status IN ('ACTIVE', 'PAUSED', 'STOPPED')),
    CONSTRAINT bots_previous_secret CHECK ((previous_secret IS NULL) = (previous_secret_valid_until IS NULL)),
    CONSTRAINT bots_config_version CHECK (config_version >= 1)
);

-- Signals: every webhook received, kept as received. bot_id has no foreign key on purpose: a deleted bot's
-- signals stay, as the record of what was received and because they count towards the day's quota.
CREATE TABLE signals (
    id                UUID                     NOT NULL PRIMARY KEY,
    workspace_id      UUID                     NOT NULL REFERENCES workspaces (id),
    bot_id            UUID                     NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    reason            VARCHAR(1000),
    idempotency_key   VARCHAR(200)             NOT NULL,
    raw_body          VARCHAR(65536)           NOT NULL,
    content_type      VARCHAR(200),
    action            VARCHAR(200),
    symbol            VARCHAR(200),
    quantity          VARCHAR(200),
    price             VARCHAR(200),
    stop_loss         VARCHAR(200),
    take_profit       VARCHAR(200),
    external_order_id VARCHAR(200),
    updated_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT signals_status CHECK (status IN
        ('RECEIVED', 'DUPLICATE', 'IGNORED', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'DEAD'))
);
-- a bot's signals newest first (the paged list)
CREATE INDEX signals_bot_received ON signals (workspace_id, bot_id, received_at DESC, id DESC);
-- the day's count of a workspace (quota)
CREATE INDEX signals_workspace_received ON signals (workspace_id, received_at);

-- Idempotency keys: one row per (bot, key), naming the first signal of the current window. The unique key is
-- what makes deduplication race-free across processes: a fresh key is INSERTed (a concurrent twin hits the
-- unique index and becomes a duplicate), an expired one is taken over by a conditional UPDATE (only one of two
-- concurrent takeovers still finds it expired). signal_id has no foreign key: the key row is written first, then
-- the signal, in one transaction. expires_at (first_at + the window it was recorded with) lets old rows be pruned.
CREATE TABLE signal_keys (
    workspace_id    UUID                     NOT NULL REFERENCES workspaces (id),
    bot_id          UUID                     NOT NULL,
    idempotency_key VARCHAR(200)             NOT NULL,
    signal_id       UUID                     NOT NULL,
    first_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT signal_keys_pk PRIMARY KEY (workspace_id, bot_id, idempotency_key)
);
CREATE INDEX signal_keys_expires ON signal_keys (expires_at);
