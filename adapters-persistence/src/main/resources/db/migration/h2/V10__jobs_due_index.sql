-- H2 has no partial indexes; the embedded default's queue is small, so (status, run_at) serves the claim.
CREATE INDEX jobs_due ON jobs (status, run_at);
