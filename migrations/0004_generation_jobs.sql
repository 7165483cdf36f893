-- Generation of questions from a large document runs in the background; this row tells the
-- review page how far it has got.
CREATE TABLE generation_jobs (
    set_id      INTEGER PRIMARY KEY REFERENCES question_sets (id) ON DELETE CASCADE,
    total_bytes INTEGER NOT NULL,
    done_bytes  INTEGER NOT NULL DEFAULT 0,
    status      TEXT    NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
    message     TEXT    NOT NULL DEFAULT '',
    started_at  INTEGER NOT NULL,
    finished_at INTEGER
) STRICT;
