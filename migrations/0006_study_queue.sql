-- The study queue reads only an index (see README, Benchmarks).

-- Due cards: everything the queue needs (count, lowest retrievability, which question) is in
-- the index, so the table rows are not read. Same leading columns as the index it replaces.
DROP INDEX cards_due;
CREATE INDEX cards_queue ON cards (user_id, course_id, due, state, stability, last_review, question_id);

-- Cards of one question: for the triggers below, and so that deleting a question does not scan
-- every card.
CREATE INDEX cards_by_question ON cards (question_id);

-- Questions that students cannot see (not active, or in an unpublished set) but that some
-- student has a card for. The queue leaves their cards out with one lookup in this (usually
-- empty) table instead of joining every due card to its question and set. Kept by triggers, so
-- writes from any process (the server, `factcards import`) keep it right.
CREATE TABLE hidden_questions (
    question_id INTEGER PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
    course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX hidden_questions_by_course ON hidden_questions (course_id, question_id);

INSERT INTO hidden_questions (question_id, course_id)
SELECT q.id, s.course_id FROM questions q JOIN question_sets s ON s.id = q.set_id
WHERE (q.status != 'active' OR s.published = 0)
  AND EXISTS (SELECT 1 FROM cards c WHERE c.question_id = q.id);

CREATE TRIGGER hidden_on_question_update AFTER UPDATE OF status, set_id ON questions
BEGIN
    DELETE FROM hidden_questions WHERE question_id = NEW.id;
    INSERT INTO hidden_questions (question_id, course_id)
    SELECT NEW.id, s.course_id FROM question_sets s
    WHERE s.id = NEW.set_id AND (NEW.status != 'active' OR s.published = 0)
      AND EXISTS (SELECT 1 FROM cards c WHERE c.question_id = NEW.id);
END;

CREATE TRIGGER hidden_on_set_update AFTER UPDATE OF published, course_id ON question_sets
BEGIN
    DELETE FROM hidden_questions WHERE question_id IN (SELECT id FROM questions WHERE set_id = NEW.id);
    INSERT INTO hidden_questions (question_id, course_id)
    SELECT q.id, NEW.course_id FROM questions q
    WHERE q.set_id = NEW.id AND (q.status != 'active' OR NEW.published = 0)
      AND EXISTS (SELECT 1 FROM cards c WHERE c.question_id = q.id);
END;

-- A card made for a question hidden meanwhile (answered just as it was retired).
CREATE TRIGGER hidden_on_card_insert AFTER INSERT ON cards
BEGIN
    INSERT OR IGNORE INTO hidden_questions (question_id, course_id)
    SELECT q.id, s.course_id FROM questions q JOIN question_sets s ON s.id = q.set_id
    WHERE q.id = NEW.question_id AND (q.status != 'active' OR s.published = 0);
END;
