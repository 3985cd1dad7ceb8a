-- The projection: what users own (projects, assets) and what they asked for (jobs).
-- Temporal holds the execution; these rows are what the API lists and serves.

CREATE TABLE projects (
    id          UUID PRIMARY KEY,
    user_id     TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX projects_user_created_idx ON projects (user_id, created_at DESC);

CREATE TABLE assets (
    id                 UUID PRIMARY KEY,
    project_id         UUID        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id            TEXT        NOT NULL,
    file_name          TEXT        NOT NULL,
    content_type       TEXT        NOT NULL,
    size_bytes         BIGINT      NOT NULL,
    kind               TEXT        NOT NULL CHECK (kind IN ('video', 'audio')),
    duration_seconds   DOUBLE PRECISION NOT NULL,
    has_audio          BOOLEAN     NOT NULL,
    audio_codec        TEXT,
    audio_sample_rate  INTEGER,
    audio_channels     INTEGER,
    video_codec        TEXT,
    video_width        INTEGER,
    video_height       INTEGER,
    storage_path       TEXT        NOT NULL UNIQUE,
    -- Set on assets a job produced; unique so a retried activity can never store a second result.
    source_job_id      UUID        UNIQUE,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX assets_project_created_idx ON assets (project_id, created_at DESC);
CREATE INDEX assets_user_idx ON assets (user_id);

CREATE TABLE jobs (
    id                  UUID PRIMARY KEY,          -- also the Temporal workflow id
    user_id             TEXT        NOT NULL,
    project_id          UUID        NOT NULL,
    asset_id            UUID        NOT NULL,      -- no FK: a job's history outlives its source asset
    type                TEXT        NOT NULL CHECK (type IN ('noise-removal', 'subtitle-generation')),
    status              TEXT        NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    progress            INTEGER     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    estimated_duration  INTEGER,                   -- seconds
    output_data         JSONB,
    error_message       TEXT,
    options             JSONB,
    workflow_id         TEXT        NOT NULL UNIQUE,
    attempt             INTEGER     NOT NULL DEFAULT 0,
    retry_of_job_id     UUID REFERENCES jobs (id),
    idempotency_key     TEXT,
    request_fingerprint TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at          TIMESTAMPTZ,
    completed_at        TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The list endpoint filters by user and optionally project, status and type, newest first.
CREATE INDEX jobs_user_created_idx ON jobs (user_id, created_at DESC, id DESC);
CREATE INDEX jobs_user_project_created_idx ON jobs (user_id, project_id, created_at DESC);
CREATE INDEX jobs_user_status_created_idx ON jobs (user_id, status, created_at DESC);
CREATE INDEX jobs_user_type_created_idx ON jobs (user_id, type, created_at DESC);
-- The reconciler looks for pending rows whose workflow may never have started.
CREATE INDEX jobs_pending_created_idx ON jobs (created_at) WHERE status = 'pending';
CREATE UNIQUE INDEX jobs_user_idempotency_key_idx ON jobs (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
