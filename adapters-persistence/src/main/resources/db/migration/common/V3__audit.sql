-- The audit trail: append-only, one row per audited event, read newest first per workspace (and per target).
-- details holds the entry's key/value pairs as sorted, URL-encoded k=v&k=v text: deterministic, and readable
-- with no JSON support on either engine.
CREATE TABLE audit_log (
    id              UUID                     NOT NULL PRIMARY KEY,
    workspace_id    UUID                     NOT NULL REFERENCES workspaces (id),
    actor           VARCHAR(200)             NOT NULL,
    action          VARCHAR(100)             NOT NULL,
    target          VARCHAR(200)             NOT NULL,
    correlation_id  VARCHAR(100),
    ip              VARCHAR(100),
    user_agent      VARCHAR(500),
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    details         TEXT                     NOT NULL
);
CREATE INDEX audit_log_workspace_at ON audit_log (workspace_id, at);
CREATE INDEX audit_log_workspace_target_at ON audit_log (workspace_id, target, at);
