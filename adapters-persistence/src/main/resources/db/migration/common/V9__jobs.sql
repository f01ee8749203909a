-- The durable job queue. A job is READY (waiting until run_at), RUNNING (leased to a worker until run_at), DONE or
-- DEAD. Keeping the lease's end in run_at makes "due" one condition for both: status in (READY, RUNNING) and
-- run_at <= now, so a job whose worker died is simply due again when its lease ends.
CREATE TABLE jobs (
    id               UUID                     NOT NULL PRIMARY KEY,
    type             VARCHAR(64)              NOT NULL,
    workspace_id     UUID                     REFERENCES workspaces (id),
    payload          VARCHAR(16384)           NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    attempts         INTEGER                  NOT NULL,
    run_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner      VARCHAR(100),
    lease_token      UUID,
    last_error       VARCHAR(2000),
    idempotency_key  VARCHAR(200),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT jobs_status CHECK (status IN ('READY', 'RUNNING', 'DONE', 'DEAD')),
    CONSTRAINT jobs_attempts CHECK (attempts >= 0)
);

-- One job per idempotency key and type (NULL keys do not collide).
CREATE UNIQUE INDEX jobs_idempotency ON jobs (type, idempotency_key);
CREATE INDEX jobs_dead ON jobs (status, finished_at);
