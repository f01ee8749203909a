-- Only due-able jobs are scanned by a claim: DONE and DEAD rows never enter this index, so it stays as small as
-- the backlog however long the history grows. (H2 has no partial indexes: see h2/V10.)
CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('READY', 'RUNNING');
