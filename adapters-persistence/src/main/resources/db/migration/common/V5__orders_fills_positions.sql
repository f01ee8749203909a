-- Orders on venue accounts. A client order id is unique per account: one intent is never two orders (part of
-- exactly-once). Orders reference their account with its workspace, so no order can sit on another workspace's
-- account; an account with orders cannot be deleted (its history is kept for tax and audit).
-- An order is sized by a quantity of the base (QUANTITY) or an amount of the quote (QUOTE_AMOUNT); a trailing
-- stop trails by an AMOUNT of the quote or a PERCENT of the price.
CREATE TABLE orders (
    id                  UUID                     NOT NULL PRIMARY KEY,
    workspace_id        UUID                     NOT NULL,
    account_id          UUID                     NOT NULL,
    client_order_id     VARCHAR(36)              NOT NULL,
    base                VARCHAR(20)              NOT NULL,
    quote               VARCHAR(20)              NOT NULL,
    market              VARCHAR(16)              NOT NULL,
    side                VARCHAR(4)               NOT NULL,
    order_type          VARCHAR(20)              NOT NULL,
    size_kind           VARCHAR(12)              NOT NULL,
    size_amount         NUMERIC(38,18)           NOT NULL,
    limit_price         NUMERIC(38,18),
    stop_price          NUMERIC(38,18),
    trailing_kind       VARCHAR(8),
    trailing_amount     NUMERIC(38,18),
    time_in_force       VARCHAR(3)               NOT NULL,
    status              VARCHAR(16)              NOT NULL,
    filled_quantity     NUMERIC(38,18)           NOT NULL,
    average_fill_price  NUMERIC(38,18),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT orders_owner UNIQUE (workspace_id, id),
    CONSTRAINT orders_client_order_id UNIQUE (account_id, client_order_id),
    CONSTRAINT orders_account FOREIGN KEY (workspace_id, account_id) REFERENCES venue_accounts (workspace_id, id),
    CONSTRAINT orders_side CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT orders_size_kind CHECK (size_kind IN ('QUANTITY', 'QUOTE_AMOUNT')),
    CONSTRAINT orders_trailing CHECK ((trailing_kind IS NULL AND trailing_amount IS NULL)
        OR (trailing_kind IN ('AMOUNT', 'PERCENT') AND trailing_amount IS NOT NULL)),
    CONSTRAINT orders_status CHECK (status IN ('NEW', 'ACCEPTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED',
        'REJECTED', 'EXPIRED', 'FAILED'))
);

-- The open orders of an account are read on every sync and every risk check.
CREATE INDEX orders_account_status ON orders (account_id, status);

-- Fills: one row per (order, venue trade id), which is what makes a fill reported twice recorded once. The
-- account is copied from the order so an account's recent fills need no join.
CREATE TABLE fills (
    order_id      UUID                     NOT NULL,
    trade_id      VARCHAR(128)             NOT NULL,
    workspace_id  UUID                     NOT NULL,
    account_id    UUID                     NOT NULL,
    base          VARCHAR(20)              NOT NULL,
    quote         VARCHAR(20)              NOT NULL,
    market        VARCHAR(16)              NOT NULL,
    side          VARCHAR(4)               NOT NULL,
    price         NUMERIC(38,18)           NOT NULL,
    quantity      NUMERIC(38,18)           NOT NULL,
    fee_amount    NUMERIC(38,18)           NOT NULL,
    fee_asset     VARCHAR(20)              NOT NULL,
    executed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fills_pk PRIMARY KEY (order_id, trade_id),
    CONSTRAINT fills_order FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id),
    CONSTRAINT fills_side CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT fills_amounts CHECK (price > 0 AND quantity > 0 AND fee_amount >= 0)
);

CREATE INDEX fills_account_time ON fills (account_id, executed_at);

-- Positions: one per (account, instrument), flat ones kept for their realized P&L. The cost basis and the
-- realized P&L are amounts of the quote asset (the domain's Position holds that), so the quote column is their
-- asset.
CREATE TABLE positions (
    account_id     UUID           NOT NULL,
    base           VARCHAR(20)    NOT NULL,
    quote          VARCHAR(20)    NOT NULL,
    market         VARCHAR(16)    NOT NULL,
    workspace_id   UUID           NOT NULL,
    quantity       NUMERIC(38,18) NOT NULL,
    cost_basis     NUMERIC(38,18) NOT NULL,
    realized_pnl   NUMERIC(38,18) NOT NULL,
    leverage       NUMERIC(38,18) NOT NULL,
    CONSTRAINT positions_pk PRIMARY KEY (account_id, base, quote, market),
    CONSTRAINT positions_account FOREIGN KEY (workspace_id, account_id) REFERENCES venue_accounts (workspace_id, id),
    CONSTRAINT positions_amounts CHECK (cost_basis >= 0 AND leverage >= 1)
);

CREATE INDEX positions_workspace ON positions (workspace_id);
