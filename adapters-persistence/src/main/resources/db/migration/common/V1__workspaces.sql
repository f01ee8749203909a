-- Workspaces: the unit of ownership. Every row a user owns references one, and every read filters by it.
CREATE TABLE workspaces (
    id          UUID                     NOT NULL PRIMARY KEY,
    name        VARCHAR(200)             NOT NULL,
    kind        VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT workspaces_kind CHECK (kind IN ('PERSONAL', 'TEAM'))
);
