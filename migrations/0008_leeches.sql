-- Leeches (cards forgotten again and again) of a course, for its instructors. Partial, so it is
-- written only for the few cards that qualify; the threshold is `schedule::LEECH_LAPSES`.
CREATE INDEX cards_leeches ON cards (course_id, lapses) WHERE lapses >= 8;
