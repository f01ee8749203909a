-- The day's fills of an account summed per instrument and side, kept as each fill is added (in its transaction), so
-- the risk engine's daily P&L reads a row per instrument and side instead of summing every fill of the day: that
-- sum grew with the day's trading and became the costliest read of a signal. `trade_day` is the fill's UTC date;
-- `notional` is the sum of price x quantity. Filled for the fills stored before this table by V18.
CREATE TABLE fill_totals (
    workspace_id  UUID            NOT NULL,
    account_id    UUID            NOT NULL,
    trade_day     DATE            NOT NULL,
    base          VARCHAR(20)     NOT NULL,
    quote         VARCHAR(20)     NOT NULL,
    market        VARCHAR(16)     NOT NULL,
    side          VARCHAR(4)      NOT NULL,
    quantity      NUMERIC(38,18)  NOT NULL,
    notional      NUMERIC(38,18)  NOT NULL,
    fills         INTEGER         NOT NULL,
    CONSTRAINT fill_totals_pk PRIMARY KEY (account_id, trade_day, base, quote, market, side),
    CONSTRAINT fill_totals_account FOREIGN KEY (workspace_id, account_id) REFERENCES venue_accounts (workspace_id, id),
    CONSTRAINT fill_totals_side CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT fill_totals_amounts CHECK (quantity > 0 AND notional > 0 AND fills > 0)
);
