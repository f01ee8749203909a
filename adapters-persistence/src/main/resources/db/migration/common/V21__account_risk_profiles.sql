-- Risk profiles: the limits a venue account's owner set, one row per account at most (an account without one uses
-- the product's defaults). The account is referenced with its workspace, so no profile can sit on another
-- workspace's account; deleting the account deletes its profile. Saved by compare-and-set on the version.
-- The whitelist is the sorted BASE/QUOTE symbols joined by ',' (codes never contain one; empty: none chosen):
-- up to 500 symbols of up to 41 characters, 20999 with the commas.
CREATE TABLE account_risk_profiles (
    account_id          UUID                     NOT NULL,
    workspace_id        UUID                     NOT NULL REFERENCES workspaces (id),
    symbol_whitelist    VARCHAR(21000)           NOT NULL,
    min_order_size      NUMERIC(38,18)           NOT NULL,
    max_order_size      NUMERIC(38,18)           NOT NULL,
    max_order_value     NUMERIC(38,18)           NOT NULL,
    max_position_value  NUMERIC(38,18)           NOT NULL,
    max_position_share  NUMERIC(38,18)           NOT NULL,
    max_leverage        NUMERIC(38,18)           NOT NULL,
    max_risk_per_trade  NUMERIC(38,18)           NOT NULL,
    max_daily_loss      NUMERIC(38,18)           NOT NULL,
    max_open_positions  INTEGER                  NOT NULL,
    version             INTEGER                  NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_risk_profiles_pk PRIMARY KEY (account_id),
    CONSTRAINT account_risk_profiles_account FOREIGN KEY (workspace_id, account_id)
        REFERENCES venue_accounts (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT account_risk_profiles_version CHECK (version >= 1)
);
