-- What settled on a paper account (final orders, and fills), moved out of its paper_states document so that
-- document holds only what is live and stops growing with every order. Appended in the transaction that saves the
-- document at `version`, at `item` within that save (so (version, item) is the order things settled in); never
-- updated. A row lives only as long as its account's document (deleting it, or the account, forgets the history),
-- and a reset forgets it in the transaction that saves the reset document. `document` is the paper venue's own
-- JSON of the order or fill; the other columns are the keys it is found by. `entry_id` is the order id or trade id.
CREATE TABLE paper_history (
    workspace_id     UUID                     NOT NULL,
    account_id       UUID                     NOT NULL,
    version          BIGINT                   NOT NULL,
    item             INTEGER                  NOT NULL,
    kind             VARCHAR(5)               NOT NULL,
    entry_id         VARCHAR(128)             NOT NULL,
    client_order_id  VARCHAR(36),
    base             VARCHAR(20)              NOT NULL,
    quote            VARCHAR(20)              NOT NULL,
    market           VARCHAR(16)              NOT NULL,
    at               TIMESTAMP WITH TIME ZONE NOT NULL,
    document         TEXT                     NOT NULL,
    CONSTRAINT paper_history_pk PRIMARY KEY (account_id, version, item),
    CONSTRAINT paper_history_once UNIQUE (account_id, kind, entry_id),
    CONSTRAINT paper_history_state FOREIGN KEY (account_id) REFERENCES paper_states (account_id) ON DELETE CASCADE,
    CONSTRAINT paper_history_account FOREIGN KEY (workspace_id, account_id) REFERENCES venue_accounts (workspace_id, id)
        ON DELETE CASCADE,
    CONSTRAINT paper_history_kind CHECK (kind IN ('ORDER', 'FILL')),
    CONSTRAINT paper_history_client_order_id CHECK ((kind = 'ORDER' AND client_order_id IS NOT NULL)
        OR (kind = 'FILL' AND client_order_id IS NULL)),
    CONSTRAINT paper_history_position CHECK (version >= 1 AND item >= 0)
);

-- A query by client order id (the latest settled order, and whether the id was ever used); fills have none.
CREATE INDEX paper_history_client_order ON paper_history (account_id, client_order_id);
-- An instrument's fills since a time.
CREATE INDEX paper_history_fills ON paper_history (account_id, kind, base, quote, market, at);
