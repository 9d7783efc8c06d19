-- Comments on a case, read and written by the roles that work it (need-to-know, as the case's
-- personal data): the conversation beside the decisions, instead of in e-mails outside Doorzet.
CREATE TABLE case_comment (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  author_id UUID NOT NULL,
  author_name TEXT NOT NULL,
  author_role TEXT NOT NULL,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX case_comment_case ON case_comment (case_id, created_at);

-- A date a person sets on a task for themselves ("look again on ..."); nobody else sees it.
-- Keyed by the engine's task id, which is gone once the task is completed; stale rows are harmless.
CREATE TABLE task_follow_up (
  user_id UUID NOT NULL,
  task_key TEXT NOT NULL,
  follow_up_on DATE NOT NULL,
  PRIMARY KEY (user_id, task_key)
);
