-- H2 has no partial indexes (see postgresql/V20): the status in the key lets a probe skip a key's finished jobs.
CREATE INDEX jobs_ordering ON jobs (ordering_key, status, order_at, seq);
