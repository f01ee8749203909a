-- A key's unfinished jobs: whether a key has any (an enqueue's question), whether its head is READY or RUNNING and
-- which WAITING job is next (a finish's) are one index seek each, the status in the key so that a seek for WAITING
-- never visits the key's other jobs (nor, until vacuum, the dead entries its earlier status changes left). Finished
-- jobs never enter it, so it stays as small as the backlog.
CREATE INDEX jobs_ordering ON jobs (ordering_key, status, order_at, seq) WHERE status IN ('READY', 'RUNNING', 'WAITING') AND ordering_key IS NOT NULL;
