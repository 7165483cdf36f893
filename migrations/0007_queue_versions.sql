-- Versions that tell the server when a kept study queue is out of date. Both are bumped by
-- triggers, so writes from any process (the server, `factcards import`, an admin's SQL) count.

-- A course's content version: moves whenever a change to its sets or questions can change what
-- a student studies next (a question added, removed, hidden or moved).
ALTER TABLE courses ADD COLUMN content_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER content_on_question_insert AFTER INSERT ON questions
BEGIN
    UPDATE courses SET content_version = content_version + 1
    WHERE id = (SELECT course_id FROM question_sets WHERE id = NEW.set_id);
END;

CREATE TRIGGER content_on_question_delete AFTER DELETE ON questions
BEGIN
    UPDATE courses SET content_version = content_version + 1
    WHERE id = (SELECT course_id FROM question_sets WHERE id = OLD.set_id);
END;

CREATE TRIGGER content_on_question_update AFTER UPDATE OF status, set_id, position ON questions
BEGIN
    UPDATE courses SET content_version = content_version + 1
    WHERE id IN (SELECT course_id FROM question_sets WHERE id IN (OLD.set_id, NEW.set_id));
END;

CREATE TRIGGER content_on_set_insert AFTER INSERT ON question_sets
BEGIN
    UPDATE courses SET content_version = content_version + 1 WHERE id = NEW.course_id;
END;

CREATE TRIGGER content_on_set_delete AFTER DELETE ON question_sets
BEGIN
    UPDATE courses SET content_version = content_version + 1 WHERE id = OLD.course_id;
END;

CREATE TRIGGER content_on_set_update AFTER UPDATE OF published, position, course_id ON question_sets
BEGIN
    UPDATE courses SET content_version = content_version + 1 WHERE id IN (OLD.course_id, NEW.course_id);
END;

-- A student's cards version: bumped by triggers at every write to their cards, from any process.
-- The kept study queue is read again when it moves (or patched by the write that moved it).
ALTER TABLE users ADD COLUMN cards_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER cards_version_on_insert AFTER INSERT ON cards
BEGIN
    UPDATE users SET cards_version = cards_version + 1 WHERE id = NEW.user_id;
END;

CREATE TRIGGER cards_version_on_update AFTER UPDATE ON cards
BEGIN
    UPDATE users SET cards_version = cards_version + 1 WHERE id IN (OLD.user_id, NEW.user_id);
END;

CREATE TRIGGER cards_version_on_delete AFTER DELETE ON cards
BEGIN
    UPDATE users SET cards_version = cards_version + 1 WHERE id = OLD.user_id;
END;
