-- Spaced-repetition study: one card per (student, question), an append-only review log, and
-- per-student scheduling preferences and parameters.
CREATE TABLE cards (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id    INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    course_id      INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    state          TEXT    NOT NULL CHECK (state IN ('new', 'learning', 'review', 'relearning')),
    step           INTEGER NOT NULL DEFAULT 0,
    stability      REAL    NOT NULL DEFAULT 0,
    difficulty     REAL    NOT NULL DEFAULT 0,
    due            INTEGER NOT NULL,
    last_review    INTEGER,
    reps           INTEGER NOT NULL DEFAULT 0,
    lapses         INTEGER NOT NULL DEFAULT 0,
    scheduled_days INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    UNIQUE (user_id, question_id)
) STRICT;
CREATE INDEX cards_due ON cards (user_id, course_id, due);

-- Every answer given in study, never updated except for the student's own rating override of
-- their latest answer. `card_before` is the card as it was, so an override can re-apply.
CREATE TABLE reviews (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    card_id            INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    question_id        INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    course_id          INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    review_key         TEXT    NOT NULL,
    reviewed_at        INTEGER NOT NULL,
    rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    suggested_rating   INTEGER NOT NULL CHECK (suggested_rating BETWEEN 1 AND 4),
    correct            INTEGER NOT NULL CHECK (correct IN (0, 1)),
    score              REAL    NOT NULL,
    response           TEXT    NOT NULL,
    duration_ms        INTEGER NOT NULL,
    state_before       TEXT    NOT NULL,
    elapsed_days       INTEGER NOT NULL,
    scheduled_days     INTEGER NOT NULL,
    new_scheduled_days INTEGER NOT NULL,
    predicted_recall   REAL,
    desired_retention  REAL    NOT NULL,
    stability          REAL    NOT NULL,
    difficulty         REAL    NOT NULL,
    card_before        TEXT    NOT NULL,
    UNIQUE (user_id, review_key)
) STRICT;
CREATE INDEX reviews_by_user ON reviews (user_id, reviewed_at);
CREATE INDEX reviews_by_card ON reviews (card_id, reviewed_at);
CREATE INDEX reviews_by_question ON reviews (question_id);

CREATE TABLE study_prefs (
    user_id           INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    day_start_hour    INTEGER NOT NULL DEFAULT 4 CHECK (day_start_hour BETWEEN 0 AND 23),
    fsrs_params       TEXT,                     -- JSON array of 21 numbers; NULL = defaults
    params_reviews    INTEGER NOT NULL DEFAULT 0, -- reviews the parameters were fitted on
    params_log_loss   REAL,
    params_updated_at INTEGER
) STRICT;

-- A student's own limits in one course (NULL = the course's).
CREATE TABLE course_prefs (
    user_id           INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    course_id         INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    new_per_day       INTEGER CHECK (new_per_day BETWEEN 0 AND 1000),
    desired_retention REAL    CHECK (desired_retention BETWEEN 0.7 AND 0.99),
    PRIMARY KEY (user_id, course_id)
) STRICT, WITHOUT ROWID;
