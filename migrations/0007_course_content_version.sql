-- A course's content version: bumped by triggers whenever a change to its sets or questions can
-- change what a student studies next (a question added, removed, hidden or moved). The server
-- keeps each student's study queue in memory and rebuilds it when this number moves; triggers
-- make writes from any process (the server, `factcards import`) count.
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
