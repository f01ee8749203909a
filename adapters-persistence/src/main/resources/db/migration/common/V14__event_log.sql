-- The live event log, in one order for every process. A sequence is taken from the one row of event_sequence by
-- an UPDATE in the appending transaction: its row lock is held until that transaction ends, so appends run one
-- at a time, sequences are gap-free (a rolled-back append gives its number back) and commit order is sequence
-- order. A database sequence or identity would hand out numbers in call order and let a later number commit
-- first, and a reader resuming after it would miss the earlier one for good.
CREATE TABLE event_sequence (
    id             INTEGER NOT NULL PRIMARY KEY,
    last_sequence  BIGINT  NOT NULL,
    CONSTRAINT event_sequence_one_row CHECK (id = 1),
    CONSTRAINT event_sequence_last CHECK (last_sequence >= 0)
);
INSERT INTO event_sequence (id, last_sequence) VALUES (1, 0);

-- data holds the event's key/value pairs as sorted, URL-encoded k=v&k=v text, like the audit log's details.
CREATE TABLE events (
    sequence      BIGINT                   NOT NULL PRIMARY KEY,
    workspace_id  UUID                     NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    type          VARCHAR(32)              NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    data          TEXT                     NOT NULL
);
CREATE INDEX events_workspace_sequence ON events (workspace_id, sequence);
CREATE INDEX events_at ON events (at);
