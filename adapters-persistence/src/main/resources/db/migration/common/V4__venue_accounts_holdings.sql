-- Venue accounts: a workspace's connections to exchanges, brokers, wallets and paper accounts.
-- label_key is the label in lower case: labels are unique per workspace regardless of case, and H2 has no
-- expression index to say so (it is longer than the label because lower-casing may lengthen a string).
-- The (workspace_id, id) key lets owned rows of other tables reference an account together with its
-- workspace, so no row can point at another workspace's account.
CREATE TABLE venue_accounts (
    id               UUID                     NOT NULL PRIMARY KEY,
    workspace_id     UUID                     NOT NULL REFERENCES workspaces (id),
    venue            VARCHAR(32)              NOT NULL,
    label            VARCHAR(100)             NOT NULL,
    label_key        VARCHAR(300)             NOT NULL,
    environment      VARCHAR(8)               NOT NULL,
    base_url         VARCHAR(200),
    can_read         BOOLEAN                  NOT NULL,
    can_trade        BOOLEAN                  NOT NULL,
    -- stored only so that a key able to withdraw is recognised and refused
    can_withdraw     BOOLEAN                  NOT NULL,
    active           BOOLEAN                  NOT NULL,
    api_key_hint     VARCHAR(20),
    -- the vault's sealed envelope, never the key itself
    credentials      VARCHAR(4000),
    sync_status      VARCHAR(10)              NOT NULL,
    last_sync_at     TIMESTAMP WITH TIME ZONE,
    last_sync_error  VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT venue_accounts_owner UNIQUE (workspace_id, id),
    CONSTRAINT venue_accounts_label UNIQUE (workspace_id, label_key),
    CONSTRAINT venue_accounts_environment CHECK (environment IN ('PAPER', 'LIVE')),
    CONSTRAINT venue_accounts_sync_status CHECK (sync_status IN ('NEVER', 'SYNCING', 'CONNECTED', 'FAILED')),
    CONSTRAINT venue_accounts_permissions CHECK (can_read OR can_trade OR can_withdraw),
    CONSTRAINT venue_accounts_hint CHECK (api_key_hint IS NULL OR credentials IS NOT NULL)
);

-- Holdings snapshots: what an account held at one moment. One snapshot per account and instant, which is also
-- the index that finds an account's latest snapshot and its history. Deleting an account deletes its snapshots:
-- they can be fetched again, unlike orders.
CREATE TABLE holdings_snapshots (
    id            UUID                     NOT NULL PRIMARY KEY,
    workspace_id  UUID                     NOT NULL,
    account_id    UUID                     NOT NULL,
    taken_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT holdings_snapshots_owner UNIQUE (workspace_id, id),
    CONSTRAINT holdings_snapshots_moment UNIQUE (account_id, taken_at),
    CONSTRAINT holdings_snapshots_account FOREIGN KEY (workspace_id, account_id)
        REFERENCES venue_accounts (workspace_id, id) ON DELETE CASCADE
);

-- One balance line of a snapshot: a wallet (kind) of the account and an asset. The venue is kept on the line, as
-- the domain's Holding carries it.
CREATE TABLE holdings_snapshot_lines (
    snapshot_id    UUID           NOT NULL,
    workspace_id   UUID           NOT NULL,
    kind           VARCHAR(16)    NOT NULL,
    asset          VARCHAR(20)    NOT NULL,
    venue          VARCHAR(32)    NOT NULL,
    free_amount    NUMERIC(38,18) NOT NULL,
    locked_amount  NUMERIC(38,18) NOT NULL,
    CONSTRAINT holdings_snapshot_lines_pk PRIMARY KEY (snapshot_id, kind, asset),
    CONSTRAINT holdings_snapshot_lines_snapshot FOREIGN KEY (workspace_id, snapshot_id)
        REFERENCES holdings_snapshots (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT holdings_snapshot_lines_kind CHECK (kind IN ('SPOT', 'FUTURES')),
    CONSTRAINT holdings_snapshot_lines_amounts CHECK (free_amount >= 0 AND locked_amount >= 0)
);
