-- Indexes found by the load benchmark (see README, Benchmarks).
-- New questions in course order: lets the study queue stop at its daily limit instead of
-- sorting every question of the course.
CREATE INDEX question_sets_by_course ON question_sets (course_id, position, id);
-- "New questions studied today" reads only the day's first answers of one course.
CREATE INDEX reviews_new_by_day ON reviews (user_id, course_id, reviewed_at) WHERE state_before = 'new';
