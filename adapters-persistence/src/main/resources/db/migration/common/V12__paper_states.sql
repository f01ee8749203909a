-- The paper venue's exchange-side state per account, as one versioned document written by the paper venue
-- (its internal books, like a real venue's own database). The account must be the workspace's own.
CREATE TABLE paper_states (
    workspace_id  UUID                     NOT NULL REFERENCES workspaces (id),
    account_id    UUID                     NOT NULL,
    document      TEXT                     NOT NULL,
    version       BIGINT                   NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT paper_states_pk PRIMARY KEY (account_id),
    CONSTRAINT paper_states_account FOREIGN KEY (workspace_id, account_id) REFERENCES venue_accounts (workspace_id, id)
        ON DELETE CASCADE,
    CONSTRAINT paper_states_version CHECK (version >= 1)
);
