-- A key's unfinished jobs in their order: whether a key has any (an enqueue's question) and which WAITING job is
-- next (a finish's) are one probe each. Finished jobs never enter it, so it stays as small as the backlog.
CREATE INDEX jobs_ordering ON jobs (ordering_key, seq) WHERE status IN ('READY', 'RUNNING', 'WAITING') AND ordering_key IS NOT NULL;
