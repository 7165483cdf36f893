-- Courses, their members, source documents, question sets and questions; practice attempts.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE courses (
    id                INTEGER PRIMARY KEY,
    code              TEXT    NOT NULL UNIQUE,   -- stable short name: URLs and `--course CODE`
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    join_code         TEXT    NOT NULL UNIQUE,   -- what students type to join
    open_to_all       INTEGER NOT NULL DEFAULT 0 CHECK (open_to_all IN (0, 1)),
    archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    desired_retention REAL    NOT NULL DEFAULT 0.9 CHECK (desired_retention BETWEEN 0.7 AND 0.99),
    new_per_day       INTEGER NOT NULL DEFAULT 20 CHECK (new_per_day BETWEEN 0 AND 1000),
    created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE course_members (
    course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT    NOT NULL CHECK (role IN ('instructor', 'student')),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (course_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX course_members_by_user ON course_members (user_id);

CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    course_id  INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    slug       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (course_id, slug)
) STRICT;

CREATE TABLE question_sets (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    slug        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    published   INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (course_id, slug)
) STRICT;

-- A question's body is quiz::model::Body as JSON. Questions dropped from a re-imported file are
-- 'retired' rather than deleted, so students' history stays whole.
CREATE TABLE questions (
    id              INTEGER PRIMARY KEY,
    set_id          INTEGER NOT NULL REFERENCES question_sets (id) ON DELETE CASCADE,
    slug            TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    prompt          TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    explanation     TEXT    NOT NULL DEFAULT '',
    tags            TEXT    NOT NULL DEFAULT '[]',
    document_id     INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    source_sentence TEXT    NOT NULL DEFAULT '',
    source_position INTEGER,
    status          TEXT    NOT NULL DEFAULT 'active'
                    CHECK (status IN ('draft', 'active', 'rejected', 'retired')),
    confidence      REAL,
    origin          TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (set_id, slug)
) STRICT;
CREATE INDEX questions_by_set ON questions (set_id, status, position);

CREATE TABLE attempts (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    response    TEXT    NOT NULL,                 -- quiz::model::Response as JSON
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    score       REAL    NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX attempts_by_question ON attempts (question_id);
CREATE INDEX attempts_by_user ON attempts (user_id, created_at);
