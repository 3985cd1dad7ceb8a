-- A user's cancel is written here before Temporal is asked, so a cancel Temporal did not receive (it was down) is
-- not lost: the reconciler carries out recorded cancels of jobs still pending or processing.
ALTER TABLE jobs ADD COLUMN cancel_requested_at TIMESTAMPTZ;
CREATE INDEX jobs_cancel_requested_idx ON jobs (cancel_requested_at)
    WHERE cancel_requested_at IS NOT NULL AND status IN ('pending', 'processing');
