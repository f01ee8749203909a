-- Alerts: one condition each, stored as its kind, an optional instrument (price conditions) and one threshold.
CREATE TABLE alerts (
    id                UUID                     NOT NULL PRIMARY KEY,
    workspace_id      UUID                     NOT NULL REFERENCES workspaces (id),
    name              VARCHAR(100)             NOT NULL,
    condition_kind    VARCHAR(24)              NOT NULL,
    instrument_base   VARCHAR(20),
    instrument_quote  VARCHAR(20),
    instrument_market VARCHAR(16),
    threshold         NUMERIC(38, 18)          NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    triggered_at      TIMESTAMP WITH TIME ZONE,
    last_message      VARCHAR(1000),
    CONSTRAINT alerts_condition_kind CHECK (condition_kind IN
        ('PRICE_ABOVE', 'PRICE_BELOW', 'PORTFOLIO_VALUE_BELOW', 'DAILY_LOSS_ABOVE')),
    CONSTRAINT alerts_instrument CHECK (
        (condition_kind IN ('PRICE_ABOVE', 'PRICE_BELOW')
            AND instrument_base IS NOT NULL AND instrument_quote IS NOT NULL AND instrument_market IS NOT NULL)
        OR (condition_kind NOT IN ('PRICE_ABOVE', 'PRICE_BELOW')
            AND instrument_base IS NULL AND instrument_quote IS NULL AND instrument_market IS NULL)),
    CONSTRAINT alerts_status CHECK (status IN ('ACTIVE', 'TRIGGERED', 'DISABLED')),
    CONSTRAINT alerts_triggered CHECK (status <> 'TRIGGERED' OR triggered_at IS NOT NULL)
);
CREATE INDEX alerts_workspace_created ON alerts (workspace_id, created_at);
-- the checker's scan of every workspace's active alerts, in id order
CREATE INDEX alerts_status_id ON alerts (status, id);
