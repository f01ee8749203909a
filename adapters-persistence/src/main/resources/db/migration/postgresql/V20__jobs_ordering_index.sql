-- A claim asks, for each due job with an ordering key, whether another job of its key is still to finish: only
-- unfinished keyed jobs enter this index, so the question is one probe however long the history grows.
CREATE INDEX jobs_ordering ON jobs (ordering_key, seq) WHERE status IN ('READY', 'RUNNING') AND ordering_key IS NOT NULL;
