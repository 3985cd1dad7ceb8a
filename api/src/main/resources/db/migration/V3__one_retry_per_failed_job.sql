-- A failed job is retried at most once (a double click must not start two jobs); retry the retry instead.
CREATE UNIQUE INDEX jobs_retry_of_job_idx ON jobs (retry_of_job_id) WHERE retry_of_job_id IS NOT NULL;
