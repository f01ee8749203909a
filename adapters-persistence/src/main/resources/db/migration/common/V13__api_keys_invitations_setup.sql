-- API keys, invitations to team workspaces, and the one-time setup tokens of a fresh instance. Like session
-- tokens, keys and invitation tokens are kept only as the lower-case hex of their SHA-256.

-- A key acts as the member who created it, in one workspace, limited to its scopes: the scope names, sorted and
-- comma-separated (READ,TRADE), read back into a set.
CREATE TABLE api_keys (
    id            UUID                     NOT NULL PRIMARY KEY,
    workspace_id  UUID                     NOT NULL REFERENCES workspaces (id),
    user_id       UUID                     NOT NULL REFERENCES users (id),
    name          VARCHAR(100)             NOT NULL,
    scopes        VARCHAR(100)             NOT NULL,
    key_hash      VARCHAR(64)              NOT NULL,
    hint          VARCHAR(32)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_keys_key_hash_unique UNIQUE (key_hash)
);
CREATE INDEX api_keys_workspace_created ON api_keys (workspace_id, created_at);

CREATE TABLE invitations (
    id            UUID                     NOT NULL PRIMARY KEY,
    workspace_id  UUID                     NOT NULL REFERENCES workspaces (id),
    email         VARCHAR(254)             NOT NULL,
    role          VARCHAR(16)              NOT NULL,
    token_hash    VARCHAR(64)              NOT NULL,
    invited_by    UUID                     NOT NULL REFERENCES users (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at   TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT invitations_token_hash_unique UNIQUE (token_hash),
    CONSTRAINT invitations_role CHECK (role IN ('OWNER', 'TRADER', 'VIEWER'))
);
CREATE INDEX invitations_workspace_created ON invitations (workspace_id, created_at);

-- Not owned by anyone: they exist only while the instance has no user. Spending one spends them all.
CREATE TABLE setup_tokens (
    token_hash  VARCHAR(64)              NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
